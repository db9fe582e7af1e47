/**
 * CAP field syntax (OASIS CAP 1.2 §3.2, §3.3.2): date-times, `references` triples, polygons and circles,
 * and the white space of text fields.
 */
import type { AlertReference, GeoPoint } from '../../model.js';

/** Collapses all white space to single spaces (one-line fields: headline, event, senderName, values). */
export function oneLine(raw: string): string {
  const trimmed = raw.trim();
  return /\s\s|[\t\n\r]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/**
 * Text of a multi-line field (description, instruction). Lines wrapped by a pretty-printer are joined with
 * a space; a blank line stays as a paragraph break.
 */
export function paragraphs(raw: string): string {
  const trimmed = raw.trim();
  if (!/[\n\r]/.test(trimmed)) return oneLine(trimmed);
  return trimmed.split(/\r?\n(?:[ \t]*\r?\n)+/)
    .map((paragraph) => oneLine(paragraph))
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A CAP date-time (`2003-06-17T14:57:00-07:00`; `-00:00` is UTC) as UTC milliseconds, or undefined when
 * it is not one. Tolerated: `Z`, fractional seconds, a space for `T` (GB/T 35965's extended format),
 * `+0800`, no seconds. A time without a zone is read at `assumedOffsetMinutes` (CAP requires the zone;
 * GB/T 35965 says Beijing time).
 */
export function parseCapTime(raw: string, assumedOffsetMinutes = 0): number | undefined {
  const m = DATE_TIME.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Math.min(59, Number(s ?? '0'));
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0) || hour > 23 || minute > 59) return undefined;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  let offset = assumedOffsetMinutes;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 14 || minutes > 59) return undefined;
    offset = (digits.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  } else if (zone !== undefined) {
    offset = 0;
  }
  const ms = fraction === undefined ? 0 : Math.floor(Number(fraction) * 1000);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offset * 60_000;
}

/**
 * The `references` element: space-separated `sender,identifier,sent` triples (§3.2.1). A pair without
 * `sent` is kept; an entry without a sender and identifier is passed over, as are repeats.
 */
export function parseReferences(raw: string, assumedOffsetMinutes = 0): AlertReference[] {
  const references: AlertReference[] = [];
  const seen = new Set<string>();
  for (const entry of raw.trim().split(/\s+/)) {
    const parts = entry.split(',');
    const sender = parts[0] ?? '';
    const identifier = parts[1] ?? '';
    if (sender.length === 0 || identifier.length === 0) continue;
    const key = `${sender}\u0000${identifier}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sent = parts.length > 2 ? parseCapTime(parts.slice(2).join(','), assumedOffsetMinutes) : undefined;
    references.push(sent === undefined ? { sender, identifier } : { sender, identifier, sent });
  }
  return references;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** A `lat,lon` pair in WGS-84, or undefined when it is not one or is out of range. */
export function parsePoint(raw: string): GeoPoint | undefined {
  const comma = raw.indexOf(',');
  if (comma < 0) return undefined;
  const latText = raw.slice(0, comma).trim();
  const lonText = raw.slice(comma + 1).trim();
  if (!NUMBER.test(latText) || !NUMBER.test(lonText)) return undefined;
  const lat = Number(latText);
  const lon = Number(lonText);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

/**
 * A `polygon` (§3.3.2): white-space separated `lat,lon` pairs, at least four, the first equal to the last.
 * Tolerated: spaces around the comma; a ring left open is closed. Undefined when a point is unreadable or
 * fewer than three distinct points remain (the caller drops the polygon and keeps the area).
 */
export function parsePolygon(raw: string): GeoPoint[] | undefined {
  const text = raw.trim().replace(/\s*,\s*/g, ',');
  if (text.length === 0) return undefined;
  const points: GeoPoint[] = [];
  for (const pair of text.split(/\s+/)) {
    const point = parsePoint(pair);
    if (point === undefined) return undefined;
    points.push(point);
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (first.lat !== last.lat || first.lon !== last.lon) points.push(first);
  const distinct = new Set(points.map((p) => `${p.lat},${p.lon}`));
  return points.length >= 4 && distinct.size >= 3 ? points : undefined;
}

/** A `circle` (§3.3.2): `lat,lon radius` with the radius in km (0 = a point); undefined when unreadable. */
export function parseCircle(raw: string): { center: GeoPoint; radiusKm: number } | undefined {
  const m = /^(\S+?)\s*,\s*(\S+)\s+(\S+)$/.exec(raw.trim());
  if (!m) return undefined;
  const center = parsePoint(`${m[1] ?? ''},${m[2] ?? ''}`);
  const radiusText = m[3] ?? '';
  if (center === undefined || !NUMBER.test(radiusText)) return undefined;
  const radiusKm = Number(radiusText);
  return radiusKm >= 0 ? { center, radiusKm } : undefined;
}
