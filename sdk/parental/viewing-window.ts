/**
 * Daily viewing windows (`HH:MM`–`HH:MM`, local time). A window whose end is before its start wraps past
 * midnight (`21:00`–`06:00`); equal start and end mean the whole day.
 */
import type { TimeWindow } from '../ca/ca-module.js';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

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

/** Whether the local time of `at` (ms since epoch) falls within `window` (start inclusive, end exclusive). */
export function withinTimeWindow(window: TimeWindow, at: number): boolean {
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  if (start === undefined || end === undefined || start === end) return true;
  const date = new Date(at);
  const now = date.getHours() * 60 + date.getMinutes();
  return start < end ? now >= start && now < end : now >= start || now < end;
}
