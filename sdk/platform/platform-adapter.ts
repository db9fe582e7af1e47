import type { Observable } from 'rxjs';
import type { AlertInput, DetailsChannel } from '../alerts/model.js';
import type { CaModule } from '../ca/ca-module.js';
import type { Channel, DvbTriplet, TuneResult } from '../channels/channel.js';
import type { EpgWarning } from '../epg/model.js';
import type { Player, PlayerOptions } from '../player/player.js';
import type { KnownKeyName } from '../keys/key-names.js';
import type { KeyEvent } from '../keys/key-event.js';

/**
 * Guide data the box hands to the app: on a DVB box, EIT sections it collected in-band; in the emulator,
 * a guide file QA injected. `format` is an EPG source id (`xmltv`, `eit`, `ts`, `json`); without it the
 * format is detected from the first bytes.
 */
export interface EpgFeed {
  /** What the box calls this feed (a file name, `EIT actual p/f`, …); shown in reports. */
  readonly name: string;
  readonly format?: string;
  readonly bytes: Uint8Array;
}

/**
 * What became of one guide import, as the SDK reports it to the box. A plain object (structured-cloneable).
 * Counts hold what was stored before any failure.
 */
export interface EpgImportResult {
  readonly name: string;
  /** The source format used; undefined when none could be chosen. */
  readonly format?: string;
  /** Channels written to the guide store. */
  readonly channels: number;
  /** Programmes written to the guide store. */
  readonly programmes: number;
  /** Items dropped: by the parser (malformed, bad CRC) and by the store (unusable times). */
  readonly skipped: number;
  /** Items the parser kept after repairing them (missing stop, overlap). */
  readonly repaired: number;
  /** Programmes not written because they ended before the store's retention window. */
  readonly expired: number;
  /** The first warnings of the parse (all are counted in `skipped`/`repaired`). */
  readonly warnings: readonly EpgWarning[];
  /** Wall time of the whole import, in ms. */
  readonly ms: number;
  /** Set when the import failed; what was stored before the failure stays. */
  readonly error?: { readonly message: string; readonly code?: number };
}

/**
 * The seam between the SDK and a box. Each box family implements it once in `adapters/`; SDK modules
 * ask it capability questions and never look at vendor globals themselves.
 */
export interface PlatformAdapter {
  /** Registry id, e.g. `tizen`. */
  readonly id: string;
  /** The key profile this box's remote uses (see `keys/profiles`). */
  readonly keyProfileId: string;
  /** Where the box dispatches key events; usually `window`. */
  readonly keyTarget: EventTarget;
  /** Whether keys must be registered before the box delivers them (Tizen, HbbTV KeySet). */
  supportsKeyRegistration(): boolean;
  /**
   * Asks the box to deliver these keys to the app. Resolves once the box has accepted; rejects with the
   * box's reason. A no-op on boxes that deliver every key.
   */
  registerKeys(keys: readonly KnownKeyName[]): Promise<void>;
  /** Gives keys back to the box. */
  unregisterKeys(keys: readonly KnownKeyName[]): Promise<void>;
  /** Sees every key event the SDK delivers to the app; the emulator's key log listens here. */
  observeKeyEvent?(event: KeyEvent): void;
  /**
   * Guide data the box delivers (absent on boxes that deliver none). Hot: subscribing takes feeds from now
   * on (and those the box kept for the app until its first subscriber); `connectEpgFeeds` imports them.
   */
  readonly epgFeeds?: Observable<EpgFeed>;
  /** Hears how each feed's import went, once it finished or failed; `feed` is the object `epgFeeds` emitted. */
  reportEpgImport?(result: EpgImportResult, feed: EpgFeed): void;

  // Emergency alerts (R10–R13). Each member is optional: without it the overlay still shows alerts, and
  // skips force-tuning, the volume change or in-band reception.

  /**
   * Tunes the box to `target` (an alert's details channel, or back to the channel the viewer watched).
   * Resolves once the box switched; rejects with the box's reason.
   */
  tune?(target: DetailsChannel): Promise<void>;
  /** The service on screen now, in the form the box knows it; undefined when it does not know. */
  currentChannel?(): DetailsChannel | undefined;
  /** Output volume, 0–100. */
  getVolume?(): Promise<number>;
  /** Sets the output volume, 0–100 (clamped). */
  setVolume?(volume: number): Promise<void>;
  /** Whether the output is muted. */
  isMuted?(): Promise<boolean>;
  setMuted?(muted: boolean): Promise<void>;
  /**
   * SCTE 18 `cable_emergency_alert()` sections (table_id 0xD8) the tuner received, one section per
   * emission; carousel repeats are emitted again (the alert manager drops them). Hot.
   */
  readonly inbandAlerts?: Observable<Uint8Array>;
  /**
   * Alert messages a test tool hands the box as if received locally (the emulator's alert panel): CAP or
   * EBD XML as text, or bytes of any alert format. Apps ingest them with origin `local`. Hot.
   */
  readonly injectedAlerts?: Observable<AlertInput>;
  /** The administrative region code (GB/T 2260) the box was configured for, when it has one. */
  readonly region?: string;

  // Live TV. Each member is optional: a box without a tuner has no service list, one without CA no module.

  /** The box's own service list (a DVB-C scan), in lineup form with `origin: 'platform'`. */
  serviceList?(): Promise<readonly Channel[]>;
  /** The box's player (its video decoder). One per app: a second call may return the same player. */
  createPlayer?(options?: PlayerOptions): Player;
  /** The box's CA library. */
  readonly ca?: CaModule;
  /** Whether the tuner has a signal (cable connected, frequency locked). Hot; replays the current value. */
  readonly signal?: Observable<boolean>;
  /** Channel changes the box asks the app's tuner for. Hot. */
  readonly tuneRequests?: Observable<TuneRequest>;
  /** Hears the outcome of every tune (answering `request` when it came from `tuneRequests`). */
  reportTune?(result: TuneResult, request?: TuneRequest): void;
}

/** A channel change the box itself asks the app's tuner for (the emulator's `tune(number)`, a force-tune). */
export interface TuneRequest {
  readonly id: string;
  /** A channel number (LCN), a channel id, or a triplet. */
  readonly target: number | string | DvbTriplet;
}

/** What registers an adapter: how to recognise the box and how to build the adapter for it. */
export interface PlatformAdapterFactory {
  readonly id: string;
  /** True when running on this box family. Must not throw. */
  detect(env: Window): boolean;
  create(env: Window): PlatformAdapter;
}
