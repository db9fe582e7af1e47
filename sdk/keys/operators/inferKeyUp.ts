import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { KeyEvent } from '../key-event.js';

/**
 * For boxes that send no keyup: a `down` of the key already held becomes `repeat`, and the held key
 * gets an `up` when no repeat has come for `releaseGapMs` or another key goes down. Pick a gap longer
 * than the box's initial auto-repeat delay (usually 400–500 ms), or a held key reads as two presses.
 */
export function inferKeyUp(releaseGapMs: number, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<KeyEvent, KeyEvent> {
  return (source) =>
    new Observable<KeyEvent>((subscriber) => {
      let held: KeyEvent | undefined;
      let lastAt = 0;
      let timer: Subscription | undefined;
      const release = (at: number): void => {
        timer?.unsubscribe();
        timer = undefined;
        if (held) {
          const ended = held;
          held = undefined;
          subscriber.next({ ...ended, kind: 'up', timeStamp: at });
        }
      };
      const arm = (): void => {
        timer?.unsubscribe();
        timer = scheduler.schedule(() => release(lastAt + releaseGapMs), releaseGapMs);
      };
      const inner = source.subscribe({
        next(event) {
          if (event.kind === 'up') {
            // The box does send keyups after all: trust them.
            if (held && held.raw === event.raw) {
              held = undefined;
              timer?.unsubscribe();
              timer = undefined;
            }
            subscriber.next(event);
            return;
          }
          if (held && held.raw === event.raw && held.key === event.key) {
            lastAt = event.timeStamp;
            subscriber.next({ ...event, kind: 'repeat' });
            arm();
            return;
          }
          release(event.timeStamp);
          held = event;
          lastAt = event.timeStamp;
          subscriber.next({ ...event, kind: 'down' });
          arm();
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          release(lastAt);
          subscriber.complete();
        },
      });
      return () => {
        timer?.unsubscribe();
        inner.unsubscribe();
      };
    });
}
