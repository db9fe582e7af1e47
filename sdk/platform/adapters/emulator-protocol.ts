import type { KnownKeyName } from '../../keys/key-names.js';
import type { KeyEvent } from '../../keys/key-event.js';
import type { KeyBinding } from '../../keys/key-profile.js';
import type { EpgImportResult } from '../platform-adapter.js';

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
  | { readonly source: 'yiwang-device'; readonly type: 'unregister-keys'; readonly keys: readonly KnownKeyName[] }
  /** Whether the app takes guide feeds now (it subscribed to `epgFeeds`, e.g. through `connectEpgFeeds`). */
  | { readonly source: 'yiwang-device'; readonly type: 'epg-feeds'; readonly connected: boolean }
  /** The outcome of the feed the host sent as `id`. */
  | { readonly source: 'yiwang-device'; readonly type: 'epg-import'; readonly id: string; readonly result: EpgImportResult };

/** Sent to a cross-origin device, which cannot be reached by dispatching events into it directly. */
export interface HostToDeviceRawKey {
  readonly source: 'yiwang-emulator';
  readonly type: 'raw-key';
  readonly eventType: 'keydown' | 'keyup' | 'keypress';
  readonly binding: Pick<KeyBinding, 'keyCode' | 'key' | 'code'>;
  readonly repeat: boolean;
}

/**
 * A guide file for the device's guide store (the emulator's EPG panel). The host copies the bytes and
 * transfers their buffer; the device answers with an `epg-import` message of the same `id`.
 */
export interface HostToDeviceEpgFeed {
  readonly source: 'yiwang-emulator';
  readonly type: 'epg-feed';
  readonly id: string;
  readonly name: string;
  readonly format?: string;
  readonly bytes: Uint8Array;
}

export type HostToDeviceMessage = HostToDeviceRawKey | HostToDeviceEpgFeed;

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

export function isHostEpgFeed(data: unknown): data is HostToDeviceEpgFeed {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<Record<keyof HostToDeviceEpgFeed, unknown>>;
  return m.source === 'yiwang-emulator' && m.type === 'epg-feed' && typeof m.id === 'string' && typeof m.name === 'string'
    && (m.format === undefined || typeof m.format === 'string') && m.bytes instanceof Uint8Array;
}
