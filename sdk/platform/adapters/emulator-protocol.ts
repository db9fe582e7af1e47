import type { KnownKeyName } from '../../keys/key-names.js';
import type { KeyEvent } from '../../keys/key-event.js';
import type { KeyBinding } from '../../keys/key-profile.js';
import type { DetailsChannel } from '../../alerts/model.js';
import type { EpgImportResult } from '../platform-adapter.js';
import type { CaEvent } from '../../ca/ca-events.js';
import type { CaKind } from '../../ca/ca-module.js';
import type { DvbTriplet, TuneResult } from '../../channels/channel.js';

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
  /** Whether the tuner has a signal when the page starts (absent: it has), so `platform.signal` starts right. */
  readonly signal?: boolean;
}

export type DeviceToHostMessage =
  | { readonly source: 'yiwang-device'; readonly type: 'hello'; readonly profile: string }
  /**
   * The page is going (pagehide). It arrives with no `source` (the window's document is gone already), so
   * the host checks its origin against the page that said hello.
   */
  | { readonly source: 'yiwang-device'; readonly type: 'bye' }
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
  | { readonly source: 'yiwang-device'; readonly type: 'volume'; readonly volume?: number; readonly muted?: boolean }
  /** A call of the box's CA library (`platform.ca`); the host answers with a `ca-result` of the same `id`. */
  | { readonly source: 'yiwang-device'; readonly type: 'ca-call'; readonly id: string; readonly method: CaMethod; readonly args: readonly unknown[] }
  /**
   * Whether the app listens to CA events now (0 → 1 subscribers and back). On `true` the host replays what
   * is still on screen (fingerprint with its remaining time, OSD, mail icon, forced tune, card prompt).
   */
  | { readonly source: 'yiwang-device'; readonly type: 'ca-events'; readonly subscribed: boolean }
  /** Whether the app's tuner listens to `tuneRequests` now. */
  | { readonly source: 'yiwang-device'; readonly type: 'tune-requests'; readonly subscribed: boolean }
  /** The outcome of a tune (`reportTune`), answering the host's `tune-request` `requestId` when it came from one. */
  | { readonly source: 'yiwang-device'; readonly type: 'tune-result'; readonly result: TuneResult; readonly requestId?: string };

/** The `CaModule` methods a device may call on the host's CA. */
export const CA_METHODS = [
  'getStatus', 'startService', 'stopService', 'getOperators', 'getEntitlements', 'getWallets', 'getMails', 'readMail',
  'deleteMail', 'verifyPin', 'changePin', 'setRating', 'setWorkTime', 'buyIppv', 'readParentFeed', 'writeChildFeed',
] as const;
export type CaMethod = (typeof CA_METHODS)[number];

export function isCaMethod(value: unknown): value is CaMethod {
  return typeof value === 'string' && (CA_METHODS as readonly string[]).includes(value);
}

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

/** What the box's CA is: sent after the device's hello and whenever the box switches between smart card and DCAS. */
export interface HostToDeviceCaInfo {
  readonly source: 'yiwang-emulator';
  readonly type: 'ca-info';
  readonly vendor: string;
  readonly kind: CaKind;
  readonly caSystemIds: readonly number[];
}

/** Why a CA call failed: the module refused it (`CaCommandFailed`), or the box has no CA (`CaModuleUnavailable`). */
export interface EmulatorCaError {
  readonly code: 'CaCommandFailed' | 'CaModuleUnavailable';
  readonly message: string;
  /** Structured-cloneable details (the command, the module's code); a plain object, or absent. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The answer to a device's `ca-call`. */
export type HostToDeviceCaResult =
  | { readonly source: 'yiwang-emulator'; readonly type: 'ca-result'; readonly id: string; readonly ok: true; readonly value: unknown }
  | { readonly source: 'yiwang-emulator'; readonly type: 'ca-result'; readonly id: string; readonly ok: false; readonly error: EmulatorCaError };

/**
 * A normalized event of the box's CA library; `replay` marks sticky state re-sent to a (re)connected app.
 * `seq` numbers the live events; a replay carries the number of the live event it repeats, so a device
 * that already delivered that one to its listeners drops the replay.
 */
export interface HostToDeviceCaEvent {
  readonly source: 'yiwang-emulator';
  readonly type: 'ca-event';
  readonly event: CaEvent;
  readonly replay?: boolean;
  readonly seq?: number;
}

/** Whether the tuner has a signal; sent after the device's hello and on every change. */
export interface HostToDeviceSignal {
  readonly source: 'yiwang-emulator';
  readonly type: 'signal';
  readonly ok: boolean;
}

/**
 * The box asks the app's tuner for a channel (`emulator.tune(number)`); answered by a `tune-result`. A
 * device whose tuner has not subscribed yet holds it for its first subscriber until `expiresAt` (ms since
 * epoch: when the host stops waiting for the answer; host and device share the machine's clock), then drops it.
 */
export interface HostToDeviceTuneRequest {
  readonly source: 'yiwang-emulator';
  readonly type: 'tune-request';
  readonly id: string;
  readonly target: number | string | DvbTriplet;
  readonly expiresAt?: number;
}

export type HostToDeviceMessage =
  | HostToDeviceRawKey | HostToDeviceEpgFeed | HostToDeviceAlertInband | HostToDeviceAlertInject | HostToDeviceTunerState
  | HostToDeviceCaInfo | HostToDeviceCaResult | HostToDeviceCaEvent | HostToDeviceSignal | HostToDeviceTuneRequest;

export function emulatorFrameName(config: EmulatorDeviceConfig): string {
  return EMULATOR_FRAME_NAME_PREFIX + JSON.stringify(config);
}

/** The device configuration from a frame name, or undefined when this is not an emulator frame. */
export function parseEmulatorFrameName(name: string): EmulatorDeviceConfig | undefined {
  if (!name.startsWith(EMULATOR_FRAME_NAME_PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(name.slice(EMULATOR_FRAME_NAME_PREFIX.length)) as Partial<Record<keyof EmulatorDeviceConfig, unknown>>;
    if (typeof parsed.profile !== 'string') return undefined;
    return {
      profile: parsed.profile,
      ...(typeof parsed.region === 'string' ? { region: parsed.region } : {}),
      ...(typeof parsed.signal === 'boolean' ? { signal: parsed.signal } : {}),
    };
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

const CA_KINDS = new Set(['smartCard', 'dcas']);

export function isHostCaInfo(data: unknown): data is HostToDeviceCaInfo {
  return isEmulatorMessage(data, 'ca-info') && typeof data.vendor === 'string' && typeof data.kind === 'string'
    && CA_KINDS.has(data.kind) && Array.isArray(data.caSystemIds) && data.caSystemIds.every((id) => typeof id === 'number');
}

/** An object made of fields (not null, an array, or a class instance such as a Date). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

export function isHostCaResult(data: unknown): data is HostToDeviceCaResult {
  if (!isEmulatorMessage(data, 'ca-result') || typeof data.id !== 'string') return false;
  if (data.ok === true) return true;
  if (data.ok !== false || !isPlainObject(data.error)) return false;
  const error = data.error as Partial<Record<keyof EmulatorCaError, unknown>>;
  return typeof error.message === 'string' && (error.code === 'CaCommandFailed' || error.code === 'CaModuleUnavailable')
    && (error.data === undefined || isPlainObject(error.data));
}

export function isHostCaEvent(data: unknown): data is HostToDeviceCaEvent {
  return isEmulatorMessage(data, 'ca-event') && typeof data.event === 'object' && data.event !== null
    && typeof (data.event as { type?: unknown }).type === 'string'
    && (data.seq === undefined || (typeof data.seq === 'number' && Number.isInteger(data.seq)));
}

export function isHostSignal(data: unknown): data is HostToDeviceSignal {
  return isEmulatorMessage(data, 'signal') && typeof data.ok === 'boolean';
}

/** A tune target as sent over postMessage: a channel number, a channel id, or a triplet of numbers. */
export function isTuneRequestTarget(value: unknown): value is number | string | DvbTriplet {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0;
  if (typeof value === 'string') return value !== '';
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Partial<Record<keyof DvbTriplet, unknown>>;
  return [t.onid, t.tsid, t.sid].every((n) => typeof n === 'number' && Number.isInteger(n));
}

export function isHostTuneRequest(data: unknown): data is HostToDeviceTuneRequest {
  return isEmulatorMessage(data, 'tune-request') && typeof data.id === 'string' && isTuneRequestTarget(data.target)
    && (data.expiresAt === undefined || (typeof data.expiresAt === 'number' && Number.isFinite(data.expiresAt)));
}
