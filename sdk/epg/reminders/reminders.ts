/**
 * Programme reminders, persisted in the guide store and armed from it whenever it is opened.
 */

import type { IDBPTransaction } from 'idb';
import { asyncScheduler, Observable, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { Programme } from '../model.js';
import { deepEqual } from '../store/deep-equal.js';
import type { EpgStore, StoreChange } from '../store/epg-store.js';
import { findProgramme } from '../store/lookup.js';
import type { EpgDB, ReminderRecord } from '../store/schema.js';

/** A reminder as stored; `start`/`end`/`titles` follow the programme when a re-import reschedules it. */
export type Reminder = ReminderRecord;

export interface DueReminder {
  readonly reminder: Reminder;
  /** The programme as stored when the reminder fired. */
  readonly programme: Programme;
  /** When the reminder was due: `start − minutesBefore`. */
  readonly at: number;
  /** True when it fired more than `lateAfterMs` after `at` (the box was off, or the reminder was set too late). */
  readonly late: boolean;
}

export interface AddReminderOptions {
  /** Minutes before the start; fractions allowed. Default 2. */
  readonly minutesBefore?: number;
}

export interface AddReminderResult {
  readonly reminder: Reminder;
  /** Other reminded programmes whose time overlaps this one, by start. The reminder is added regardless. */
  readonly conflicts: readonly Programme[];
}

export interface OpenRemindersOptions {
  /** Clock and timers. Default rxjs `asyncScheduler` (Date.now, setTimeout). */
  readonly scheduler?: SchedulerLike;
  /** A reminder firing this long after it was due is marked `late`. Default 5000 ms. */
  readonly lateAfterMs?: number;
}

export interface Reminders {
  /**
   * Emits each reminder when due, once per programme start, while at least one observer is subscribed:
   * a reminder that came due with no observer (or while the box was off) fires on the next subscription,
   * marked late if past `lateAfterMs`. Completes on `close()` or when the store closes.
   */
  readonly due: Observable<DueReminder>;
  /**
   * Sets (or replaces) the reminder for a programme. Rejects with `EpgProgrammeNotFound` for an unknown id
   * and `EpgArgumentInvalid` for an ended programme or a negative `minutesBefore`.
   */
  add(programmeId: string, options?: AddReminderOptions): Promise<AddReminderResult>;
  /** Removes a programme's reminder; true if there was one. */
  remove(programmeId: string): Promise<boolean>;
  /** Every reminder of a programme not yet over, by start, after the store changes seen so far were applied. */
  list(): Promise<Reminder[]>;
  /**
   * Resolves when the reminders reflect every store change seen so far: rescheduled programmes moved their
   * reminder, removed or ended ones dropped theirs.
   */
  readonly syncComplete: Promise<void>;
  close(): void;
}

/** Longest delay a browser timer takes without overflowing (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const DEFAULT_MINUTES_BEFORE = 2;
const DEFAULT_LATE_AFTER_MS = 5000;

function dueAt(r: Reminder): number {
  return r.start - r.minutesBefore * 60_000;
}

type ReminderTransaction = IDBPTransaction<EpgDB, ['schedules', 'directory', 'reminders'], 'readwrite'>;

function lookUp(tx: ReminderTransaction, id: string): Promise<Programme | undefined> {
  return findProgramme(tx.objectStore('schedules'), tx.objectStore('directory'), id);
}

function argumentInvalid(name: string, value: unknown, expected: string): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgArgumentInvalid,
    `${name} must be ${expected}, got ${String(value)}`, { name, value, expected });
}

class ReminderService implements Reminders {
  readonly due: Observable<DueReminder>;
  private readonly scheduler: SchedulerLike;
  private readonly lateAfterMs: number;
  private readonly observers = new Set<Subscriber<DueReminder>>();
  private readonly changeSubscription: Subscription | undefined;
  /** The reminders as of the last sync or edit, for arming without a read. */
  private pending: Reminder[] = [];
  private timer: Subscription | undefined;
  private queue: Promise<void> = Promise.resolve();
  private syncQueued = false;
  private closed = false;

  constructor(private readonly guide: EpgStore, options: OpenRemindersOptions) {
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.lateAfterMs = options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
    this.due = new Observable<DueReminder>((subscriber) => {
      if (this.closed) {
        subscriber.complete();
        return undefined;
      }
      this.observers.add(subscriber);
      this.arm();
      return () => {
        this.observers.delete(subscriber);
        if (this.observers.size === 0) this.disarm();
      };
    });
    this.changeSubscription = guide.changes.subscribe({
      next: (change) => {
        // A failed sync is reported to the `due` observers.
        if (this.concerns(change)) this.requestSync().catch(() => undefined);
      },
      complete: () => this.close(),
    });
  }

  /** A method, not the field, so checks after an `await` are not narrowed away. */
  private isOpen(): boolean {
    return !this.closed;
  }

  get syncComplete(): Promise<void> {
    return this.queue;
  }

  private concerns(change: StoreChange): boolean {
    switch (change.kind) {
      case 'reminders':
        return change.origin === 'remote';
      case 'programmes':
        return change.channelIds === undefined
          || this.pending.some((r) => change.channelIds?.includes(r.channelId) === true);
      case 'pruned':
      case 'cleared':
        return true;
      case 'channels':
        return false;
    }
  }

  /** Runs `work` after everything queued before it. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.then(() => undefined, () => undefined);
    return result;
  }

  /** Runs background work (sync, firing) in the queue; its failure reaches the `due` observers. */
  private enqueueBackground(work: () => Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      if (this.closed) return;
      try {
        await work();
      } catch (error) {
        // Closing mid-way (the store closed under us) is not a failure.
        if (!this.isOpen()) return;
        for (const observer of [...this.observers]) observer.error(error);
        throw error;
      }
    });
  }

  /** Asks for a sync with the store; several requests before it starts make one sync. */
  requestSync(): Promise<void> {
    if (this.syncQueued) return this.queue;
    this.syncQueued = true;
    return this.enqueueBackground(() => {
      this.syncQueued = false;
      return this.performSync();
    });
  }

  /** Brings every reminder in line with its programme, drops those whose programme is gone or over, re-arms. */
  private async performSync(): Promise<void> {
    const now = this.scheduler.now();
    const tx = this.guide.db.transaction(['schedules', 'directory', 'reminders'], 'readwrite');
    const store = tx.objectStore('reminders');
    const reminders = await store.getAll();
    const programmes = await Promise.all(reminders.map((r) => lookUp(tx, r.programmeId)));
    const kept: Reminder[] = [];
    const writes: Array<Promise<unknown>> = [];
    reminders.forEach((reminder, i) => {
      const p = programmes[i];
      if (!p || p.end <= now) {
        writes.push(store.delete(reminder.programmeId));
        return;
      }
      if (p.start === reminder.start && p.end === reminder.end && deepEqual(p.titles, reminder.titles)) {
        kept.push(reminder);
        return;
      }
      // Rescheduled (or retitled): follow the programme; a new start fires again.
      const { firedFor, ...rest } = reminder;
      const moved: Reminder = {
        ...rest, start: p.start, end: p.end, titles: p.titles,
        ...(firedFor === p.start ? { firedFor } : {}),
      };
      writes.push(store.put(moved));
      kept.push(moved);
    });
    await Promise.all([...writes, tx.done]);
    this.pending = kept;
    if (writes.length > 0) this.guide.announce({ kind: 'reminders', count: writes.length });
    this.arm();
  }

  /** Sets the timer for the earliest unfired reminder, or fires now those already due. */
  private arm(): void {
    this.disarm();
    if (this.closed || this.observers.size === 0) return;
    let next = Infinity;
    for (const r of this.pending) if (r.firedFor !== r.start) next = Math.min(next, dueAt(r));
    if (next === Infinity) return;
    const delay = Math.min(Math.max(next - this.scheduler.now(), 0), MAX_TIMER_MS);
    this.timer = this.scheduler.schedule(() => {
      this.timer = undefined;
      this.enqueueBackground(() => this.performFire()).catch(() => undefined);
    }, delay);
  }

  private disarm(): void {
    this.timer?.unsubscribe();
    this.timer = undefined;
  }

  /** Marks every due reminder fired in the store, then emits them; re-arms for the next. */
  private async performFire(): Promise<void> {
    if (this.closed || this.observers.size === 0) return;
    const now = this.scheduler.now();
    const tx = this.guide.db.transaction(['schedules', 'directory', 'reminders'], 'readwrite');
    const store = tx.objectStore('reminders');
    const due = (await store.getAll()).filter((r) => r.firedFor !== r.start && dueAt(r) <= now);
    const programmes = await Promise.all(due.map((r) => lookUp(tx, r.programmeId)));
    const fired: DueReminder[] = [];
    const writes: Array<Promise<unknown>> = [];
    due.forEach((reminder, i) => {
      const programme = programmes[i];
      // Gone or moved: the sync that follows the change drops or moves the reminder.
      if (!programme || programme.start !== reminder.start || programme.end <= now) return;
      const marked: Reminder = { ...reminder, firedFor: reminder.start };
      writes.push(store.put(marked));
      const at = dueAt(reminder);
      fired.push({ reminder: marked, programme, at, late: now - at > this.lateAfterMs });
    });
    await Promise.all([...writes, tx.done]);
    const firedIds = new Set(fired.map((f) => f.reminder.programmeId));
    this.pending = this.pending.map((r) => (firedIds.has(r.programmeId) ? { ...r, firedFor: r.start } : r));
    fired.sort((a, b) => a.at - b.at);
    for (const f of fired) for (const observer of [...this.observers]) observer.next(f);
    // A reminder due but not fired here is stale in `pending`: sync before arming again.
    if (fired.length < due.length) await this.performSync();
    else this.arm();
  }

  add(programmeId: string, options: AddReminderOptions = {}): Promise<AddReminderResult> {
    const minutesBefore = options.minutesBefore ?? DEFAULT_MINUTES_BEFORE;
    if (!Number.isFinite(minutesBefore) || minutesBefore < 0) {
      return Promise.reject(argumentInvalid('minutesBefore', minutesBefore, 'a finite number ≥ 0'));
    }
    return this.enqueue(async () => {
      const now = this.scheduler.now();
      const tx = this.guide.db.transaction(['schedules', 'directory', 'reminders'], 'readwrite');
      const store = tx.objectStore('reminders');
      const programme = await lookUp(tx, programmeId);
      if (!programme) {
        throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgProgrammeNotFound,
          `No programme "${programmeId}" in the guide`, { id: programmeId });
      }
      if (programme.end <= now) throw argumentInvalid('programmeId', programmeId, 'a programme that has not ended');
      const others = (await store.getAll()).filter((r) => r.programmeId !== programmeId);
      const conflicts = (await Promise.all(others.map((r) => lookUp(tx, r.programmeId))))
        .filter((p): p is Programme => p !== undefined && p.start < programme.end && p.end > programme.start)
        .sort((a, b) => a.start - b.start);
      const reminder: Reminder = {
        programmeId, channelId: programme.channelId, titles: programme.titles, start: programme.start,
        end: programme.end, minutesBefore, createdAt: now,
      };
      await Promise.all([store.put(reminder), tx.done]);
      this.pending = [...this.pending.filter((r) => r.programmeId !== programmeId), reminder];
      this.guide.announce({ kind: 'reminders', count: 1 });
      this.arm();
      return { reminder, conflicts };
    });
  }

  remove(programmeId: string): Promise<boolean> {
    return this.enqueue(async () => {
      const tx = this.guide.db.transaction('reminders', 'readwrite');
      const existed = (await tx.store.getKey(programmeId)) !== undefined;
      await Promise.all([existed ? tx.store.delete(programmeId) : undefined, tx.done]);
      if (!existed) return false;
      this.pending = this.pending.filter((r) => r.programmeId !== programmeId);
      this.guide.announce({ kind: 'reminders', count: 1 });
      this.arm();
      return true;
    });
  }

  async list(): Promise<Reminder[]> {
    // Also drops reminders whose programme ended since the last store change.
    await this.requestSync();
    const reminders = await this.guide.db.getAll('reminders');
    return reminders.sort((a, b) => a.start - b.start || (a.programmeId < b.programmeId ? -1 : 1));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disarm();
    this.changeSubscription?.unsubscribe();
    for (const observer of [...this.observers]) observer.complete();
    this.observers.clear();
  }
}

/**
 * Opens the reminders of a guide store: reads them, drops those whose programme is gone or over, follows
 * reschedules, and arms the next one. Reminders live in the store's database, so they survive a reboot.
 *
 * ```ts
 * const reminders = await openReminders(guide);
 * reminders.due.subscribe(({ programme, late }) => showReminder(programme, late));
 * const { conflicts } = await reminders.add(programme.id, { minutesBefore: 5 });
 * ```
 */
export async function openReminders(guide: EpgStore, options: OpenRemindersOptions = {}): Promise<Reminders> {
  const service = new ReminderService(guide, options);
  await service.requestSync();
  return service;
}
