import type { Observable } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { Programme } from '../model.js';
import type { EpgStore } from '../store/epg-store.js';
import { DAY_MS, dayOf } from '../store/schema.js';
import { changeAffects, live, type LiveOptions } from './live.js';

export interface GridQuery {
  /** GuideChannel ids, one row each, in this order. */
  readonly channels: readonly string[];
  /** Window start (UTC ms, inclusive). */
  readonly from: number;
  /** Window end (UTC ms, exclusive). */
  readonly to: number;
}

/** A programme's cell: `start`/`end` are clipped to the window and to the cell before; the programme keeps its own. */
export interface ProgrammeCell {
  readonly kind: 'programme';
  readonly programme: Programme;
  readonly start: number;
  readonly end: number;
}

/** Time with no guide information ("no information" in the grid). */
export interface GapCell {
  readonly kind: 'gap';
  readonly start: number;
  readonly end: number;
}

export type GridCell = ProgrammeCell | GapCell;

export interface GridRow {
  readonly channelId: string;
  /** Back to back from the window start to its end, in time order. */
  readonly cells: readonly GridCell[];
}

function cellsOf(programmes: readonly Programme[], from: number, to: number): GridCell[] {
  const cells: GridCell[] = [];
  let cursor = from;
  for (const programme of programmes) {
    const start = Math.max(programme.start, cursor);
    const end = Math.min(programme.end, to);
    // Outside the window, or hidden entirely by an overlapping programme before it.
    if (end <= start) continue;
    if (start > cursor) cells.push({ kind: 'gap', start: cursor, end: start });
    cells.push({ kind: 'programme', programme, start, end });
    cursor = end;
  }
  if (cursor < to) cells.push({ kind: 'gap', start: cursor, end: to });
  return cells;
}

/**
 * The guide grid for a time window: per channel, the programmes overlapping [`from`, `to`) in start order,
 * clipped to the window, with gaps filled by gap cells; a channel with nothing is one gap. Programmes that
 * overlap on a channel are laid out one after the other (a later one starts where the earlier one ends).
 * Reads only the window's days (and the day before when the window starts in a gap), so it stays fast on a
 * full week's guide.
 */
export async function grid(guide: EpgStore, query: GridQuery): Promise<GridRow[]> {
  const { channels, from, to } = query;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgArgumentInvalid,
      `grid window must have finite from < to, got ${from}..${to}`,
      { name: 'from/to', value: { from, to }, expected: 'finite from < to' });
  }
  const tx = guide.db.transaction('schedules');
  const firstDay = dayOf(from);
  return Promise.all(channels.map(async (channelId) => {
    let programmes = (await tx.store.getAll(IDBKeyRange.bound([channelId, firstDay], [channelId, to], false, true)))
      .flatMap((record) => record.programmes);
    // Only when nothing of the window's days covers its start can a programme from the day before.
    if ((programmes[0]?.start ?? Infinity) > from) {
      const before = await tx.store.get([channelId, firstDay - DAY_MS]);
      if (before) programmes = [...before.programmes, ...programmes];
    }
    return { channelId, cells: cellsOf(programmes, from, to) };
  }));
}

/** `grid` as an Observable that re-emits after changes to its channels within its window (see `live`). */
export function watchGrid(guide: EpgStore, query: GridQuery, options: Omit<LiveOptions, 'affects'> = {}): Observable<GridRow[]> {
  return live(guide, () => grid(guide, query), {
    ...options,
    affects: (change) => changeAffects(change, query.channels, query.from, query.to),
  });
}
