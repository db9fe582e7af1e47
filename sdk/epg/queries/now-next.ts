import {
  asyncScheduler, defer, EMPTY, endWith, expand, filter, ignoreElements, startWith, switchMap, takeUntil, timer,
  type Observable, type SchedulerLike,
} from 'rxjs';
import type { Programme } from '../model.js';
import type { EpgStore } from '../store/epg-store.js';
import { DAY_MS, dayOf } from '../store/schema.js';
import { changeAffects } from './live.js';

export interface NowNext {
  /** The programme on air at the time asked, if any. */
  readonly now?: Programme;
  /** The first programme starting after that time, if any. */
  readonly next?: Programme;
}

/** Longest delay a browser timer takes without overflowing (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The programme on air on a channel at `at` (default: now) and the one after it. */
export async function nowNext(guide: EpgStore, channelId: string, at: number = Date.now()): Promise<NowNext> {
  // The day before (a programme running past midnight), the day of `at`, and the next stored day.
  const records = await guide.db.getAll('schedules',
    IDBKeyRange.bound([channelId, dayOf(at) - DAY_MS], [channelId, Infinity]), 3);
  let now: Programme | undefined;
  for (const record of records) {
    for (const p of record.programmes) {
      if (p.start <= at) {
        if (p.end > at) now = p;
      } else {
        return { now, next: p };
      }
    }
  }
  return { now };
}

export interface WatchNowNextOptions {
  /** Clock and timers. Default rxjs `asyncScheduler` (Date.now, setTimeout). */
  readonly scheduler?: SchedulerLike;
}

/**
 * Now/next for a channel as it changes: emits on subscribe, when the programme on air ends (or the next one
 * starts, in a gap), and after a store change touching the channel. Completes when the store closes.
 */
export function watchNowNext(guide: EpgStore, channelId: string, options: WatchNowNextOptions = {}): Observable<NowNext> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const query = (): Promise<NowNext> => nowNext(guide, channelId, scheduler.now());
  return guide.changes.pipe(
    filter((change) => changeAffects(change, [channelId])),
    startWith(undefined),
    switchMap(() => defer(query).pipe(expand((result) => {
      const boundary = result.now?.end ?? result.next?.start;
      if (boundary === undefined) return EMPTY;
      // +1 ms: at the boundary itself the ended programme no longer counts as on air.
      const delay = Math.min(Math.max(boundary - scheduler.now(), 0) + 1, MAX_TIMER_MS);
      return timer(delay, scheduler).pipe(switchMap(query));
    }))),
    takeUntil(guide.changes.pipe(ignoreElements(), endWith(true))),
  );
}
