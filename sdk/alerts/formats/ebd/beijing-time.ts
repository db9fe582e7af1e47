/**
 * Times of the emergency-broadcast platform interface (GD/J 083 / GY/T 384): `YYYY-MM-DD hh:mm:ss` in
 * Beijing time (UTC+08:00, no daylight saving since 1991), with no zone written. The EB TS tables use
 * local time too (MJD + BCD), so local-without-zone is the rule, not an omission.
 *
 * Accepted: `-` or `/` between date parts, ` ` or `T` before the time, optional seconds and fraction, and
 * the compact `YYYYMMDDhhmmss`. A zone that is written (`Z`, `+08:00`, `+0800`) is honoured.
 */

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

/** Beijing time offset from UTC, in minutes. */
export const BEIJING_OFFSET_MINUTES = 8 * 60;

const SEPARATED = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** UTC milliseconds of an EB time, or undefined when it is not a valid time. */
export function parseBeijingTime(text: string): number | undefined {
  const value = text.trim();
  const m = SEPARATED.exec(value) ?? COMPACT.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? 0 : Number(v)));
  const fraction = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  const zone = m[8];
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) {
    return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  const check = new Date(utc);
  // Reject 2024-02-30, 25:00 and the like instead of letting Date roll them over.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day
    || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second) {
    return undefined;
  }
  return utc - zoneOffsetMinutes(zone) * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined) return BEIJING_OFFSET_MINUTES;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}
