/**
 * Operator JSON guides (format `json`), as documented in `./README.md`: one object with `channels` and
 * `programmes` arrays, streamed item by item.
 *
 * Each item is validated on its own. A channel without an id, or a programme without a channel, a
 * readable start with a zone, or a title, is skipped; a bad optional field is dropped and the programme
 * kept (counted as repaired). Every warning names the item (`programmes[12]`) and the field. End times
 * go through `TimelineRepair` like XMLTV's.
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../../errors/yiwang-error.js';
import { createStreamDecoder } from '../../../text/stream-decoder.js';
import { genresOfLabels } from '../../genres.js';
import type { GuideChannel, Episode, LangText, Programme, ProgrammeFlags, Rating } from '../../model.js';
import { minAgeOfRating } from '../../ratings.js';
import { byteChunks } from '../byte-chunks.js';
import { DEFAULT_MAX_WARNINGS, recordRepaired, recordSkipped, recordWarning } from '../epg-report.js';
import { registerEpgSource } from '../epg-source-registry.js';
import type { ByteChunks, EpgBatch, EpgParseOptions, EpgParseReport, EpgSource } from '../epg-source.js';
import { TimelineRepair, type DraftProgramme } from '../repair-timeline.js';
import { JsonItemSplitter } from './json-item-splitter.js';

const FORMAT = 'json';
const BATCH_SIZE = 1000;

/** ISO-8601 date-time with a zone: `2025-01-26T09:00:00+08:00`, `2025-01-26T01:00Z`, `…+0800`. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

const FLAG_NAMES = ['new', 'premiere', 'rerun', 'subtitles', 'scrambled'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Json = Readonly<Record<string, unknown>>;

/** Why one item or field is rejected. */
class ItemFault {
  constructor(readonly field: string, readonly message: string) {}
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An ISO time with a zone as epoch ms, or an ItemFault. */
function readTime(value: unknown, field: string): number | ItemFault {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value)) {
    return new ItemFault(field, `${JSON.stringify(value)} is not an ISO-8601 date-time with a zone (e.g. "2025-01-26T09:00:00+08:00")`);
  }
  // Date.parse rolls 30 February over to March, so check the calendar fields first.
  const [year, month, day, hour, minute, second] = [0, 5, 8, 11, 14, 17].map((at) => Number(value.slice(at, at === 0 ? 4 : at + 2)));
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  const secondGiven = value.charAt(16) === ':';
  if (!month || month > 12 || !day || day > daysInMonth || (hour ?? 0) > 23 || (minute ?? 0) > 59 || (secondGiven && (second ?? 0) > 59)) {
    return new ItemFault(field, `${JSON.stringify(value)} is not a real date-time`);
  }
  // Date.parse wants "+08:00"; accept "+0800" too.
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? new ItemFault(field, `${JSON.stringify(value)} is not a real date-time`) : ms;
}

/** `"text"` (language '') or `{"zh": "…", "en": "…"}` with languages lower-cased; empty texts dropped. */
function readLangText(value: unknown, field: string): LangText | ItemFault {
  if (typeof value === 'string') return value.trim() ? { '': value.trim() } : {};
  if (!isObject(value)) return new ItemFault(field, 'must be a string or an object of language → string');
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(value)) {
    if (typeof text !== 'string') return new ItemFault(`${field}.${lang}`, 'must be a string');
    const key = lang.toLowerCase();
    if (text.trim() && !(key in out)) out[key] = text.trim();
  }
  return out;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function readRating(value: unknown): Rating | ItemFault {
  if (!isObject(value)) return new ItemFault('rating', 'must be an object {system, value, minAge?}');
  const { system, value: label, minAge } = value;
  if (typeof system !== 'string') return new ItemFault('rating.system', 'must be a string');
  if (typeof label !== 'string' && typeof label !== 'number') return new ItemFault('rating.value', 'must be a string');
  if (minAge !== undefined && !(isCount(minAge) && minAge <= 21)) return new ItemFault('rating.minAge', 'must be an integer 0–21');
  const age = minAge ?? minAgeOfRating(String(label));
  return age === undefined ? { system, value: String(label) } : { system, value: String(label), minAge: age };
}

function readEpisode(value: unknown): Episode | ItemFault {
  if (!isObject(value)) return new ItemFault('episode', 'must be an object {season?, episode?, part?, onscreen?}');
  const out: Mutable<Episode> = {};
  for (const key of ['season', 'episode', 'part'] as const) {
    const n = value[key];
    if (n === undefined) continue;
    if (!isCount(n)) return new ItemFault(`episode.${key}`, 'must be a zero-based integer');
    out[key] = n;
  }
  if (value.onscreen !== undefined) {
    if (typeof value.onscreen !== 'string') return new ItemFault('episode.onscreen', 'must be a string');
    out.onscreen = value.onscreen;
  }
  return out;
}

function readFlags(value: unknown): ProgrammeFlags | ItemFault {
  if (!isObject(value)) return new ItemFault('flags', 'must be an object of booleans');
  const out: Mutable<ProgrammeFlags> = {};
  for (const name of FLAG_NAMES) {
    const flag = value[name];
    if (flag === undefined) continue;
    if (typeof flag !== 'boolean') return new ItemFault(`flags.${name}`, 'must be true or false');
    if (flag) out[name] = true;
  }
  return out;
}

function readCredits(value: unknown): Record<string, string[]> | ItemFault {
  if (!isObject(value)) return new ItemFault('credits', 'must be an object of role → names');
  const out: Record<string, string[]> = {};
  for (const [role, names] of Object.entries(value)) {
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) return new ItemFault(`credits.${role}`, 'must be an array of strings');
    out[role] = names;
  }
  return out;
}

class JsonReader {
  readonly channels: GuideChannel[] = [];
  readonly programmes: Programme[] = [];
  private readonly repair: TimelineRepair;
  private readonly maxWarnings: number;

  constructor(private readonly report: EpgParseReport, private readonly options: EpgParseOptions) {
    this.maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
    this.repair = new TimelineRepair(report, this.maxWarnings);
  }

  item(key: string, index: number, json: string): void {
    if (key !== 'channels' && key !== 'programmes' && key !== 'programs') return;
    const where = `${key}[${index}]`;
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (error) {
      this.skip(where, 'invalid-json', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    if (!isObject(value)) {
      this.skip(where, 'invalid-item', 'must be an object');
      return;
    }
    if (key === 'channels') this.readChannel(value, where);
    else this.readProgramme(value, where);
  }

  member(key: string, json: string): void {
    if (key === 'channels' || key === 'programmes' || key === 'programs') {
      throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgInputInvalid,
        `json: "${key}" must be an array, not ${json.slice(0, 20)}`, { format: FORMAT, reason: 'shape', field: key });
    }
  }

  private readChannel(c: Json, where: string): void {
    const id = c.id;
    if (typeof id !== 'string' || !id.trim()) {
      this.skip(where, 'no-channel-id', 'id: missing or not a non-empty string');
      return;
    }
    if (this.options.channels && !this.options.channels.has(id)) return;
    const faults: ItemFault[] = [];
    let names: LangText = {};
    const given = c.names ?? c.name;
    if (given !== undefined) {
      const read = readLangText(given, c.names !== undefined ? 'names' : 'name');
      if (read instanceof ItemFault) faults.push(read);
      else names = read;
    }
    const channel: Mutable<GuideChannel> = { id, names };
    if (typeof c.number === 'string' || typeof c.number === 'number') channel.number = String(c.number);
    else if (c.number !== undefined) faults.push(new ItemFault('number', 'must be a string or number'));
    if (typeof c.logo === 'string') channel.logo = c.logo;
    else if (c.logo !== undefined) faults.push(new ItemFault('logo', 'must be a URL string'));
    this.repaired(where, faults);
    this.channels.push(channel);
    this.report.channels++;
  }

  private readProgramme(p: Json, where: string): void {
    const channelId = p.channel;
    if (typeof channelId !== 'string' || !channelId.trim()) {
      this.skip(where, 'no-channel', 'channel: missing or not a non-empty string');
      return;
    }
    const start = readTime(p.start, 'start');
    if (start instanceof ItemFault) {
      this.skip(where, 'bad-start', `${start.field}: ${start.message}`);
      return;
    }
    const titles = p.title === undefined ? new ItemFault('title', 'missing') : readLangText(p.title, 'title');
    if (titles instanceof ItemFault || Object.keys(titles).length === 0) {
      const fault = titles instanceof ItemFault ? titles : new ItemFault('title', 'empty');
      this.skip(where, 'no-title', `${fault.field}: ${fault.message}`);
      return;
    }
    if (this.options.channels && !this.options.channels.has(channelId)) return;
    let end: number | undefined;
    if (p.end !== undefined) {
      const read = readTime(p.end, 'end');
      // Counted once, by the timeline repair that settles the missing end.
      if (read instanceof ItemFault) recordWarning(this.report, { code: 'bad-end', message: `${where}.end: ${read.message}; taken as missing`, where }, this.maxWarnings);
      else end = read;
    }
    const faults: ItemFault[] = [];
    const draft: Mutable<DraftProgramme> = {
      id: `${channelId}@${start}`, channelId, start, end, titles, descriptions: {}, genres: [], genreLabels: [], flags: {},
    };
    if (p.eventId !== undefined) {
      if (isCount(p.eventId)) {
        draft.eventId = p.eventId;
        draft.id = `${channelId}#${p.eventId}`;
      } else {
        faults.push(new ItemFault('eventId', 'must be a non-negative integer'));
      }
    }
    this.optional(faults, p.subTitle, (v) => readLangText(v, 'subTitle'), (v) => { if (Object.keys(v).length > 0) draft.subTitles = v; });
    this.optional(faults, p.desc, (v) => readLangText(v, 'desc'), (v) => { draft.descriptions = v; });
    this.optional(faults, p.genres, readGenres, (labels) => {
      draft.genreLabels = labels;
      draft.genres = genresOfLabels(labels);
    });
    this.optional(faults, p.rating, readRating, (v) => { draft.rating = v; });
    this.optional(faults, p.episode, readEpisode, (v) => { draft.episode = v; });
    this.optional(faults, p.flags, readFlags, (v) => { draft.flags = v; });
    this.optional(faults, p.credits, readCredits, (v) => { draft.credits = v; });
    this.optional(faults, p.starRating, (v) => typeof v === 'string' ? v : new ItemFault('starRating', 'must be a string'), (v) => { draft.starRating = v; });
    this.optional(faults, p.icon, (v) => typeof v === 'string' ? v : new ItemFault('icon', 'must be a URL string'), (v) => { draft.icon = v; });
    this.optional(faults, p.lengthSeconds, (v) => isCount(v) && v > 0 ? v : new ItemFault('lengthSeconds', 'must be a positive integer'), (v) => { draft.lengthSeconds = v; });
    this.repaired(where, faults);
    this.accept(this.repair.push(draft, where));
  }

  /** Reads an optional field: absent or null is fine, a bad value is noted in `faults` and left out. */
  private optional<T>(faults: ItemFault[], value: unknown, read: (value: unknown) => T | ItemFault, apply: (value: T) => void): void {
    if (value === undefined || value === null) return;
    const result = read(value);
    if (result instanceof ItemFault) faults.push(result);
    else apply(result);
  }

  private accept(programme: Programme | undefined): void {
    if (!programme) return;
    this.programmes.push(programme);
    this.report.programmes++;
  }

  private skip(where: string, code: string, message: string): void {
    recordSkipped(this.report, { code, message: `${where} skipped: ${message}`, where }, this.maxWarnings);
  }

  /** Counts an item kept without its bad optional fields, once, naming each field. */
  private repaired(where: string, faults: readonly ItemFault[]): void {
    if (faults.length === 0) return;
    const list = faults.map((f) => `${where}.${f.field}: ${f.message}`).join('; ');
    recordRepaired(this.report, { code: 'bad-field', message: `${list} (${faults.length === 1 ? 'field' : 'fields'} dropped)`, where }, this.maxWarnings);
  }

  finish(): void {
    for (const programme of this.repair.flush()) this.accept(programme);
  }

  takeBatch(size: number): EpgBatch {
    const channels = this.channels.splice(0, this.channels.length);
    const programmes = this.programmes.splice(0, Math.min(size, this.programmes.length));
    return { channels, programmes };
  }
}

function readGenres(value: unknown): string[] | ItemFault {
  if (!Array.isArray(value) || !value.every((g) => typeof g === 'string')) return new ItemFault('genres', 'must be an array of strings');
  return value.map((g) => g.trim()).filter((g) => g.length > 0);
}

/** True when the first bytes are a JSON object naming `channels` or `programmes` early on. */
function probeJson(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') && /"(?:channels|programmes|programs)"\s*:/.test(text);
}

async function* parseJson(input: ByteChunks, report: EpgParseReport, options: EpgParseOptions = {}): AsyncGenerator<EpgBatch, void, undefined> {
  const reader = new JsonReader(report, options);
  // JSON is UTF-8 (RFC 8259 §8.1); a BOM is dropped by the decoder.
  const decoder = createStreamDecoder('utf-8');
  const splitter = new JsonItemSplitter(reader, FORMAT);
  for await (const chunk of byteChunks(input)) {
    splitter.write(decoder.decode(chunk));
    while (reader.programmes.length >= BATCH_SIZE) yield reader.takeBatch(BATCH_SIZE);
  }
  splitter.write(decoder.flush());
  splitter.end();
  reader.finish();
  while (reader.programmes.length > 0 || reader.channels.length > 0) yield reader.takeBatch(BATCH_SIZE);
}

/** The operator JSON source, registered as format `json`. */
export const jsonSource: EpgSource = {
  format: FORMAT,
  probe: probeJson,
  parse: parseJson,
};

registerEpgSource(jsonSource);
