// Focus in the guide: a row and a time. Arrows move between cells; up and down keep the time the focus
// had when it last moved sideways, so a column of evening programmes can be walked down channel by channel.
import { cellAt, type RowCells } from './grid-data.js';
import { clamp, DAY, floorTo, ROWS_PER_PAGE, VIEW_MS, VIEW_STEP_MS, type Range } from './layout.js';

export interface Focus {
  /** GuideChannel index. */
  readonly row: number;
  /** A time inside the focused cell. */
  readonly at: number;
  /** The time vertical moves look for in the next row; always inside the view. */
  readonly anchor: number;
  /** Start of the visible time span. */
  readonly viewFrom: number;
}

export type Move = 'left' | 'right' | 'up' | 'down' | 'page-up' | 'page-down' | 'day-back' | 'day-forward';

export interface NavigationContext {
  readonly rowCount: number;
  /** Times the guide can show. */
  readonly limits: Range;
  /** The cells read for a row, if any. */
  cellsOf(row: number): RowCells | undefined;
}

/** The view start clamped to the limits. */
export function clampView(viewFrom: number, limits: Range): number {
  return clamp(viewFrom, limits.from, Math.max(limits.from, limits.to - VIEW_MS));
}

const within = (t: number, viewFrom: number): number => clamp(t, viewFrom, viewFrom + VIEW_MS - 1);

/** Focus on what is on at `now` in `row`, the view starting at the half hour before. */
export function focusAt(row: number, now: number, limits: Range): Focus {
  const viewFrom = clampView(floorTo(now, VIEW_STEP_MS), limits);
  const at = clamp(now, limits.from, limits.to - 1);
  return { row, at, anchor: within(at, viewFrom), viewFrom };
}

function vertical(focus: Focus, delta: number, context: NavigationContext): Focus {
  const row = clamp(focus.row + delta, 0, Math.max(0, context.rowCount - 1));
  if (row === focus.row) return focus;
  return { ...focus, row, at: focus.anchor };
}

function right(focus: Focus, context: NavigationContext): Focus {
  const cells = context.cellsOf(focus.row);
  const cell = cellAt(cells, focus.at);
  let next: number;
  if (cell && cells) {
    // A cell cut off at the end of what was read may run on: a programme's own end says where.
    next = cell.end < cells.to || cell.kind === 'gap' ? cell.end : Math.max(cell.end, cell.programme.end);
  } else {
    next = floorTo(focus.at, VIEW_STEP_MS) + VIEW_STEP_MS;
  }
  if (next >= context.limits.to) return focus;
  const start = cellAt(cells, next)?.start ?? next;
  const viewFrom = start >= focus.viewFrom + VIEW_MS ? clampView(floorTo(start, VIEW_STEP_MS), context.limits) : focus.viewFrom;
  return { row: focus.row, at: next, anchor: within(next, viewFrom), viewFrom };
}

function left(focus: Focus, context: NavigationContext): Focus {
  const cells = context.cellsOf(focus.row);
  const cell = cellAt(cells, focus.at);
  let previous: number;
  if (cell && cells) {
    // A programme cut off at the start of what was read began earlier: step before its real start.
    const start = cell.start <= cells.from && cell.kind === 'programme' ? Math.min(cell.start, cell.programme.start) : cell.start;
    previous = start - 1;
  } else {
    previous = focus.at - VIEW_STEP_MS;
  }
  if (previous < context.limits.from) return focus;
  const target = cellAt(cells, previous);
  const at = target?.start ?? previous;
  const end = target?.end ?? previous + 1;
  let viewFrom = focus.viewFrom;
  if (end <= viewFrom) {
    // Entirely left of the view: show it whole when it fits, else its last part.
    const start = target?.kind === 'programme' ? Math.min(target.start, target.programme.start) : at;
    viewFrom = clampView(floorTo(Math.max(start, end - VIEW_MS), VIEW_STEP_MS), context.limits);
  }
  return { row: focus.row, at, anchor: within(at, viewFrom), viewFrom };
}

function day(focus: Focus, sign: 1 | -1, context: NavigationContext): Focus {
  const { limits } = context;
  const viewFrom = clampView(focus.viewFrom + sign * DAY, limits);
  const shift = viewFrom - focus.viewFrom;
  if (shift === 0) return focus;
  const at = clamp(focus.anchor + shift, limits.from, limits.to - 1);
  return { row: focus.row, at, anchor: within(at, viewFrom), viewFrom };
}

/** Where focus goes for a move; the same focus when it cannot move. */
export function moveFocus(focus: Focus, move: Move, context: NavigationContext): Focus {
  switch (move) {
    case 'up': return vertical(focus, -1, context);
    case 'down': return vertical(focus, 1, context);
    case 'page-up': return vertical(focus, -ROWS_PER_PAGE, context);
    case 'page-down': return vertical(focus, ROWS_PER_PAGE, context);
    case 'left': return left(focus, context);
    case 'right': return right(focus, context);
    case 'day-back': return day(focus, -1, context);
    case 'day-forward': return day(focus, 1, context);
  }
}
