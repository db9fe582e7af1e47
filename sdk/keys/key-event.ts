import type { KeyGroup, KeyName } from './key-names.js';

/**
 * What a press is doing: `down` when it starts, `repeat` while the box auto-repeats, `long` once when it
 * has been held for the long-press threshold, `up` when it ends (inferred on boxes that send no keyup).
 */
export type KeyKind = 'down' | 'repeat' | 'long' | 'up';

/** A normalized remote-key event. */
export interface KeyEvent {
  /** The normalized key, or `Unidentified` when no profile knows `raw`. */
  readonly key: KeyName;
  readonly kind: KeyKind;
  /** The platform's raw key code (`keyCode`, or `which` on boxes that only set that). */
  readonly raw: number;
  /** The platform's `KeyboardEvent.key`, when it set one. */
  readonly rawKey?: string;
  /** The KeySet group of `key`; undefined for `Unidentified`. */
  readonly group?: KeyGroup;
  /** `performance.now()` time base: the DOM event's timeStamp, or the timer time for `long` and inferred `up`. */
  readonly timeStamp: number;
}
