/**
 * DVB time fields: ETSI EN 300 468 §5.2.4 (EIT start_time, duration) and Annex C (MJD conversion).
 *
 * start_time is 40 bits: a 16-bit Modified Julian Date, then hh mm ss as six 4-bit BCD digits, UTC. All
 * 40 bits set means "undefined" (NVOD reference events). duration is 24 bits of BCD hhmmss.
 *
 * UTC milliseconds are (MJD − 40587) · 86 400 000 + time of day: plain double arithmetic, so there is no
 * 2038 (32-bit time_t) limit. The 16-bit MJD itself ends at 65535 = 2038-04-22.
 */

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

/** MJD of 1970-01-01, the Unix epoch. */
export const MJD_UNIX_EPOCH = 40587;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Value of one BCD byte (0–99), or -1 when a nibble is above 9. */
export function bcdByte(byte: number): number {
  const hi = byte >> 4;
  const lo = byte & 0x0f;
  return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
}

/** UTC milliseconds of 00:00 on a Modified Julian Date. */
export function mjdToUtcMs(mjd: number): number {
  return (mjd - MJD_UNIX_EPOCH) * DAY_MS;
}

/**
 * Decodes a 40-bit start_time at `offset`: UTC milliseconds; `undefined` when all bits are 1 (start
 * undefined); `null` when the BCD part is not valid BCD or out of range (hour > 23, minute/second > 59)
 * or fewer than 5 bytes remain.
 */
export function decodeStartTime(bytes: Uint8Array, offset: number): number | null | undefined {
  if (offset < 0 || offset + 5 > bytes.length) return null;
  const b0 = bytes[offset] ?? 0;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  const b4 = bytes[offset + 4] ?? 0;
  if ((b0 & b1 & b2 & b3 & b4) === 0xff) return undefined;
  const h = bcdByte(b2);
  const m = bcdByte(b3);
  const s = bcdByte(b4);
  if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 59) return null;
  return mjdToUtcMs((b0 << 8) | b1) + ((h * 60 + m) * 60 + s) * 1000;
}

/**
 * Decodes a 24-bit BCD hhmmss duration at `offset` to seconds; `null` when not valid BCD (including all
 * bits set) or minute/second > 59, or fewer than 3 bytes remain. Hours may go to 99.
 */
export function decodeBcdDuration(bytes: Uint8Array, offset: number): number | null {
  if (offset < 0 || offset + 3 > bytes.length) return null;
  const h = bcdByte(bytes[offset] ?? 0);
  const m = bcdByte(bytes[offset + 1] ?? 0);
  const s = bcdByte(bytes[offset + 2] ?? 0);
  if (h < 0 || m < 0 || s < 0 || m > 59 || s > 59) return null;
  return (h * 60 + m) * 60 + s;
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY/MM/DD hh:mm:ss` in UTC, the way TSDuck prints start times. */
export function formatUtc(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** `hh:mm:ss` for a duration in seconds. */
export function formatDuration(seconds: number): string {
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
}
