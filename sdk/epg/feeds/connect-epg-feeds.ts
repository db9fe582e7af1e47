/**
 * Guide data from the box into the guide store: the platform adapter's `epgFeeds`, imported one after
 * the other, each reported back to the box.
 */
import { concatMap, endWith, ignoreElements, Observable, Subscription, takeUntil } from 'rxjs';
import type { EpgFeed, PlatformAdapter } from '../../platform/platform-adapter.js';
import { currentPlatform } from '../../platform/platform-registry.js';
import type { EpgStore } from '../store/epg-store.js';
import { importEpgFeed, type ImportEpgFeedOptions } from './import-epg-feed.js';

export type ConnectEpgFeedsOptions = Pick<ImportEpgFeedOptions, 'maxWarnings' | 'parse'>;

/**
 * Imports every guide feed the box delivers (`platform.epgFeeds`) into `guide`, in arrival order, one at a
 * time, and reports each result through `platform.reportEpgImport` (see `importEpgFeed`: the format is the
 * feed's, or detected; failures are reported, never thrown). Returns the connection: unsubscribing aborts
 * the import in progress (reported as aborted) and drops feeds not yet started. The connection also ends
 * when the store closes. On a box without feeds it does nothing.
 *
 * ```ts
 * const guide = await openGuide();
 * const feeds = connectEpgFeeds(guide); // the emulator's EPG panel now fills this store
 * watchGrid(guide, query).subscribe(render);
 * ```
 */
export function connectEpgFeeds(
  guide: EpgStore, platform: PlatformAdapter = currentPlatform(), options: ConnectEpgFeedsOptions = {},
): Subscription {
  const feeds = platform.epgFeeds;
  if (!feeds) return new Subscription();
  const report = (feed: EpgFeed, result: Parameters<NonNullable<PlatformAdapter['reportEpgImport']>>[0]): void => {
    try {
      platform.reportEpgImport?.(result, feed);
    } catch (error) {
      console.warn('[yiwang] the box failed to take an EPG import report:', error);
    }
  };
  const importOne = (feed: EpgFeed): Observable<never> => new Observable<never>((subscriber) => {
    const controller = new AbortController();
    void importEpgFeed(guide, feed, { ...options, signal: controller.signal }).then((result) => {
      // Reported even when the connection ended mid-import: the box is waiting for an answer.
      report(feed, result);
      subscriber.complete();
    });
    return () => controller.abort(new Error('the EPG feed connection was closed'));
  });
  return feeds.pipe(
    concatMap(importOne),
    takeUntil(guide.changes.pipe(ignoreElements(), endWith(true))),
  ).subscribe({
    error: (error: unknown) => console.warn('[yiwang] the box\'s EPG feed failed:', error),
  });
}
