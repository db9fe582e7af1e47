// What the grid shows, read from the guide store: the channel list, and the cells of the rows and time it
// renders. Follows the store live, so guides imported while the grid is up (the emulator's EPG panel) appear.
import {
  audit, BehaviorSubject, distinctUntilChanged, EMPTY, filter, from, map, startWith, switchMap, timer, type Subscription,
} from 'rxjs';
import { listChannels, watchGrid, type GuideChannel, type EpgStore, type GridCell, type GridQuery } from '../../sdk/index.js';

/** One channel's cells as last read, for the window they were read for. */
export interface RowCells {
  readonly from: number;
  readonly to: number;
  readonly cells: readonly GridCell[];
}

export interface GridDataCallbacks {
  /** Channels or cells changed. */
  changed(): void;
  /** Reading the store failed (it closed, or another tab upgraded it). */
  failed(error: unknown): void;
}

function sameQuery(a: GridQuery | undefined, b: GridQuery | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.from !== b.from || a.to !== b.to || a.channels.length !== b.channels.length) return false;
  return a.channels.every((id, i) => id === b.channels[i]);
}

/** The cell of `row` that holds time `t`, if read. Cells are back to back and in time order. */
export function cellAt(row: RowCells | undefined, t: number): GridCell | undefined {
  const cells = row?.cells;
  if (!cells) return undefined;
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const cell = cells[mid];
    if (!cell) return undefined;
    if (t < cell.start) hi = mid - 1;
    else if (t >= cell.end) lo = mid + 1;
    else return cell;
  }
  return undefined;
}

export class GuideGridData {
  /** Every channel, by number. */
  channels: readonly GuideChannel[] = [];
  /** False until the channel list was first read. */
  channelsRead = false;
  /** Number of grid results received. */
  reads = 0;
  private readonly rows = new Map<string, RowCells>();
  private readonly queries = new BehaviorSubject<GridQuery | undefined>(undefined);
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly guide: EpgStore, private readonly callbacks: GridDataCallbacks) {}

  /** Reads the channels, then follows the store. */
  start(): void {
    const fail = (error: unknown): void => this.callbacks.failed(error);
    this.subscriptions.push(this.guide.changes.pipe(
      filter((change) => change.kind === 'channels' || change.kind === 'cleared'),
      // An import announces channels once per transaction: list them again at most every 250 ms, but at
      // once while there are none (a first guide arriving).
      audit(() => timer(this.channels.length === 0 ? 0 : 250)),
      startWith(undefined),
      switchMap(() => from(listChannels(this.guide))),
    ).subscribe({
      next: (channels) => {
        if (!this.channelsRead) performance.mark('epg-grid:channels-read');
        this.channels = channels;
        this.channelsRead = true;
        this.callbacks.changed();
      },
      error: fail,
    }));
    this.subscriptions.push(this.guide.changes.pipe(filter((change) => change.kind === 'cleared')).subscribe(() => {
      this.rows.clear();
    }));
    this.subscriptions.push(this.queries.pipe(
      distinctUntilChanged(sameQuery),
      switchMap((query) => (query && query.channels.length > 0
        ? watchGrid(this.guide, query).pipe(map((rows) => ({ query, rows })))
        : EMPTY)),
    ).subscribe({
      next: ({ query, rows }) => {
        // Keep only what is rendered: memory stays bounded however long the guide is browsed.
        const wanted = new Set(query.channels);
        for (const id of this.rows.keys()) if (!wanted.has(id)) this.rows.delete(id);
        for (const row of rows) this.rows.set(row.channelId, { from: query.from, to: query.to, cells: row.cells });
        if (this.reads === 0) performance.mark('epg-grid:cells-read');
        this.reads++;
        this.callbacks.changed();
      },
      error: fail,
    }));
  }

  /** Asks for the cells of these channels and times; the rows keep their last cells until the read lands. */
  request(query: GridQuery): void {
    this.queries.next(query);
  }

  cellsOf(channelId: string | undefined): RowCells | undefined {
    return channelId === undefined ? undefined : this.rows.get(channelId);
  }

  stop(): void {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    this.queries.complete();
    this.rows.clear();
  }
}
