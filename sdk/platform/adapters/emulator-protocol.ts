import type { KnownKeyName } from '../../keys/key-names.js';
import type { KeyEvent } from '../../keys/key-event.js';
import type { KeyBinding } from '../../keys/key-profile.js';
import type { DetailsChannel } from '../../alerts/model.js';
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
  /** Administrative region code (GB/T 2260) the box is configured for; apps read it as `platform.region`. */
  readonly region?: string;
}

export type DeviceToHostMessage =
  | { readonly source: 'yiwang-device'; readonly type: 'hello'; readonly profile: string }
  | { readonly source: 'yiwang-device'; readonly type: 'key'; readonly event: KeyEvent }
  | { readonly source: 'yiwang-device'; readonly type: 'register-keys'; readonly keys: readonly KnownKeyName[] }
  | { readonly source: 'yiwang-device'; readonly type: 'unregister-keys'; readonly keys: readonly KnownKeyName[] }
  /** Whether the app takes guide feeds now (it subscribed to `epgFeeds`, e.g. through `connectEpgFeeds`). */
  | { readonly source: 'yiwang-device'; readonly type: 'epg-feeds'; readonly connected: boolean }
  /** The outcome of the feed the host sent as `id`. */
  | { readonly source: 'yiwang-device'; readonly type: 'epg-import'; readonly id: string; readonly result: EpgImportResult }
  /** The app tunes the box (an alert's force-tune, or the return from it). */
  | { readonly source: 'yiwang-device'; readonly type: 'tune'; readonly target: DetailsChannel }
  /** The app changes the output volume (0–100) and/or mute. */
  | { readonly source: 'yiwang-device'; readonly type: 'volume'; readonly volume?: number; readonly muted?: boolean };

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

/** An SCTE 18 section as the box's tuner would deliver it (the emulator's alert panel, injected in-band). */
export interface HostToDeviceAlertInband {
  readonly source: 'yiwang-emulator';
  readonly type: 'alert-inband';
  readonly bytes: Uint8Array;
}

/** An alert message (CAP or EBD XML) handed to the app as if received locally; apps ingest it with origin `local`. */
export interface HostToDeviceAlertInject {
  readonly source: 'yiwang-emulator';
  readonly type: 'alert-inject';
  readonly xml: string;
}

/** The simulated box's tuner and audio state; sent after the device's hello and after every change. */
export interface HostToDeviceTunerState {
  readonly source: 'yiwang-emulator';
  readonly type: 'tuner-state';
  readonly channel?: DetailsChannel;
  readonly volume: number;
  readonly muted: boolean;
}

export type HostToDeviceMessage =
  | HostToDeviceRawKey | HostToDeviceEpgFeed | HostToDeviceAlertInband | HostToDeviceAlertInject | HostToDeviceTunerState;

export function emulatorFrameName(config: EmulatorDeviceConfig): string {
  return EMULATOR_FRAME_NAME_PREFIX + JSON.stringify(config);
}

/** The device configuration from a frame name, or undefined when this is not an emulator frame. */
export function parseEmulatorFrameName(name: string): EmulatorDeviceConfig | undefined {
  if (!name.startsWith(EMULATOR_FRAME_NAME_PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(name.slice(EMULATOR_FRAME_NAME_PREFIX.length)) as Partial<Record<keyof EmulatorDeviceConfig, unknown>>;
    if (typeof parsed.profile !== 'string') return undefined;
    return typeof parsed.region === 'string' ? { profile: parsed.profile, region: parsed.region } : { profile: parsed.profile };
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

function isEmulatorMessage(data: unknown, type: string): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && (data as { source?: unknown }).source === 'yiwang-emulator'
    && (data as { type?: unknown }).type === type;
}

export function isHostAlertInband(data: unknown): data is HostToDeviceAlertInband {
  return isEmulatorMessage(data, 'alert-inband') && data.bytes instanceof Uint8Array;
}

export function isHostAlertInject(data: unknown): data is HostToDeviceAlertInject {
  return isEmulatorMessage(data, 'alert-inject') && typeof data.xml === 'string';
}

/** A details channel as sent over postMessage: an object whose present members are all numbers. */
export function isDetailsChannel(value: unknown): value is DetailsChannel {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = ['onid', 'tsid', 'sid', 'major', 'minor', 'sourceId', 'number'];
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => keys.includes(k) && (v === undefined || (typeof v === 'number' && Number.isFinite(v))));
}

export function isHostTunerState(data: unknown): data is HostToDeviceTunerState {
  return isEmulatorMessage(data, 'tuner-state') && typeof data.volume === 'number' && typeof data.muted === 'boolean'
    && (data.channel === undefined || isDetailsChannel(data.channel));
}
