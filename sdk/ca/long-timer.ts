/**
 * A timeout for durations beyond what `setTimeout` accepts: browsers keep the delay in a signed 32-bit
 * integer, and a longer one (an operator's fingerprint for 0xFFFFFFFF ms) fires at once. The wait is taken in
 * pieces of at most `MAX_TIMEOUT_MS` until the whole duration has passed.
 */

/** The longest delay `setTimeout` honours (2^31 − 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Cancels the timeout; harmless after it fired. */
export type CancelTimeout = () => void;

/**
 * Calls `callback` once `durationMs` has passed (an infinite duration never fires). `pieceMs` is the longest
 * single wait; it is only smaller than the platform's limit in tests.
 */
export function setLongTimeout(callback: () => void, durationMs: number, pieceMs = MAX_TIMEOUT_MS): CancelTimeout {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let left = Math.max(0, durationMs);
  const arm = (): void => {
    if (left === Infinity) return;
    const piece = Math.min(left, pieceMs);
    left -= piece;
    timer = setTimeout(() => {
      timer = undefined;
      if (left > 0) arm();
      else callback();
    }, piece);
  };
  arm();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    left = Infinity;
  };
}
