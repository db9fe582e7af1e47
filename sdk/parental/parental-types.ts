/**
 * Parental control: a PIN (stored salted and hashed with Web Crypto, never in clear), lock-out after repeated
 * wrong PINs, a maturity-rating threshold, locked channels, a daily viewing window, and unlocking one
 * programme at a time. Persisted in IndexedDB, so a reload or another app on the box sees the same settings.
 */
import type { Observable } from 'rxjs';
import type { TimeWindow } from '../ca/ca-module.js';

/** The result of checking a PIN (after OIPF PINControlStatus: correct, incorrect, locked). */
export type PinCheck =
  | { readonly status: 'correct' }
  | { readonly status: 'incorrect'; /** Wrong tries left before the lock-out. */ readonly attemptsLeft: number }
  /** Too many wrong PINs: no PIN is checked until `lockedUntil` (ms since epoch). */
  | { readonly status: 'locked'; readonly lockedUntil: number };

export interface ParentalSettings {
  readonly pinSet: boolean;
  /** Programmes rated at or above this age need the PIN (4–18); undefined: no rating lock. */
  readonly ratingThreshold?: number;
  readonly lockedChannels: readonly string[];
  /** Viewing outside this daily window needs the PIN; undefined: any time. */
  readonly viewingWindow?: TimeWindow;
  /** ms since epoch when a lock-out ends; absent when not locked out. */
  readonly lockedUntil?: number;
  /** Wrong PINs since the last correct one. */
  readonly failedAttempts: number;
}

/** What a programme needs to be checked against the rating threshold and unlocked on its own. */
export interface ProgrammeRef {
  /** The guide's programme id (unique while the programme is in the guide). */
  readonly id: string;
  /** Minimum age, when rated. */
  readonly rating?: number;
  /** ms since epoch; a programme unlock lasts until then. */
  readonly end: number;
}

export type ParentalBlockReason = 'channelLock' | 'rating' | 'viewingWindow';

/** Whether something may be shown now without the PIN. */
export type ParentalDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: ParentalBlockReason };

export interface ParentalControlOptions {
  /** IndexedDB database name; default `yiwang-parental`. */
  readonly dbName?: string;
  /** Wrong PINs in a row before the lock-out; default 3. */
  readonly maxAttempts?: number;
  /**
   * How long the lock-out lasts, ms; default 5 minutes. A stored lock-out never ends later than this from now,
   * and restarts from now when the box's clock went back since it began.
   */
  readonly lockoutMs?: number;
  /** PBKDF2-SHA-256 iterations; default 100 000. */
  readonly iterations?: number;
  /** The clock (ms since epoch); tests pass their own. */
  readonly now?: () => number;
  /**
   * IANA time zone of the viewing window (`Asia/Shanghai`); default the box's local time. Set it where boxes
   * run in UTC while the operator's viewers live in another zone.
   */
  readonly timeZone?: string;
}

/** A temporary unlock just granted with the PIN (see `unlockTemporarily`). */
export interface ParentalUnlock {
  readonly channelId: string;
  /** Present when only this programme was unlocked. */
  readonly programmeId?: string;
}

export interface ParentalControl {
  readonly settings$: Observable<ParentalSettings>;
  readonly settings: ParentalSettings;
  /** Sets or changes the PIN (4–8 digits). Changing needs the current PIN; rejects `ParentalPinInvalid` on a bad new PIN. */
  setPin(newPin: string, currentPin?: string): Promise<PinCheck>;
  verifyPin(pin: string): Promise<PinCheck>;
  setRatingThreshold(age: number | undefined, pin: string): Promise<PinCheck>;
  setViewingWindow(window: TimeWindow | undefined, pin: string): Promise<PinCheck>;
  lockChannel(channelId: string, pin: string): Promise<PinCheck>;
  unlockChannel(channelId: string, pin: string): Promise<PinCheck>;
  isChannelLocked(channelId: string): boolean;
  /**
   * Checks the PIN and, when it is correct, lets this channel be watched without asking again: only while
   * `programme` runs when one is given, else until the viewer tunes away (see `endTemporaryUnlocks`). For the
   * "enter PIN to watch a locked channel" flow; the tuner replays the channel it blocked (see `unlocks$`).
   */
  unlockTemporarily(target: { readonly channelId: string; readonly programme?: ProgrammeRef }, pin: string): Promise<PinCheck>;
  /** Emits after each temporary unlock granted by `unlockTemporarily` (a correct PIN), once it is in force. Hot. */
  readonly unlocks$: Observable<ParentalUnlock>;
  /** Ends unlocks of channels other than `channelId` (called by the tuner on every channel change). */
  endTemporaryUnlocks(exceptChannelId?: string): void;
  /** Decides for a channel and the programme on it now. Synchronous: settings are held in memory. */
  check(channelId: string, programme?: ProgrammeRef, at?: number): ParentalDecision;
  /**
   * ms from now (this control's clock) until the viewing window next opens or closes, when `check` may decide
   * differently for the same programme; undefined when no window is set or it covers the whole day.
   */
  msUntilViewingWindowChange(): number | undefined;
  close(): void;
}
