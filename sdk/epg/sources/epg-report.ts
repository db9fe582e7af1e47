import type { EpgWarning } from '../model.js';
import type { EpgParseReport } from './epg-source.js';

/**
 * Helpers every source uses to keep its parse report: counts are always exact, warnings are kept up to
 * the caller's `maxWarnings`.
 */

/** Warnings kept in a report when the caller gives no `maxWarnings`. */
export const DEFAULT_MAX_WARNINGS = 100;

/** Keeps a warning if the report has room; counts nothing. */
export function recordWarning(report: EpgParseReport, warning: EpgWarning, maxWarnings = DEFAULT_MAX_WARNINGS): void {
  if (report.warnings.length < maxWarnings) report.warnings.push(warning);
}

/** Counts a dropped item and keeps its warning if there is room. */
export function recordSkipped(report: EpgParseReport, warning: EpgWarning, maxWarnings = DEFAULT_MAX_WARNINGS): void {
  report.skipped++;
  recordWarning(report, warning, maxWarnings);
}

/** Counts a repaired item and keeps its warning if there is room. */
export function recordRepaired(report: EpgParseReport, warning: EpgWarning, maxWarnings = DEFAULT_MAX_WARNINGS): void {
  report.repaired++;
  recordWarning(report, warning, maxWarnings);
}
