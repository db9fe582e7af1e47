import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { KeyEvent } from '../key-event.js';

/**
 * Inserts one `long` event for a key held `thresholdMs` after its `down`, whether or not the box
 * auto-repeats meanwhile. Its `up`, or a `down` of another key, before the threshold cancels it.
 * Every input event passes through unchanged and in order.
 *
 * ## Example
 * keys$.pipe(longPress(700)) // down(OK) … 700 ms … long(OK) … up(OK)
 */
export function longPress(thresholdMs: number, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<KeyEvent, KeyEvent> {
  return (source) =>
    new Observable<KeyEvent>((subscriber) => {
      let timer: Subscription | undefined;
      let armedBy: number | undefined;
      const cancel = (): void => {
        timer?.unsubscribe();
        timer = undefined;
      };
      const inner = source.subscribe({
        next(event) {
          if (event.kind === 'down') {
            cancel();
            armedBy = event.raw;
            const started = scheduler.now();
            timer = scheduler.schedule(() => {
              timer = undefined;
              subscriber.next({ ...event, kind: 'long', timeStamp: event.timeStamp + (scheduler.now() - started) });
            }, thresholdMs);
          } else if (event.kind === 'up' && event.raw === armedBy) {
            // Only the release of the key being held cancels; a late keyup of an earlier key does not.
            cancel();
          }
          subscriber.next(event);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => {
        cancel();
        inner.unsubscribe();
      };
    });
}
