import type { Programme } from '../model.js';
import { DEFAULT_MAX_WARNINGS, recordRepaired, recordSkipped } from './epg-report.js';
import type { EpgParseReport } from './epg-source.js';

/**
 * Settles each channel's timeline as programmes stream in, for any source whose end times cannot be
 * trusted (XMLTV, operator JSON).
 *
 * One programme per channel is held back until the next one on that channel arrives, so that:
 * - a missing end takes the next programme's start (XMLTV: "stop will usually be the start of the next
 *   programme"), or else the declared length;
 * - an end at or before the start is repaired the same way, or the programme is dropped when nothing can
 *   date its end;
 * - an end past the next programme's start is trimmed to it (an overlap, such as a 24-hour filler);
 * - of two programmes with the same start on the same channel, one is dropped: the one without a real
 *   duration, else the later one.
 *
 * Guides are written in start order per channel. A programme that arrives out of that order (a grabber
 * that dated a morning to the wrong day) is checked against the slots already settled on its channel:
 * it is kept when it fills a gap, trimmed when it runs into the held programme, and dropped when it
 * collides with a programme already settled. Settled slots are remembered per channel for the last
 * `SLOT_MEMORY` programmes only, so memory stays bounded on any guide.
 *
 * Every repair and drop is counted in the report with a warning. The settled timeline of a channel never
 * overlaps itself.
 */

/** A programme whose end may still be unknown. */
export type DraftProgramme = Omit<Programme, 'end'> & { readonly end: number | undefined };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Held {
  readonly draft: DraftProgramme;
  readonly where: string | undefined;
}

interface Timeline {
  held: Held;
  /** Settled slots in start order; they never overlap, so the ends are in order too. */
  readonly starts: number[];
  readonly ends: number[];
}

/** Settled slots remembered per channel for out-of-order checks (about a month of a busy channel). */
const SLOT_MEMORY = 2048;

const iso = (ms: number): string => new Date(ms).toISOString();

export class TimelineRepair {
  private readonly timelines = new Map<string, Timeline>();

  constructor(private readonly report: EpgParseReport, private readonly maxWarnings = DEFAULT_MAX_WARNINGS) {}

  /**
   * Adds the next programme of its channel. Returns the programme that is now settled (usually the
   * channel's previous one; a late programme that fits is returned at once), or undefined when nothing
   * is ready yet or a programme had to be dropped. `where` says where the draft came from, for warnings
   * (a line, an index).
   */
  push(draft: DraftProgramme, where?: string): Programme | undefined {
    const timeline = this.timelines.get(draft.channelId);
    if (!timeline) {
      this.timelines.set(draft.channelId, { held: { draft, where }, starts: [], ends: [] });
      return undefined;
    }
    const held = timeline.held;
    const prev = held.draft;
    if (draft.start === prev.start) {
      // Two programmes in one slot: keep one with a real duration, else the first.
      const prevHasEnd = prev.end !== undefined && prev.end > prev.start;
      const draftHasEnd = draft.end !== undefined && draft.end > draft.start;
      const [kept, dropped, droppedWhere] = !prevHasEnd && draftHasEnd ? [draft, prev, held.where] : [prev, draft, where];
      recordSkipped(this.report, {
        code: 'duplicate-start',
        message: `"${titleOf(dropped)}" starts at ${iso(draft.start)} like "${titleOf(kept)}" on the same channel; ` +
          `"${titleOf(dropped)}" is dropped${kept === draft ? ' (it has no duration)' : ''}`,
        where: describe(dropped, droppedWhere),
      }, this.maxWarnings);
      if (kept === draft) timeline.held = { draft, where };
      return undefined;
    }
    if (draft.start < prev.start) return this.placeLate(timeline, draft, where);
    timeline.held = { draft, where };
    const settled = this.settle(held, draft.start);
    if (settled) remember(timeline, settled.start, settled.end);
    return settled;
  }

  /** Ends the input: settles and returns every programme still held, channel by channel. */
  flush(): Programme[] {
    const out: Programme[] = [];
    for (const timeline of this.timelines.values()) {
      const settled = this.settle(timeline.held, undefined);
      if (settled) out.push(settled);
    }
    this.timelines.clear();
    return out;
  }

  private settle({ draft, where }: Held, nextStart: number | undefined): Programme | undefined {
    const { start, end: declared } = draft;
    let end: number;
    if (declared === undefined || declared <= start) {
      const fault = declared === undefined ? 'missing-stop' : 'stop-before-start';
      const what = declared === undefined ? 'has no end' : `ends at ${iso(declared)}, not after its start ${iso(start)}`;
      if (nextStart !== undefined) {
        end = nextStart;
        this.repaired(fault, `"${titleOf(draft)}" ${what}; it now ends when the next programme starts (${iso(end)})`, draft, where);
      } else if (draft.lengthSeconds !== undefined && draft.lengthSeconds > 0) {
        end = start + draft.lengthSeconds * 1000;
        this.repaired(fault, `"${titleOf(draft)}" ${what}; it now ends after its declared length (${iso(end)})`, draft, where);
      } else {
        recordSkipped(this.report, {
          code: fault,
          message: `"${titleOf(draft)}" ${what}, and no later programme on the channel or declared length can date its end; dropped`,
          where: describe(draft, where),
        }, this.maxWarnings);
        return undefined;
      }
    } else if (nextStart !== undefined && declared > nextStart) {
      end = nextStart;
      this.repaired('overlap', `"${titleOf(draft)}" ends at ${iso(declared)}, after the next programme starts (${iso(nextStart)}); end trimmed`, draft, where);
    } else {
      end = declared;
    }
    return finish(draft, end);
  }

  /** A programme that starts before the one held on its channel. */
  private placeLate(timeline: Timeline, draft: DraftProgramme, where: string | undefined): Programme | undefined {
    const { start } = draft;
    const heldStart = timeline.held.draft.start;
    const before = `starts at ${iso(start)}, out of order before "${titleOf(timeline.held.draft)}" (${iso(heldStart)})`;
    let end = draft.end !== undefined && draft.end > start ? draft.end
      : draft.lengthSeconds !== undefined && draft.lengthSeconds > 0 ? start + draft.lengthSeconds * 1000 : undefined;
    if (end === undefined) {
      this.skipped('out-of-order', `"${titleOf(draft)}" ${before}, and has no usable end; dropped`, draft, where);
      return undefined;
    }
    const clash = overlapping(timeline, start, end);
    if (clash !== undefined) {
      this.skipped('out-of-order', `"${titleOf(draft)}" ${before}, and collides with a programme already listed ` +
        `(${iso(clash[0])} to ${iso(clash[1])}); dropped`, draft, where);
      return undefined;
    }
    if (end > heldStart) {
      this.repaired('overlap', `"${titleOf(draft)}" ${before}, and ends at ${iso(end)}, after that one starts; end trimmed`, draft, where);
      end = heldStart;
    }
    const settled = finish(draft, end);
    remember(timeline, start, end);
    return settled;
  }

  private repaired(code: string, message: string, draft: DraftProgramme, where: string | undefined): void {
    recordRepaired(this.report, { code, message, where: describe(draft, where) }, this.maxWarnings);
  }

  private skipped(code: string, message: string, draft: DraftProgramme, where: string | undefined): void {
    recordSkipped(this.report, { code, message, where: describe(draft, where) }, this.maxWarnings);
  }
}

/** The programme with its settled end. The model keeps a declared length only when it differs from the slot. */
function finish(draft: DraftProgramme, end: number): Programme {
  const programme: Mutable<Programme> = { ...draft, end };
  if (programme.lengthSeconds !== undefined && programme.lengthSeconds * 1000 === end - draft.start) delete programme.lengthSeconds;
  return programme;
}

/** Records a settled slot, keeping start order and at most 2 × SLOT_MEMORY slots. */
function remember(timeline: Timeline, start: number, end: number): void {
  const { starts, ends } = timeline;
  const n = starts.length;
  if (n === 0 || (starts[n - 1] ?? 0) <= start) {
    starts.push(start);
    ends.push(end);
  } else {
    const at = firstIndex(starts, (s) => s > start);
    starts.splice(at, 0, start);
    ends.splice(at, 0, end);
  }
  if (starts.length > 2 * SLOT_MEMORY) {
    starts.splice(0, SLOT_MEMORY);
    ends.splice(0, SLOT_MEMORY);
  }
}

/** The settled slot that [start, end) overlaps, if any. */
function overlapping(timeline: Timeline, start: number, end: number): [number, number] | undefined {
  const { starts, ends } = timeline;
  const i = firstIndex(ends, (e) => e > start);
  const slotStart = starts[i];
  const slotEnd = ends[i];
  return slotStart !== undefined && slotEnd !== undefined && slotStart < end ? [slotStart, slotEnd] : undefined;
}

/** The first index of a sorted array where `test` holds (it holds for every later index too). */
function firstIndex(values: readonly number[], test: (value: number) => boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(values[mid] ?? 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function titleOf(p: DraftProgramme): string {
  for (const lang in p.titles) return p.titles[lang] ?? '';
  return '(no title)';
}

function describe(p: DraftProgramme, where: string | undefined): string {
  return where ? `${where}, channel ${p.channelId}` : `channel ${p.channelId}`;
}
