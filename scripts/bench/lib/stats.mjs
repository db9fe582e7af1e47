// Small statistics helpers for the benchmarks.

/** Nearest-rank percentile (p in 0..1) of numbers; NaN for an empty list. */
export function percentile(values, p) {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank];
}

export function mean(values) {
  return values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : Number.NaN;
}

/** p50, p95 and mean of a list, rounded to `digits` decimals. */
export function summary(values, digits = 2) {
  return {
    n: values.length,
    p50: round(percentile(values, 0.5), digits),
    p95: round(percentile(values, 0.95), digits),
    mean: round(mean(values), digits),
  };
}

/**
 * Percentile of a population where only values at or above `threshold` were reported (Event Timing
 * reports events of 16 ms or more). The `total - reported.length` unreported ones are below the
 * threshold, so a percentile falling among them is only known as "< threshold".
 * Returns `{ms, belowThreshold}`: `ms` is the value, or the threshold when `belowThreshold`.
 */
export function censoredPercentile(reported, total, p, threshold) {
  if (!total) return { ms: Number.NaN, belowThreshold: false };
  const sorted = [...reported].sort((a, b) => a - b);
  const unreported = total - sorted.length;
  const rank = Math.min(total - 1, Math.max(0, Math.ceil(p * total) - 1));
  if (rank < unreported) return { ms: threshold, belowThreshold: true };
  return { ms: sorted[rank - unreported], belowThreshold: false };
}

export function round(value, digits = 2) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** "12.3", or "<16" for a censored percentile. */
export function formatMs(value) {
  if (value && typeof value === 'object') return value.belowThreshold ? `<${value.ms}` : formatMs(value.ms);
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
