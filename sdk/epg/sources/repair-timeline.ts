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
 * Every repair and drop is counted in the report with a warning. Input is expected in start order per
 * channel (as guides are written); a programme that starts earlier than the one held simply settles the
 * held one on its own data.
 */

/** A programme whose end may still be unknown. */
export type DraftProgramme = Omit<Programme, 'end'> & { readonly end: number | undefined };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Held {
  readonly draft: DraftProgramme;
  readonly where: string | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class TimelineRepair {
  private readonly held = new Map<string, Held>();

  constructor(private readonly report: EpgParseReport, private readonly maxWarnings = DEFAULT_MAX_WARNINGS) {}

  /**
   * Adds the next programme of its channel. Returns the programme this one settles (the channel's
   * previous one), or undefined when nothing is ready yet or the previous one had to be dropped.
   * `where` says where the draft came from, for warnings (a line, an index).
   */
  push(draft: DraftProgramme, where?: string): Programme | undefined {
    const previous = this.held.get(draft.channelId);
    if (!previous) {
      this.held.set(draft.channelId, { draft, where });
      return undefined;
    }
    const prev = previous.draft;
    if (draft.start === prev.start) {
      // Two programmes in one slot: keep one with a real duration, else the first.
      const prevHasEnd = prev.end !== undefined && prev.end > prev.start;
      const draftHasEnd = draft.end !== undefined && draft.end > draft.start;
      const [kept, dropped, droppedWhere] = !prevHasEnd && draftHasEnd ? [draft, prev, previous.where] : [prev, draft, where];
      recordSkipped(this.report, {
        code: 'duplicate-start',
        message: `"${titleOf(dropped)}" starts at ${iso(draft.start)} like "${titleOf(kept)}" on the same channel; ` +
          `"${titleOf(dropped)}" is dropped${kept === draft ? ' (it has no duration)' : ''}`,
        where: describe(dropped, droppedWhere),
      }, this.maxWarnings);
      if (kept === draft) this.held.set(draft.channelId, { draft, where });
      return undefined;
    }
    this.held.set(draft.channelId, { draft, where });
    return this.settle(previous, draft.start > prev.start ? draft.start : undefined);
  }

  /** Ends the input: settles and returns every programme still held, channel by channel. */
  flush(): Programme[] {
    const out: Programme[] = [];
    for (const held of this.held.values()) {
      const settled = this.settle(held, undefined);
      if (settled) out.push(settled);
    }
    this.held.clear();
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
    const programme: Mutable<Programme> = { ...draft, end };
    // The model keeps a declared length only when it differs from the slot.
    if (programme.lengthSeconds !== undefined && programme.lengthSeconds * 1000 === end - start) delete programme.lengthSeconds;
    return programme;
  }

  private repaired(code: string, message: string, draft: DraftProgramme, where: string | undefined): void {
    recordRepaired(this.report, { code, message, where: describe(draft, where) }, this.maxWarnings);
  }
}

function titleOf(p: DraftProgramme): string {
  for (const lang in p.titles) return p.titles[lang] ?? '';
  return '(no title)';
}

function describe(p: DraftProgramme, where: string | undefined): string {
  return where ? `${where}, channel ${p.channelId}` : `channel ${p.channelId}`;
}
