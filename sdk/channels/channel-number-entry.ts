import { asyncScheduler, concat, defer, from, map, mergeMap, of, tap, type Observable, type OperatorFunction, type SchedulerLike } from 'rxjs';
import type { KeyEvent } from '../keys/key-event.js';
import { digitEntry, type DigitEntryOptions } from '../keys/operators/digitEntry.js';
import type { TuneResult } from './channel.js';
import type { Tuner } from './channels-types.js';

/** What number entry is doing: digits typed so far, the number entered, the tune's result, or cancelled. */
export type ChannelNumberEntryEvent =
  | { readonly type: 'typing'; readonly digits: string }
  | { readonly type: 'entered'; readonly number: number; readonly startedAt: number }
  | { readonly type: 'tuned'; readonly number: number; readonly result: TuneResult }
  | { readonly type: 'cancelled'; readonly digits: string };

/**
 * Channel number entry: digits typed on the remote (see `digitEntry` for timeout, commit and cancel keys)
 * tune the tuner to that channel number. Zap time counts from the key that ended the entry (the last digit
 * at `maxDigits`, or the commit key); after a timeout, from the moment the entry timed out, since the wait
 * is the viewer's, not the box's. Set `maxDigits` to the lineup's longest number (default 3).
 *
 * ## Example
 * keys$.pipe(channelNumberEntry(tuner, { maxDigits: 3 })).subscribe((e) => banner.show(e));
 * // 1, 2, 3 → typing "1", "12", "123"; entered 123; tuned 123 {ok: true, zapMs: 180}
 */
export function channelNumberEntry(
  tuner: Pick<Tuner, 'tune'>, options: DigitEntryOptions = {}, scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<KeyEvent, ChannelNumberEntryEvent> {
  return (keys) => defer((): Observable<ChannelNumberEntryEvent> => {
    let lastKeyAt: number | undefined;
    return keys.pipe(
      tap((event) => {
        if (event.kind === 'down') lastKeyAt = event.timeStamp;
      }),
      digitEntry(options, scheduler),
      mergeMap((entry): Observable<ChannelNumberEntryEvent> => {
        if (!entry.done) return of({ type: 'typing', digits: entry.digits });
        if (entry.value === undefined) return of({ type: 'cancelled', digits: entry.digits });
        const number = entry.value;
        const startedAt = entry.reason === 'timeout' ? performance.now() : lastKeyAt ?? performance.now();
        return concat(
          of<ChannelNumberEntryEvent>({ type: 'entered', number, startedAt }),
          from(tuner.tune(number, { startedAt })).pipe(map((result): ChannelNumberEntryEvent => ({ type: 'tuned', number, result }))),
        );
      }),
    );
  });
}
