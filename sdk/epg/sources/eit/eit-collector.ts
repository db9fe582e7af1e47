/**
 * EIT sub-table bookkeeping shared by the `eit` and `ts` sources — ETSI EN 300 468 §5.2.4 and
 * ETSI TS 101 211 §4.1.4 (version_number, carousels).
 *
 * A sub-table is (table_id, original_network_id, transport_stream_id, service_id). Sections are kept raw,
 * once each: a section repeated with the same version (TS carousels repeat them all the time) is counted
 * and ignored; a new version_number replaces everything held for that sub-table. Sections with
 * current_next_indicator = 0 are not yet valid and are ignored. Events are decoded once, at the end of the
 * input, then deduplicated per (channel, event_id): a schedule event wins over a present/following one,
 * and among equals the one that arrived last wins; the winner takes the p/f copy's running_status when
 * its own is 0 (schedules carry "undefined"). One GuideChannel is emitted per service seen.
 */
import type { GuideChannel, DvbGenre, Programme, Rating } from '../../model.js';
import type { ByteChunks, EpgBatch, EpgParseOptions, EpgParseReport, EpgSource } from '../epg-source.js';
import { DEFAULT_MAX_WARNINGS, recordSkipped, recordWarning } from '../epg-report.js';
import { findCharset } from '../../../text/index.js';
import { isContentDescriptor } from './content-descriptor.js';
import { type DvbTextContext } from './dvb-text.js';
import {
  decodeEitEvents, decodeEitHeader, eitTableName, isEitTableId, isPresentFollowing, type EitEvent, type EitProblemCode,
  type EitSectionHeader,
} from './eit-section.js';
import { isExtendedEventDescriptor, joinExtendedEvents } from './extended-event-descriptor.js';
import { isParentalRatingDescriptor } from './parental-rating-descriptor.js';
import { isShortEventDescriptor } from './short-event-descriptor.js';
import type { TsDemuxStats } from './ts-demux.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

/** Options of the `eit` and `ts` sources: the common ones plus EIT specifics. */
export interface EitParseOptions extends EpgParseOptions {
  /** PIDs carrying EIT in a transport stream. Default [0x0012]. */
  readonly pids?: readonly number[];
  /** Programmes per batch (the first batch also carries every channel). Default 500. */
  readonly batchSize?: number;
  /** Called once, after the last batch, with section and event counts. */
  readonly onStats?: (stats: EitStats) => void;
}

/** The `eit` and `ts` sources: an EpgSource whose parse also takes the EIT options. */
export interface EitEpgSource extends EpgSource {
  parse(input: ByteChunks, report: EpgParseReport, options?: EitParseOptions): AsyncIterable<EpgBatch>;
}

/** What happened to the sections and events of one parse. */
export interface EitStats {
  /** Sections offered to the collector (any table). */
  sections: number;
  /** EIT sections that passed the length and CRC checks. */
  validSections: number;
  badCrc: number;
  /** EIT sections refused for another reason (length, syntax, truncation). */
  malformedSections: number;
  /** Sections of other tables (ignored). */
  otherTables: number;
  /** current_next_indicator = 0 (ignored). */
  notCurrent: number;
  /** Same sub-table, section_number and version again (ignored). */
  repeatedSections: number;
  /** Sub-tables replaced by a newer version_number. */
  versionChanges: number;
  /** Sections held at the end (unique per sub-table and section_number). */
  uniqueSections: number;
  subTables: number;
  /** Events decoded from the held sections. */
  events: number;
  /** Events also present in another sub-table or section; one copy kept, not counted as skipped. */
  duplicateEvents: number;
  /** Events with start_time all 1s (NVOD references): skipped, since a programme needs a start. */
  undefinedStart: number;
  /** Transport stream counters, for the `ts` source. */
  ts?: TsDemuxStats;
}

interface HeldSection {
  readonly bytes: Uint8Array;
  readonly header: EitSectionHeader;
  readonly seq: number;
}

interface SubTable {
  version: number;
  readonly sections: Map<number, HeldSection>;
}

interface ServiceIds {
  readonly onid: number;
  readonly tsid: number;
  readonly sid: number;
}

/** DVB channel id: `onid.tsid.sid` in decimal. */
export function dvbChannelId(onid: number, tsid: number, sid: number): string {
  return `${onid}.${tsid}.${sid}`;
}

// ---------------------------------------------------------------------------------------------------
// Collect
// ---------------------------------------------------------------------------------------------------

export class EitCollector {
  readonly stats: EitStats = {
    sections: 0, validSections: 0, badCrc: 0, malformedSections: 0, otherTables: 0, notCurrent: 0, repeatedSections: 0,
    versionChanges: 0, uniqueSections: 0, subTables: 0, events: 0, duplicateEvents: 0, undefinedStart: 0,
  };
  private readonly subTables = new Map<string, SubTable>();
  private readonly services = new Map<string, ServiceIds>();
  private readonly textContexts = new Map<string, DvbTextContext>();
  private readonly maxWarnings: number;
  private seq = 0;

  /** Throws `CharsetUnknown` at once when `options.defaultCharset` is a label no codec knows. */
  constructor(private readonly report: EpgParseReport, private readonly options: EitParseOptions = {}) {
    this.maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
    if (typeof options.defaultCharset === 'string') findCharset(options.defaultCharset);
  }

  /** Offers one complete section (its bytes are copied when kept). `where` locates it in warnings. */
  addSection(section: Uint8Array, where: string): void {
    this.stats.sections++;
    if (!isEitTableId(section[0] ?? 0xff)) {
      this.stats.otherTables++;
      return;
    }
    const checked = decodeEitHeader(section);
    if (!checked.ok) {
      if (checked.code === 'eit-crc') this.stats.badCrc++;
      else this.stats.malformedSections++;
      recordSkipped(this.report, { code: checked.code, message: `EIT section dropped: ${checked.message}`, where }, this.maxWarnings);
      return;
    }
    const h = checked.header;
    this.stats.validSections++;
    if (!h.currentNext) {
      this.stats.notCurrent++;
      return;
    }
    const channelId = dvbChannelId(h.originalNetworkId, h.transportStreamId, h.serviceId);
    if (this.options.channels && !this.options.channels.has(channelId)) return;
    if (!this.services.has(channelId)) this.services.set(channelId, { onid: h.originalNetworkId, tsid: h.transportStreamId, sid: h.serviceId });
    const key = `${h.tableId}/${channelId}`;
    let sub = this.subTables.get(key);
    if (!sub) {
      sub = { version: h.version, sections: new Map() };
      this.subTables.set(key, sub);
    } else if (sub.version !== h.version) {
      this.stats.versionChanges++;
      sub.version = h.version;
      sub.sections.clear();
    } else if (sub.sections.has(h.sectionNumber)) {
      this.stats.repeatedSections++;
      return;
    }
    sub.sections.set(h.sectionNumber, { bytes: section.slice(0, h.size), header: h, seq: this.seq++ });
  }

  /**
   * Decodes what is held and returns it in batches: channels (in order first seen) in the first batch,
   * programmes sorted by channel then start. Counts into the report.
   */
  finish(): EpgBatch[] {
    const kept = new Map<string, { programme: Programme; schedule: boolean; seq: number }>();
    this.stats.subTables = this.subTables.size;
    for (const sub of this.subTables.values()) {
      for (const held of [...sub.sections.values()].sort((a, b) => a.header.sectionNumber - b.header.sectionNumber)) {
        this.stats.uniqueSections++;
        const h = held.header;
        const channelId = dvbChannelId(h.originalNetworkId, h.transportStreamId, h.serviceId);
        const where = `${eitTableName(h.tableId)} ${channelId} section ${h.sectionNumber} v${h.version}`;
        const ctx = this.textContext(channelId, where);
        const events = decodeEitEvents(held.bytes, h, ctx, (code, message) => this.problem(code, message, where));
        const schedule = !isPresentFollowing(h.tableId);
        for (const event of events) {
          this.stats.events++;
          if (event.start === undefined) {
            this.stats.undefinedStart++;
            recordSkipped(this.report, { code: 'eit-no-start', message: `event ${event.eventId} has no start time (NVOD reference)`, where },
              this.maxWarnings);
            continue;
          }
          let programme = eventToProgramme(channelId, event, event.start, ctx);
          const previous = kept.get(programme.id);
          if (previous) {
            this.stats.duplicateEvents++;
            const keepPrevious = (previous.schedule && !schedule) || (previous.schedule === schedule && previous.seq > held.seq);
            const [winner, loser] = keepPrevious ? [previous.programme, programme] : [programme, previous.programme];
            // running_status is only meaningful in p/f; a schedule copy (0, undefined) takes it from there.
            programme = winner.runningStatus === 0 && loser.runningStatus !== 0 ? { ...winner, runningStatus: loser.runningStatus } : winner;
            kept.set(programme.id, keepPrevious ? { ...previous, programme } : { programme, schedule, seq: held.seq });
            continue;
          }
          kept.set(programme.id, { programme, schedule, seq: held.seq });
        }
      }
    }
    const order = new Map([...this.services.keys()].map((id, i) => [id, i]));
    const programmes = [...kept.values()].map((k) => k.programme)
      .sort((a, b) => (order.get(a.channelId) ?? 0) - (order.get(b.channelId) ?? 0) || a.start - b.start);
    const channels: GuideChannel[] = [...this.services.keys()].map((id) => ({ id, names: {} }));
    const size = Math.max(1, this.options.batchSize ?? 500);
    const batches: EpgBatch[] = [];
    for (let i = 0; i === 0 || i < programmes.length; i += size) {
      batches.push({ channels: i === 0 ? channels : [], programmes: programmes.slice(i, i + size) });
    }
    this.report.channels += channels.length;
    this.report.programmes += programmes.length;
    this.subTables.clear();
    return batches;
  }

  private problem(code: EitProblemCode, message: string, where: string): void {
    if (code === 'dvb-text-selector' || code === 'dvb-text-charset') {
      recordWarning(this.report, { code, message, where }, this.maxWarnings);
    } else {
      recordSkipped(this.report, { code, message, where }, this.maxWarnings);
    }
  }

  /** The text context of a service: its default charset from the options (resolved once per service). */
  private textContext(channelId: string, where: string): DvbTextContext {
    let ctx = this.textContexts.get(channelId);
    if (ctx) return ctx;
    const option = this.options.defaultCharset;
    const ids = this.services.get(channelId);
    let label = typeof option === 'function' && ids ? option(ids) : typeof option === 'string' ? option : undefined;
    if (label !== undefined) {
      try {
        findCharset(label);
      } catch {
        recordWarning(this.report, { code: 'dvb-text-charset', message: `unknown default charset "${label}" for ${channelId}; using the DVB default table`, where },
          this.maxWarnings);
        label = undefined;
      }
    }
    ctx = label === undefined ? {} : { defaultCharset: label };
    this.textContexts.set(channelId, ctx);
    return ctx;
  }
}

// ---------------------------------------------------------------------------------------------------
// Event → Programme
// ---------------------------------------------------------------------------------------------------

/** Maps one EIT event to the normalized model (start given: the caller has skipped undefined starts). */
export function eventToProgramme(channelId: string, event: EitEvent, start: number, ctx: DvbTextContext): Programme {
  const titles: Record<string, string> = {};
  const shortTexts: Record<string, string> = {};
  const genres: DvbGenre[] = [];
  const genreLabels: string[] = [];
  let rating: Rating | undefined;
  for (const d of event.descriptors) {
    if (isShortEventDescriptor(d)) {
      if (d.eventName !== '' && titles[d.language] === undefined) titles[d.language] = d.eventName;
      if (d.text !== '' && shortTexts[d.language] === undefined) shortTexts[d.language] = d.text;
    } else if (isContentDescriptor(d)) {
      for (const e of d.entries) {
        if (e.genre !== undefined && !genres.includes(e.genre)) genres.push(e.genre);
        if (!genreLabels.includes(e.label)) genreLabels.push(e.label);
      }
    } else if (isParentalRatingDescriptor(d) && rating?.minAge === undefined) {
      // Prefer an entry with an age (the strictest), so a broadcaster-defined value listed first does not
      // switch the parental lock off.
      const aged = d.entries.filter((e) => e.minAge !== undefined).sort((a, b) => (b.minAge ?? 0) - (a.minAge ?? 0));
      const entry = aged[0] ?? (rating === undefined ? d.entries.find((e) => e.rating !== 0) : undefined);
      if (entry) {
        rating = entry.minAge === undefined
          ? { system: entry.country, value: String(entry.rating) }
          : { system: entry.country, value: String(entry.rating), minAge: entry.minAge };
      }
    }
  }
  const descriptions: Record<string, string> = { ...shortTexts };
  for (const ext of joinExtendedEvents(event.descriptors.filter(isExtendedEventDescriptor), ctx)) {
    if (ext.text === '') continue;
    descriptions[ext.language] = joinDescription(descriptions[ext.language], ext.text);
  }
  const programme: Programme = {
    id: `${channelId}#${event.eventId}`,
    eventId: event.eventId,
    channelId,
    start,
    end: start + event.duration * 1000,
    titles,
    descriptions,
    genres,
    genreLabels,
    flags: { scrambled: event.freeCaMode },
    runningStatus: event.runningStatus,
  };
  return rating ? { ...programme, rating } : programme;
}

/**
 * Short event text, then the extended text. Broadcasters either repeat nothing (two separate texts: a line
 * break between them) or continue a sentence cut at the short text's 255-byte limit (a space between).
 */
function joinDescription(short: string | undefined, extended: string): string {
  if (short === undefined || short === '') return extended;
  if (/\s$/.test(short)) return short + extended;
  return /[.!?…。！？」』"”»)]$/.test(short) ? `${short}\n${extended}` : `${short} ${extended}`;
}
