import type { KnownKeyName } from '../../keys/key-names.js';
import type { KeyEvent } from '../../keys/key-event.js';
import type { KeyBinding } from '../../keys/key-profile.js';

/**
 * Messages between the Yiwang emulator (the host page) and the app running in its device frame. The
 * host passes the device's configuration in the frame's `name`, which a page can read synchronously at
 * start-up even when it comes from another origin.
 */
export const EMULATOR_FRAME_NAME_PREFIX = 'yiwang-emulator:';

export interface EmulatorDeviceConfig {
  /** Key profile the simulated box uses. */
  readonly profile: string;
}

export type DeviceToHostMessage =
  | { readonly source: 'yiwang-device'; readonly type: 'hello'; readonly profile: string }
  | { readonly source: 'yiwang-device'; readonly type: 'key'; readonly event: KeyEvent }
  | { readonly source: 'yiwang-device'; readonly type: 'register-keys'; readonly keys: readonly KnownKeyName[] }
  | { readonly source: 'yiwang-device'; readonly type: 'unregister-keys'; readonly keys: readonly KnownKeyName[] };

/** Sent to a cross-origin device, which cannot be reached by dispatching events into it directly. */
export interface HostToDeviceRawKey {
  readonly source: 'yiwang-emulator';
  readonly type: 'raw-key';
  readonly eventType: 'keydown' | 'keyup' | 'keypress';
  readonly binding: Pick<KeyBinding, 'keyCode' | 'key' | 'code'>;
  readonly repeat: boolean;
}

export function emulatorFrameName(config: EmulatorDeviceConfig): string {
  return EMULATOR_FRAME_NAME_PREFIX + JSON.stringify(config);
}

/** The device configuration from a frame name, or undefined when this is not an emulator frame. */
export function parseEmulatorFrameName(name: string): EmulatorDeviceConfig | undefined {
  if (!name.startsWith(EMULATOR_FRAME_NAME_PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(name.slice(EMULATOR_FRAME_NAME_PREFIX.length)) as Partial<EmulatorDeviceConfig>;
    return typeof parsed.profile === 'string' ? { profile: parsed.profile } : undefined;
  } catch {
    return undefined;
  }
}

export function isDeviceMessage(data: unknown): data is DeviceToHostMessage {
  return typeof data === 'object' && data !== null && (data as { source?: unknown }).source === 'yiwang-device';
}

export function isHostRawKey(data: unknown): data is HostToDeviceRawKey {
  return typeof data === 'object' && data !== null && (data as { source?: unknown }).source === 'yiwang-emulator'
    && (data as { type?: unknown }).type === 'raw-key';
}
