/**
 * The emulator's automation API for QA scripts (Playwright, Puppeteer, the browser console), installed
 * as `window.emulator` by the emulator page. See AUTOMATION.md.
 */

import type { CaEntitlement, CaKind, CaStatus, CaWallet, EpgImportResult, OsdPosition, TuneResult } from '../../sdk/index.js';
import type { EmulatorCardState } from './box/box-ca.js';
import type { TuneLogEntry } from './box/cable-box.js';
import type { CaStickySummary } from './box/ca-sticky-state.js';

export type { EpgImportResult } from '../../sdk/index.js';
export type { EmulatorCardState } from './box/box-ca.js';
export type { TuneLogEntry } from './box/cable-box.js';
export type { CaStickySummary } from './box/ca-sticky-state.js';

/** Logical screen sizes of the device frame. */
export const RESOLUTIONS = { '1920x1080': { width: 1920, height: 1080 }, '1280x720': { width: 1280, height: 720 } } as const;
export type Resolution = keyof typeof RESOLUTIONS;

export function isResolution(value: unknown): value is Resolution {
  return typeof value === 'string' && Object.hasOwn(RESOLUTIONS, value);
}

/** One normalized key event as the device app received it. */
export interface KeyLogEntry {
  /** Normalized key name (W3C `KeyboardEvent.key` value), or `Unidentified`. */
  readonly key: string;
  /** The raw key code the platform delivered. */
  readonly raw: number;
  readonly kind: 'down' | 'repeat' | 'long' | 'up';
}

export interface PressOptions {
  /** How long the key is held, in ms. Default 80. Above 500 ms the box auto-repeats every 100 ms. */
  readonly holdMs?: number;
}

export interface EpgLoadOptions {
  /** EPG source id (`xmltv`, `eit`, `ts`, `json`); default: the device detects it from the first bytes. */
  readonly format?: string;
  /** Shown in the panel and the result. Default: the URL's file name, or `guide` for bytes. */
  readonly name?: string;
  /** How long to wait for the device's answer. Default 30000 ms. */
  readonly timeoutMs?: number;
}

/** Guide data for the device (the EPG panel). */
export interface EmulatorEpgAutomation {
  /**
   * Loads a guide into the device app's guide store: a URL (fetched by the emulator page, relative to it)
   * or the bytes of an XMLTV, EIT, TS or JSON guide. Resolves with the import result the device reports
   * (a failed import resolves too, with `error` set); rejects when the URL cannot be fetched, or when the
   * device does not answer within `timeoutMs` (an app that does not call `connectEpgFeeds` never answers).
   */
  load(urlOrBytes: string | Uint8Array, options?: EpgLoadOptions): Promise<EpgImportResult>;
}

/** What the headend answered to `alerts.send` (`POST /api/alerts`). */
export interface AlertSendResult {
  /** HTTP status: 202 published; 400 rejected (the body says why); 413, 415, 503. */
  readonly status: number;
  /** The JSON answer: `{key, format, msgType, topics, clearAt}`, or `{error, reason}`. */
  readonly body: unknown;
}

/** The simulated box's tuner and audio, as the app left them. */
export interface EmulatorTunerState {
  /** The channel on screen (the box starts on `{number: 1}`). */
  readonly channel?: { readonly onid?: number; readonly tsid?: number; readonly sid?: number; readonly major?: number; readonly minor?: number; readonly sourceId?: number; readonly number?: number };
  readonly volume: number;
  readonly muted: boolean;
}

/** Emergency alerts for the device (the alert panel). */
export interface EmulatorAlertAutomation {
  /**
   * Hands the device an alert as its box would: bytes (an SCTE 18 section, or its hex dump as a string)
   * arrive on `platform.inbandAlerts`; XML text on `platform.injectedAlerts`, for the app to ingest as a
   * local message. Resolves once sent (the app's decision shows on screen and in its own state).
   */
  inject(xmlOrBytes: string | Uint8Array): Promise<void>;
  /**
   * Sends a message through the headend (`POST /api/alerts` on the emulator's own origin): XML as
   * `application/xml`, bytes or hex as an SCTE 18 section (`application/octet-stream`). Resolves with the
   * headend's answer, whatever its status; rejects when the headend cannot be reached.
   */
  send(message: string | Uint8Array): Promise<AlertSendResult>;
}

/** The box's CA as `emulator.ca.status()` reports it. */
export interface EmulatorCaStatus extends CaStatus {
  readonly entitlements: readonly CaEntitlement[];
  readonly wallets: readonly CaWallet[];
  /** What the CA has on screen that outlives apps (fingerprint with the time left, OSD, mail icon, forced tune). */
  readonly screen: CaStickySummary;
  /** Whether the device app listens to CA events now. */
  readonly listening: boolean;
}

/** The box's simulated CA (the box panel does the same). Each call resolves once the CA has acted. */
export interface EmulatorCaAutomation {
  /** Inserts a card in that state, or removes it (`absent`). On a DCAS box `ready` activates the terminal, `absent` deactivates it. */
  setCard(state: EmulatorCardState): Promise<void>;
  /** Entitles a product; `expire` (ms since epoch or a date string) defaults to a year from now. */
  entitle(productId: number, options?: { readonly expire?: number | string }): Promise<void>;
  revoke(productId: number): Promise<void>;
  /** Shows the card's fingerprint for `durationMs` (until `hideFingerprint` when absent). */
  fingerprint(durationMs?: number): Promise<void>;
  hideFingerprint(): Promise<void>;
  /** An operator OSD message at `position` (default `bottom`); `durationMs` for full and half screen. */
  osd(text: string, position?: OsdPosition, options?: { readonly durationMs?: number }): Promise<void>;
  hideOsd(position: OsdPosition): Promise<void>;
  mail(title: string, body: string): Promise<void>;
  /** Offers pay-per-view of `productId` at `price` fen on the channel being watched. */
  ippv(productId: number, price: number): Promise<void>;
  /** The CA forces channel `number` (the app's CA session tunes there and holds it) until `releaseTune`. */
  forceTune(number: number): Promise<void>;
  releaseTune(): Promise<void>;
  /** The first wallet's balance, in fen. */
  setWallet(balance: number): Promise<void>;
  status(): Promise<EmulatorCaStatus>;
  /** Switches the box between a smart card and a DCAS chip (each keeps its own state); without an argument, the current kind. */
  kind(kind?: CaKind): Promise<CaKind>;
}

export interface EmulatorAutomation {
  /** Resolves when the UI is up and the first device page has loaded. */
  readonly ready: Promise<void>;
  /**
   * Loads `url` into the device (a fresh boot: registrations are reset). Resolves after the frame's load
   * event and, if the page runs the Yiwang SDK, after its hello (waits at most 1 s for it).
   */
  load(url: string): Promise<void>;
  /** Switches the platform key profile and reboots the device with it. Rejects for an unknown id. */
  setProfile(id: string): Promise<void>;
  /**
   * Presses a remote key: down, auto-repeat while held, up (where the platform sends keyups). Resolves after
   * the release once the device reported it, or 150 ms later. Rejects if `key` is not a normalized key name
   * or the current platform's remote has no such key. A key the box withholds (not registered) resolves
   * at once; it is not delivered.
   */
  press(key: string, options?: PressOptions): Promise<void>;
  /** Copies of the key events the device app received, oldest first. */
  keyLog(): KeyLogEntry[];
  clearKeyLog(): void;
  /** The current key profile id. */
  readonly profile: string;
  /** All key profile ids. */
  profiles(): string[];
  /** Logical resolution of the device frame. */
  readonly resolution: Resolution;
  /** Changes the logical resolution (the app sees a resize). Throws for another value. */
  setResolution(resolution: Resolution): Promise<void>;
  /** Keys the device app has registered with the box (registration platforms: tizen, hbbtv). */
  registeredKeys(): string[];
  /** Guide data for the device app. */
  readonly epg: EmulatorEpgAutomation;
  /** The box's region code (GB/T 2260, 6 or 12 digits), or undefined when none is set. */
  readonly region: string | undefined;
  /**
   * Sets the box's region and reboots the device with it (apps read it as `platform.region` at start).
   * `''` clears it. Rejects for anything but 6 or 12 digits.
   */
  setRegion(code: string): Promise<void>;
  /** Emergency alerts for the device app. */
  readonly alerts: EmulatorAlertAutomation;
  /** The box's channel and volume (the app's force-tune and volume changes show here). */
  tuner(): EmulatorTunerState;
  /**
   * Asks the app's tuner for channel `number` (a `tune-request` on `platform.tuneRequests`) and resolves with
   * the result it reports. A tuner the app creates within `timeoutMs` still gets it (the device holds it).
   * Rejects when no tuner answers within `timeoutMs` (default 5000), naming why.
   */
  tune(number: number, options?: { readonly timeoutMs?: number }): Promise<TuneResult>;
  /**
   * Resolves once the app's tuner takes the box's tune requests (an app creates it after loading its
   * lineup, a while after `load` resolved); rejects naming why after `timeoutMs` (default 5000).
   */
  whenTunerReady(timeoutMs?: number): Promise<void>;
  /** Whether the tuner has a signal. */
  readonly signal: boolean;
  /** Pulls or plugs the cable: the app hears it on `platform.signal`. */
  setSignal(ok: boolean): Promise<void>;
  /** The tunes the app reported (`platform.reportTune`), oldest first, with zap times. */
  tuneLog(): TuneLogEntry[];
  /** The box's conditional access. */
  readonly ca: EmulatorCaAutomation;
}

declare global {
  interface Window {
    /** The Yiwang emulator's automation API, on the emulator page. */
    emulator?: EmulatorAutomation;
  }
}

/** A plain object delegating to `target`, so scripts see the API and nothing of the element behind it. */
export function createAutomationApi(target: EmulatorAutomation): EmulatorAutomation {
  return Object.freeze({
    ready: target.ready,
    load: (url: string) => target.load(url),
    setProfile: (id: string) => target.setProfile(id),
    press: (key: string, options?: PressOptions) => target.press(key, options),
    keyLog: () => target.keyLog(),
    clearKeyLog: () => target.clearKeyLog(),
    get profile() {
      return target.profile;
    },
    profiles: () => target.profiles(),
    get resolution() {
      return target.resolution;
    },
    setResolution: (resolution: Resolution) => target.setResolution(resolution),
    registeredKeys: () => target.registeredKeys(),
    epg: Object.freeze({
      load: (urlOrBytes: string | Uint8Array, options?: EpgLoadOptions) => target.epg.load(urlOrBytes, options),
    }),
    get region() {
      return target.region;
    },
    setRegion: (code: string) => target.setRegion(code),
    alerts: Object.freeze({
      inject: (xmlOrBytes: string | Uint8Array) => target.alerts.inject(xmlOrBytes),
      send: (message: string | Uint8Array) => target.alerts.send(message),
    }),
    tuner: () => target.tuner(),
    tune: (number: number, options?: { readonly timeoutMs?: number }) => target.tune(number, options),
    whenTunerReady: (timeoutMs?: number) => target.whenTunerReady(timeoutMs),
    get signal() {
      return target.signal;
    },
    setSignal: (ok: boolean) => target.setSignal(ok),
    tuneLog: () => target.tuneLog(),
    ca: Object.freeze({
      setCard: (state: EmulatorCardState) => target.ca.setCard(state),
      entitle: (productId: number, options?: { readonly expire?: number | string }) => target.ca.entitle(productId, options),
      revoke: (productId: number) => target.ca.revoke(productId),
      fingerprint: (durationMs?: number) => target.ca.fingerprint(durationMs),
      hideFingerprint: () => target.ca.hideFingerprint(),
      osd: (text: string, position?: OsdPosition, options?: { readonly durationMs?: number }) => target.ca.osd(text, position, options),
      hideOsd: (position: OsdPosition) => target.ca.hideOsd(position),
      mail: (title: string, body: string) => target.ca.mail(title, body),
      ippv: (productId: number, price: number) => target.ca.ippv(productId, price),
      forceTune: (number: number) => target.ca.forceTune(number),
      releaseTune: () => target.ca.releaseTune(),
      setWallet: (balance: number) => target.ca.setWallet(balance),
      status: () => target.ca.status(),
      kind: (kind?: CaKind) => target.ca.kind(kind),
    }),
  });
}

/** Installs the API as `window.emulator` and returns it. */
export function installAutomationApi(target: EmulatorAutomation, win: Window = window): EmulatorAutomation {
  const api = createAutomationApi(target);
  win.emulator = api;
  return api;
}
