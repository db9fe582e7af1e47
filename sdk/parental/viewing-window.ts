/**
 * Daily viewing windows (`HH:MM`–`HH:MM`), in the operator's time zone (an IANA name such as `Asia/Shanghai`)
 * or, without one, the box's local time. A window whose end is before its start wraps past midnight
 * (`21:00`–`06:00`); equal start and end mean the whole day.
 */
import type { TimeWindow } from '../ca/ca-module.js';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** Minutes after midnight of `HH:MM`, or undefined when it is not a valid time of day. */
export function minutesOfDay(time: string): number | undefined {
  const match = HH_MM.exec(time);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Whether `window` has valid `HH:MM` start and end. */
export function isTimeWindow(window: TimeWindow): boolean {
  return minutesOfDay(window.start) !== undefined && minutesOfDay(window.end) !== undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter giving the wall-clock hour (00–23) and minute in `timeZone`; throws RangeError for an unknown zone. */
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone name this browser knows. */
export function isTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes after midnight on the wall clock at `at` (ms since epoch), in `timeZone` or local time. */
function wallMinutes(at: number, timeZone: string | undefined): number {
  if (timeZone === undefined) {
    const date = new Date(at);
    return date.getHours() * 60 + date.getMinutes();
  }
  let hour = 0;
  let minute = 0;
  for (const part of zoneFormatter(timeZone).formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

/**
 * Whether the wall-clock time of `at` (ms since epoch) falls within `window` (start inclusive, end
 * exclusive), in `timeZone` (IANA) or, without one, the box's local time.
 */
export function withinTimeWindow(window: TimeWindow, at: number, timeZone?: string): boolean {
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  if (start === undefined || end === undefined || start === end) return true;
  const now = wallMinutes(at, timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The first instant after `at` whose wall clock reads `boundary` (minutes after midnight). */
function nextWallMinute(boundary: number, at: number, timeZone: string | undefined): number {
  const minuteStart = at - (((at % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  const ahead = (boundary - wallMinutes(at, timeZone) + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  const estimate = minuteStart + ahead * MINUTE_MS;
  // A daylight-saving change in between moves the wall clock: correct by the difference it shows at the estimate.
  let drift = (boundary - wallMinutes(estimate, timeZone) + DAY_MINUTES) % DAY_MINUTES;
  if (drift > DAY_MINUTES / 2) drift -= DAY_MINUTES;
  const corrected = estimate + drift * MINUTE_MS;
  return corrected > at ? corrected : estimate;
}

/**
 * When `window` next opens or closes after `at` (ms since epoch), in `timeZone` (IANA) or local time; undefined
 * for a whole-day or invalid window (it never changes). Where a daylight-saving change skips the boundary's
 * time, the instant returned is close to it, and deciding again then finds the next one.
 */
export function nextTimeWindowChange(window: TimeWindow, at: number, timeZone?: string): number | undefined {
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  if (start === undefined || end === undefined || start === end) return undefined;
  return Math.min(nextWallMinute(start, at, timeZone), nextWallMinute(end, at, timeZone));
}
