/**
 * The lineup (channels, favourites, recents) and the tuner (channel changes with typed results), as apps use
 * them. Implementations: `openLineup` and `createTuner`.
 */
import type { Observable } from 'rxjs';
import type { ConditionalAccess } from '../ca/conditional-access-types.js';
import type { ParentalControl, ProgrammeRef } from '../parental/parental-types.js';
import type { PlatformAdapter } from '../platform/platform-adapter.js';
import type { Player } from '../player/player.js';
import type { Channel, DvbTriplet, TuneResult } from './channel.js';

/** A lineup item that was skipped, and why (path names the JSON item, e.g. `channels[3].number`). */
export interface LineupWarning {
  readonly path: string;
  readonly message: string;
}

export interface LineupOptions {
  /** The headend's JSON lineup (`/api/lineup`), fetched on open and on `refresh()`. */
  readonly url?: string;
  /** A lineup JSON object given directly (tests, an operator file already in hand). */
  readonly json?: unknown;
  /** Also take the box's service list (`platform.serviceList()`); lineup entries win on equal id or number. */
  readonly platform?: PlatformAdapter;
  /** IndexedDB database for favourites and recents; default `yiwang-channels`. */
  readonly dbName?: string;
  /** Recents kept, newest first; default 20. */
  readonly maxRecents?: number;
}

export interface Lineup {
  /** All channels, by number. Replays the current list. */
  readonly channels$: Observable<readonly Channel[]>;
  readonly channels: readonly Channel[];
  /** Items skipped from the last load, with reasons. */
  readonly warnings: readonly LineupWarning[];
  byId(id: string): Channel | undefined;
  byNumber(number: number): Channel | undefined;
  byTriplet(triplet: DvbTriplet): Channel | undefined;
  /** Favourite channel ids, in the order the viewer added them. Replays. */
  readonly favourites$: Observable<readonly string[]>;
  isFavourite(id: string): boolean;
  setFavourite(id: string, favourite: boolean): Promise<void>;
  /** Recently watched channel ids, newest first. Replays. */
  readonly recents$: Observable<readonly string[]>;
  /** Records a watched channel (the tuner calls this after each successful tune). */
  addRecent(id: string): Promise<void>;
  /** Reloads the JSON lineup and the service list. Rejects `LineupInvalid` when nothing could be read. */
  refresh(): Promise<void>;
  close(): void;
}

/** What `tune` accepts: a channel, a channel id, a number (LCN), or a DVB triplet. */
export type TuneTarget = Channel | string | number | DvbTriplet;

export interface TuneOptions {
  /** `performance.now()` of the key press that asked for the tune: zap time counts from there. */
  readonly startedAt?: number;
}

/** Which channels next/previous skip. */
export interface ZapSkip {
  /** Skip channels locked by parental control; default true. */
  readonly locked?: boolean;
  /** Skip hidden channels; default true. */
  readonly hidden?: boolean;
  /** Only favourites; default false. */
  readonly favouritesOnly?: boolean;
  /** Only this kind; default both. */
  readonly kind?: 'tv' | 'radio';
}

export interface TunerOptions {
  readonly lineup: Lineup;
  readonly player: Player;
  readonly platform?: PlatformAdapter;
  readonly ca?: ConditionalAccess;
  readonly parental?: ParentalControl;
  /** The programme on a channel now, for the rating check and per-programme unlock. */
  readonly programmeAt?: (channel: Channel, at: number) => ProgrammeRef | undefined | Promise<ProgrammeRef | undefined>;
  readonly skip?: ZapSkip;
}

/** The tuner's state: which channel, and whether it is shown. */
export interface TunerState {
  readonly channel?: Channel;
  readonly status: 'idle' | 'tuning' | 'presenting' | 'blocked' | 'failed';
  /** Why the channel is not shown (`blocked`, `failed`). */
  readonly failure?: Extract<TuneResult, { ok: false }>;
}

/** One channel change, measured. */
export interface ZapRecord {
  readonly from?: string;
  readonly to: string;
  readonly result: TuneResult;
  /** Key press (or tune call) to first frame, ms; absent when no frame came (blocked, failed, radio). */
  readonly zapMs?: number;
}

export interface Tuner {
  readonly state$: Observable<TunerState>;
  readonly state: TunerState;
  /** Every finished tune, in order; hot. */
  readonly zaps$: Observable<ZapRecord>;
  tune(target: TuneTarget, options?: TuneOptions): Promise<TuneResult>;
  next(options?: TuneOptions): Promise<TuneResult>;
  previous(options?: TuneOptions): Promise<TuneResult>;
  /** Back to the channel watched before the current one. */
  toggleLast(options?: TuneOptions): Promise<TuneResult>;
  /** Stops the picture (and the CA service) and ends PIN unlocks (as tuning away does); the state becomes idle. */
  stop(): Promise<void>;
  /** Stops following platform tune requests, CA force-tunes and signal changes. */
  close(): void;
}
