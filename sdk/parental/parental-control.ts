/**
 * Parental control over the settings store: PIN checks with lock-out, the rating threshold, channel locks, the
 * viewing window and temporary unlocks. `check` decides synchronously from the settings held in memory; every
 * change is written first, then applied in memory and announced to other apps on the same database.
 */
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import type { TimeWindow } from '../ca/ca-module.js';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import { hashPin, pinFormatProblem, pinMatches } from './pin-hash.js';
import { DEFAULT_PARENTAL_DB_NAME, ParentalStore, type ParentalRecord } from './parental-store.js';
import type {
  ParentalControl, ParentalControlOptions, ParentalDecision, ParentalSettings, ParentalUnlock, PinCheck, ProgrammeRef,
} from './parental-types.js';
import { isTimeWindow, isTimeZone, nextTimeWindowChange, withinTimeWindow } from './viewing-window.js';

/** Wrong PINs in a row before the lock-out, when not configured: the usual box behaviour. */
export const DEFAULT_MAX_PIN_ATTEMPTS = 3;
/** Lock-out length when not configured: long enough to stop guessing, short enough not to need a call to the operator. */
export const DEFAULT_PIN_LOCKOUT_MS = 5 * 60 * 1000;
/** PBKDF2 iterations when not configured: ~50 ms per check on a slow box, slow enough for offline guessing of 10^4 PINs to cost. */
export const DEFAULT_PIN_ITERATIONS = 100_000;
/** BroadcastChannel on which parental controls announce changes to other apps on the same database. */
export const PARENTAL_BROADCAST_CHANNEL = 'yiwang-parental';

/** setTimeout's longest delay; a later lock-out end is looked at again when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const MIN_RATING = 4;
const MAX_RATING = 18;

/** A temporary unlock of one channel: for one programme until its end, or until the viewer tunes away. */
interface TemporaryUnlock {
  readonly programmeId?: string;
  readonly until?: number;
}

function settingInvalid(name: string, value: unknown, expected: string): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Parental, ErrorCode.ParentalSettingInvalid,
    `${name} must be ${expected}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`, { name, value, expected });
}

function pinNotSet(operation: string): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Parental, ErrorCode.ParentalPinNotSet,
    `${operation} needs the parental PIN, and none is set`, { operation });
}

function isLockedOut(record: ParentalRecord, now: number): boolean {
  return record.lockedUntil !== undefined && record.lockedUntil > now;
}

/**
 * The record with its lock-out made independent of wall-clock jumps: a lock-out that began in the future (the
 * clock went back since) starts again from now, and one ending further away than `lockoutMs` (written with
 * the clock ahead, or under a longer setting) is cut to `lockoutMs` from now. Returns `record` itself when
 * nothing changes.
 */
function withSaneLockout(record: ParentalRecord, now: number, lockoutMs: number): ParentalRecord {
  const { lockedUntil, lockedAt } = record;
  if (lockedUntil === undefined) return record;
  const startedLater = lockedAt !== undefined && lockedAt > now;
  if (!startedLater && lockedUntil - now <= lockoutMs) return record;
  return { ...record, lockedAt: now, lockedUntil: now + lockoutMs };
}

function lockedCheck(record: ParentalRecord, now: number): PinCheck {
  return { status: 'locked', lockedUntil: record.lockedUntil ?? now };
}

function ignore(): void {
  // A best-effort write that failed is retried by the next read or PIN check.
}

class OpenParentalControl implements ParentalControl {
  private record: ParentalRecord;
  private readonly subject: BehaviorSubject<ParentalSettings>;
  private readonly unlocks = new Map<string, TemporaryUnlock[]>();
  private readonly unlockSubject = new Subject<ParentalUnlock>();
  private readonly maxAttempts: number;
  private readonly lockoutMs: number;
  private readonly iterations: number;
  private readonly now: () => number;
  private readonly timeZone?: string;
  private readonly broadcast?: BroadcastChannel;
  private lockoutTimer: ReturnType<typeof setTimeout> | undefined;
  /** The PIN checks of this instance run one after another, in call order (see `checkPin`). */
  private pinChecks: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly settings$: Observable<ParentalSettings>;
  readonly unlocks$: Observable<ParentalUnlock>;

  constructor(private readonly store: ParentalStore, record: ParentalRecord, options: ParentalControlOptions) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_PIN_ATTEMPTS;
    this.lockoutMs = options.lockoutMs ?? DEFAULT_PIN_LOCKOUT_MS;
    this.iterations = options.iterations ?? DEFAULT_PIN_ITERATIONS;
    this.now = options.now ?? Date.now;
    if (options.timeZone !== undefined) this.timeZone = options.timeZone;
    this.record = record;
    this.subject = new BehaviorSubject(this.toSettings(record));
    this.settings$ = this.subject.asObservable();
    this.unlocks$ = this.unlockSubject.asObservable();
    this.apply(record, false);
    if (typeof BroadcastChannel !== 'undefined') {
      this.broadcast = new BroadcastChannel(`${PARENTAL_BROADCAST_CHANNEL}:${store.name}`);
      this.broadcast.onmessage = () => {
        void this.store.read().then((fresh) => this.apply(fresh, false), () => undefined);
      };
    }
  }

  get settings(): ParentalSettings {
    return this.subject.value;
  }

  private toSettings(record: ParentalRecord): ParentalSettings {
    const lockedOut = isLockedOut(record, this.now());
    // After a lock-out ends the viewer gets a full set of tries again (see `checkPin`).
    const expired = record.lockedUntil !== undefined && !lockedOut;
    return {
      pinSet: record.pin !== undefined,
      lockedChannels: record.lockedChannels,
      failedAttempts: expired ? 0 : record.failedAttempts,
      ...(record.ratingThreshold === undefined ? {} : { ratingThreshold: record.ratingThreshold }),
      ...(record.viewingWindow === undefined ? {} : { viewingWindow: record.viewingWindow }),
      ...(lockedOut ? { lockedUntil: record.lockedUntil } : {}),
    };
  }

  /**
   * Takes a record read or written as the current settings; `announce` tells the other apps. A lock-out the
   * wall clock has made too long is corrected in memory at once and in the store soon after.
   */
  private apply(record: ParentalRecord, announce: boolean): void {
    if (this.closed) return;
    const sane = withSaneLockout(record, this.now(), this.lockoutMs);
    this.record = sane;
    this.subject.next(this.toSettings(sane));
    this.scheduleLockoutEnd();
    if (announce) this.broadcast?.postMessage('changed');
    if (sane !== record) {
      void this.store.update('correct the PIN lock-out', (stored) => withSaneLockout(stored, this.now(), this.lockoutMs))
        .then((written) => this.apply(written, true), ignore);
    }
  }

  /** Re-emits the settings when a lock-out ends, so a PIN dialog can enable itself again. */
  private scheduleLockoutEnd(): void {
    clearTimeout(this.lockoutTimer);
    this.lockoutTimer = undefined;
    const until = this.record.lockedUntil;
    if (until === undefined || until <= this.now()) return;
    // Taken again when it fires: if the clock went back meanwhile, the lock-out goes on and a new timer is set.
    this.lockoutTimer = setTimeout(() => this.apply(this.record, false), Math.min(until - this.now() + 1, MAX_TIMER_MS));
  }

  /**
   * Checks `pin` against the stored hash. The try is counted in the store before the PIN is derived, in one
   * transaction that also refuses it during a lock-out, so guesses fired at once (from this app or others on
   * the same database) get no more than `maxAttempts` derivations between lock-outs. A correct PIN then
   * resets the count (and the lock-out its own try may have started). The count is shared with other apps
   * and survives reloads; a lock-out that has ended gives a full set of tries again. Checks of one instance
   * run one after another.
   */
  private checkPin(pin: string, operation: string): Promise<PinCheck> {
    const check = this.pinChecks.then(() => this.performPinCheck(pin, operation));
    this.pinChecks = check.catch(ignore);
    return check;
  }

  private async performPinCheck(pin: string, operation: string): Promise<PinCheck> {
    const now = this.now();
    const attempt = { admitted: false };
    const counted = await this.store.update('record a PIN check', (stored) => {
      const record = withSaneLockout(stored, now, this.lockoutMs);
      if (!record.pin || isLockedOut(record, now)) return record;
      attempt.admitted = true;
      const ended = record.lockedUntil !== undefined;
      const failedAttempts = (ended ? 0 : record.failedAttempts) + 1;
      return failedAttempts >= this.maxAttempts
        ? { ...record, failedAttempts, lockedAt: now, lockedUntil: now + this.lockoutMs }
        : { ...record, failedAttempts, lockedAt: undefined, lockedUntil: undefined };
    });
    this.apply(counted, attempt.admitted);
    const stored = counted.pin;
    if (!stored) throw pinNotSet(operation);
    if (!attempt.admitted) return lockedCheck(counted, now);
    if (typeof pin === 'string' && await pinMatches(pin, stored)) {
      const reset = await this.store.update('record a correct PIN', (record) => (
        { ...record, failedAttempts: 0, lockedAt: undefined, lockedUntil: undefined }));
      this.apply(reset, true);
      return { status: 'correct' };
    }
    if (isLockedOut(counted, now)) return lockedCheck(counted, now);
    return { status: 'incorrect', attemptsLeft: this.maxAttempts - counted.failedAttempts };
  }

  /** Checks the PIN, and when it is correct writes `change`. */
  private async withPin(pin: string, operation: string, change: (record: ParentalRecord) => ParentalRecord): Promise<PinCheck> {
    const check = await this.checkPin(pin, operation);
    if (check.status !== 'correct') return check;
    this.apply(await this.store.update(operation, change), true);
    return check;
  }

  async setPin(newPin: string, currentPin?: string): Promise<PinCheck> {
    const problem = pinFormatProblem(newPin);
    if (problem !== undefined) {
      throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Parental, ErrorCode.ParentalPinInvalid,
        `The new parental PIN is not valid: ${problem}`, { reason: problem });
    }
    this.apply(await this.store.read(), false);
    if (this.record.pin) {
      const { lockedUntil, failedAttempts } = this.settings;
      if (lockedUntil !== undefined) return { status: 'locked', lockedUntil };
      // No current PIN given: refused, but not counted as a wrong guess (the app forgot to ask).
      if (currentPin === undefined) return { status: 'incorrect', attemptsLeft: this.maxAttempts - failedAttempts };
      const check = await this.checkPin(currentPin, 'setPin');
      if (check.status !== 'correct') return check;
    }
    const pin = await hashPin(newPin, this.iterations);
    this.apply(await this.store.update('setPin', (record) => ({ ...record, pin, failedAttempts: 0, lockedAt: undefined, lockedUntil: undefined })), true);
    return { status: 'correct' };
  }

  verifyPin(pin: string): Promise<PinCheck> {
    return this.checkPin(pin, 'verifyPin');
  }

  async setRatingThreshold(age: number | undefined, pin: string): Promise<PinCheck> {
    if (age !== undefined && !(Number.isInteger(age) && age >= MIN_RATING && age <= MAX_RATING)) {
      throw settingInvalid('ratingThreshold', age, `an integer ${String(MIN_RATING)}–${String(MAX_RATING)} or undefined`);
    }
    return this.withPin(pin, 'setRatingThreshold', (record) => ({ ...record, ratingThreshold: age }));
  }

  async setViewingWindow(window: TimeWindow | undefined, pin: string): Promise<PinCheck> {
    if (window !== undefined && !(typeof window === 'object' && isTimeWindow(window))) {
      throw settingInvalid('viewingWindow', window, '{start, end} as HH:MM (00:00–23:59) or undefined');
    }
    const stored = window === undefined ? undefined : { start: window.start, end: window.end };
    return this.withPin(pin, 'setViewingWindow', (record) => ({ ...record, viewingWindow: stored }));
  }

  async lockChannel(channelId: string, pin: string): Promise<PinCheck> {
    if (typeof channelId !== 'string' || channelId === '') throw settingInvalid('channelId', channelId, 'a channel id');
    return this.withPin(pin, 'lockChannel', (record) => ({
      ...record,
      lockedChannels: record.lockedChannels.includes(channelId) ? record.lockedChannels : [...record.lockedChannels, channelId],
    }));
  }

  async unlockChannel(channelId: string, pin: string): Promise<PinCheck> {
    if (typeof channelId !== 'string' || channelId === '') throw settingInvalid('channelId', channelId, 'a channel id');
    return this.withPin(pin, 'unlockChannel', (record) => ({
      ...record, lockedChannels: record.lockedChannels.filter((id) => id !== channelId),
    }));
  }

  isChannelLocked(channelId: string): boolean {
    return this.record.lockedChannels.includes(channelId);
  }

  async unlockTemporarily(target: { readonly channelId: string; readonly programme?: ProgrammeRef }, pin: string): Promise<PinCheck> {
    if (typeof target.channelId !== 'string' || target.channelId === '') {
      throw settingInvalid('channelId', target.channelId, 'a channel id');
    }
    const check = await this.checkPin(pin, 'unlockTemporarily');
    if (check.status !== 'correct') return check;
    const unlock: TemporaryUnlock = target.programme
      ? { programmeId: target.programme.id, until: target.programme.end }
      : {};
    this.unlocks.set(target.channelId, [...(this.unlocks.get(target.channelId) ?? []), unlock]);
    if (!this.closed) this.unlockSubject.next({ channelId: target.channelId, ...(unlock.programmeId === undefined ? {} : { programmeId: unlock.programmeId }) });
    return check;
  }

  endTemporaryUnlocks(exceptChannelId?: string): void {
    for (const channelId of [...this.unlocks.keys()]) {
      if (channelId !== exceptChannelId) this.unlocks.delete(channelId);
    }
  }

  /**
   * An unlock covers its channel until it ends; a programme unlock only while that programme runs (a
   * check for another programme, or after its end, is not covered).
   */
  private isUnlocked(channelId: string, programme: ProgrammeRef | undefined, at: number): boolean {
    const unlocks = this.unlocks.get(channelId);
    if (!unlocks) return false;
    const live = unlocks.filter((u) => u.until === undefined || at < u.until);
    if (live.length === 0) this.unlocks.delete(channelId);
    else if (live.length !== unlocks.length) this.unlocks.set(channelId, live);
    return live.some((u) => u.programmeId === undefined || programme === undefined || programme.id === u.programmeId);
  }

  check(channelId: string, programme?: ProgrammeRef, at: number = this.now()): ParentalDecision {
    if (this.isUnlocked(channelId, programme, at)) return { allowed: true };
    const record = this.record;
    if (record.lockedChannels.includes(channelId)) return { allowed: false, reason: 'channelLock' };
    if (record.ratingThreshold !== undefined && programme?.rating !== undefined && programme.rating >= record.ratingThreshold) {
      return { allowed: false, reason: 'rating' };
    }
    if (record.viewingWindow && !withinTimeWindow(record.viewingWindow, at, this.timeZone)) return { allowed: false, reason: 'viewingWindow' };
    return { allowed: true };
  }

  msUntilViewingWindowChange(): number | undefined {
    const window = this.record.viewingWindow;
    if (!window) return undefined;
    const now = this.now();
    const next = nextTimeWindowChange(window, now, this.timeZone);
    return next === undefined ? undefined : next - now;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.lockoutTimer);
    this.broadcast?.close();
    this.store.close();
    this.subject.complete();
    this.unlockSubject.complete();
  }
}

/**
 * Opens parental control on its IndexedDB database (default `yiwang-parental`), loading the settings into
 * memory. Rejects `ParentalStoreFailed` when the database cannot be opened or read.
 *
 * Apps on the same database share the PIN, locks, wrong-PIN count and lock-out: each change is announced over
 * a BroadcastChannel and the other instances reload it; where BroadcastChannel is missing they see it on
 * their next PIN check or re-open. Temporary unlocks live in memory only (they end on a reload).
 */
export async function openParentalControl(options: ParentalControlOptions = {}): Promise<ParentalControl> {
  for (const [name, value, min] of [['maxAttempts', options.maxAttempts, 1], ['lockoutMs', options.lockoutMs, 0], ['iterations', options.iterations, 1]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw settingInvalid(name, value, `an integer ≥ ${String(min)}`);
  }
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    throw settingInvalid('timeZone', options.timeZone, 'an IANA time zone name such as Asia/Shanghai');
  }
  const store = await ParentalStore.open(options.dbName ?? DEFAULT_PARENTAL_DB_NAME);
  try {
    return new OpenParentalControl(store, await store.read(), options);
  } catch (error) {
    store.close();
    throw error;
  }
}
