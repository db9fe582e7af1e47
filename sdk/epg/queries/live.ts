import { asyncScheduler, auditTime, defer, filter, startWith, switchMap, type Observable, type SchedulerLike } from 'rxjs';
import type { EpgStore, StoreChange } from '../store/epg-store.js';

export interface LiveOptions {
  /** Which changes can alter the result; others are ignored. Default: every change. */
  readonly affects?: (change: StoreChange) => boolean;
  /** Changes within this many ms cause one re-run (an import commits many transactions). Default 50. */
  readonly auditMs?: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * Turns a query into an Observable: runs it on subscribe and again after each relevant store change (from this
 * page or another tab), emitting each result. A run superseded by a newer change is dropped. Completes when
 * the store closes; errors when the query fails.
 *
 * ```ts
 * live(guide, () => search(guide, '新闻', { limit: 20 })).subscribe(render);
 * ```
 */
export function live<T>(guide: EpgStore, query: () => Promise<T>, options: LiveOptions = {}): Observable<T> {
  const { affects = () => true, auditMs = 50, scheduler = asyncScheduler } = options;
  return guide.changes.pipe(
    filter(affects),
    auditTime(auditMs, scheduler),
    startWith(undefined),
    switchMap(() => defer(query)),
  );
}

/**
 * True when a change can alter what a query sees of `channelIds` (all channels when undefined) within
 * [`from`, `to`).
 */
export function changeAffects(
  change: StoreChange, channelIds?: readonly string[], from = -Infinity, to = Infinity,
): boolean {
  switch (change.kind) {
    case 'cleared':
      return true;
    case 'pruned':
      return (change.to ?? Infinity) > from;
    case 'programmes':
      if (channelIds && change.channelIds && !change.channelIds.some((id) => channelIds.includes(id))) return false;
      return (change.from ?? -Infinity) < to && (change.to ?? Infinity) > from;
    case 'channels':
    case 'reminders':
      return false;
  }
}
