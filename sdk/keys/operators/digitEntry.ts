import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { KeyName } from '../key-names.js';
import type { KeyEvent } from '../key-event.js';

export interface DigitEntryOptions {
  /** How long after the last digit the entry commits. Default 2000 ms, the usual box behaviour. */
  readonly timeoutMs?: number;
  /** Commit as soon as this many digits are typed. Default 3 (channel numbers up to 999). */
  readonly maxDigits?: number;
  /** Keys that commit early. Default `Enter`. */
  readonly commitKeys?: readonly KeyName[];
  /** Keys that abandon the entry. Default `BrowserBack`. */
  readonly cancelKeys?: readonly KeyName[];
}

/** The state of a numeric entry: emitted on every digit while typing, then once when it ends. */
export type DigitEntry =
  | { readonly done: false; readonly digits: string }
  | { readonly done: true; readonly digits: string; readonly value: number; readonly reason: 'timeout' | 'commit' | 'max' }
  | { readonly done: true; readonly digits: string; readonly value?: undefined; readonly reason: 'cancel' };

/**
 * Turns digit presses typed within `timeoutMs` of each other into a number, for channel entry.
 * Only `down` events count; a commit key with no digits typed, and every other key, are ignored.
 *
 * ## Example
 * keys$.pipe(digitEntry()) // 1, 2 … 2 s … → {done: true, value: 12, reason: 'timeout'}
 */
export function digitEntry(options: DigitEntryOptions = {}, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<KeyEvent, DigitEntry> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxDigits = options.maxDigits ?? 3;
  const commitKeys = new Set<KeyName>(options.commitKeys ?? ['Enter']);
  const cancelKeys = new Set<KeyName>(options.cancelKeys ?? ['BrowserBack']);
  return (source) =>
    new Observable<DigitEntry>((subscriber) => {
      let digits = '';
      let timer: Subscription | undefined;
      const finish = (reason: 'timeout' | 'commit' | 'max' | 'cancel'): void => {
        timer?.unsubscribe();
        timer = undefined;
        const typed = digits;
        digits = '';
        if (reason === 'cancel') subscriber.next({ done: true, digits: typed, reason });
        else subscriber.next({ done: true, digits: typed, value: Number(typed), reason });
      };
      const inner = source.subscribe({
        next(event) {
          if (event.kind !== 'down') return;
          if (event.key.length === 1 && event.key >= '0' && event.key <= '9') {
            digits += event.key;
            subscriber.next({ done: false, digits });
            if (digits.length >= maxDigits) {
              finish('max');
              return;
            }
            timer?.unsubscribe();
            timer = scheduler.schedule(() => finish('timeout'), timeoutMs);
          } else if (digits && commitKeys.has(event.key)) {
            finish('commit');
          } else if (digits && cancelKeys.has(event.key)) {
            finish('cancel');
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => {
        timer?.unsubscribe();
        inner.unsubscribe();
      };
    });
}
