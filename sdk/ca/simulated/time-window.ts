/** Daily viewing windows (`HH:MM`–`HH:MM`, local time; an end before the start wraps past midnight). */
import type { TimeWindow } from '../ca-module.js';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(text: string): number | undefined {
  const m = HH_MM.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export function isTimeWindow(value: unknown): value is TimeWindow {
  if (typeof value !== 'object' || value === null) return false;
  const { start, end } = value as Record<string, unknown>;
  return typeof start === 'string' && typeof end === 'string' && minutes(start) !== undefined && minutes(end) !== undefined;
}

/** Whether local time `at` (ms since epoch) falls inside the window; equal start and end mean all day. */
export function insideTimeWindow(window: TimeWindow, at: number): boolean {
  const start = minutes(window.start) ?? 0;
  const end = minutes(window.end) ?? 0;
  if (start === end) return true;
  const date = new Date(at);
  const now = date.getHours() * 60 + date.getMinutes();
  return start < end ? now >= start && now < end : now >= start || now < end;
}
