// Geometry of the guide on its 1920×1080 stage, and the time arithmetic the grid lays out with.

export const STAGE_W = 1920;
export const STAGE_H = 1080;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Left and right margin (inside the 5 % title-safe area). */
export const SIDE = 64;
export const HEADER_H = 136;
export const RULER_TOP = 160;
export const RULER_H = 44;
export const GRID_TOP = RULER_TOP + RULER_H;
export const CHANNEL_W = 296;
/** Width of the time area: 150 minutes at 10 px a minute. */
export const TIME_W = 1500;
export const PX_PER_MIN = 10;
export const PX_PER_MS = PX_PER_MIN / MINUTE;
export const ROW_H = 84;
/** Channels on one screen; paging moves by this many. */
export const ROWS_PER_PAGE = 9;
export const GRID_H = ROW_H * ROWS_PER_PAGE;

/** The visible time span. */
export const VIEW_MS = (TIME_W / PX_PER_MIN) * MINUTE;
/** The view starts on these steps. */
export const VIEW_STEP_MS = 30 * MINUTE;
/**
 * Time is rendered (and read from the store) in blocks: the blocks the view touches plus one on each side,
 * so a step left or right shows cells at once while the next read runs.
 */
export const TIME_BLOCK_MS = HOUR;

export const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;
export const ceilTo = (t: number, step: number): number => Math.ceil(t / step) * step;
export const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/** Local midnight of the day holding `t`. */
export function localDayStart(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Half-open ranges. */
export interface Range {
  readonly from: number;
  readonly to: number;
}

/** The time range rendered (and queried) for a view starting at `viewFrom`: touched blocks ± one block. */
export function renderedTime(viewFrom: number, limits: Range): Range {
  return {
    from: Math.max(limits.from, floorTo(viewFrom, TIME_BLOCK_MS) - TIME_BLOCK_MS),
    to: Math.min(limits.to, ceilTo(viewFrom + VIEW_MS, TIME_BLOCK_MS) + TIME_BLOCK_MS),
  };
}

/** The page of a row. */
export const pageOf = (row: number): number => Math.floor(row / ROWS_PER_PAGE);

/** Rows visible on `page` (clipped to `count`). */
export function visibleRows(page: number, count: number): Range {
  return { from: page * ROWS_PER_PAGE, to: Math.min(count, (page + 1) * ROWS_PER_PAGE) };
}

/** Rows rendered (and queried) for `page`: the visible page ± one page. */
export function renderedRows(page: number, count: number): Range {
  return { from: Math.max(0, (page - 1) * ROWS_PER_PAGE), to: Math.min(count, (page + 2) * ROWS_PER_PAGE) };
}
