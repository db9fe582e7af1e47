/**
 * XMLTV guides (XMLTV/xmltv:xmltv.dtd; `shared/reference/xmltv.dtd`), streamed.
 *
 * `<tv>` holds `<channel id>` (display-name per language, icon) and `<programme start stop channel>`
 * (title, sub-title, desc per language; credits; category; length; icon; episode-num; previously-shown,
 * premiere, new; subtitles; rating; star-rating). Times are `YYYYMMDDhhmmss` or a leading substring, with
 * an optional zone; no zone means UTC.
 *
 * Tolerated and counted: empty text elements, elements the DTD does not know (ignored, summed in one
 * warning), programmes with no channel or an unreadable start (skipped), missing or backwards stops and
 * overlaps (repaired by `TimelineRepair`), a document cut off at the end (what was complete is kept).
 * Refused: a DTD or entity declaration (`XmlDoctypeRefused`); malformed XML (`EpgInputInvalid`).
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../../errors/yiwang-error.js';
import { XmlByteDecoder } from '../../../xml/xml-byte-decoder.js';
import { XmlTokenizer, type XmlAttributes, type XmlHandler } from '../../../xml/xml-tokenizer.js';
import { genresOfLabels } from '../../genres.js';
import type { GuideChannel, Episode, Programme, ProgrammeFlags, Rating } from '../../model.js';
import { minAgeOfRating } from '../../ratings.js';
import { byteChunks } from '../byte-chunks.js';
import { DEFAULT_MAX_WARNINGS, recordSkipped, recordWarning } from '../epg-report.js';
import { registerEpgSource } from '../epg-source-registry.js';
import type { ByteChunks, EpgBatch, EpgParseOptions, EpgParseReport, EpgSource } from '../epg-source.js';
import { TimelineRepair, type DraftProgramme } from '../repair-timeline.js';
import { parseXmltvNs, parseXmltvTime } from './xmltv-fields.js';

const FORMAT = 'xmltv';

/** Programmes per yielded batch. */
const BATCH_SIZE = 1000;

/** Every element name in the XMLTV DTD; anything else is counted as unknown and ignored. */
const DTD_ELEMENTS = new Set([
  'tv', 'channel', 'display-name', 'icon', 'url', 'programme', 'title', 'sub-title', 'desc', 'credits', 'director',
  'actor', 'writer', 'adapter', 'producer', 'composer', 'editor', 'presenter', 'commentator', 'guest', 'date',
  'category', 'keyword', 'language', 'orig-language', 'length', 'country', 'episode-num', 'video', 'present',
  'colour', 'aspect', 'quality', 'audio', 'stereo', 'previously-shown', 'premiere', 'last-chance', 'new', 'subtitles',
  'rating', 'value', 'star-rating', 'review', 'image',
]);

const CREDIT_ROLES = new Set([
  'director', 'actor', 'writer', 'adapter', 'producer', 'composer', 'editor', 'presenter', 'commentator', 'guest',
]);

const LENGTH_UNITS: Readonly<Record<string, number>> = { seconds: 1, minutes: 60, hours: 3600 };

/** What the text being collected is for. */
const enum Field {
  None, DisplayName, Title, SubTitle, Desc, Category, Length, EpisodeNum, Credit, RatingValue, StarValue,
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface ProgrammeState {
  readonly attributes: XmlAttributes;
  readonly where: string;
  readonly titles: Record<string, string>;
  readonly subTitles: Record<string, string>;
  readonly descriptions: Record<string, string>;
  readonly genreLabels: string[];
  readonly ratings: Rating[];
  readonly flags: Mutable<ProgrammeFlags>;
  readonly credits: Record<string, string[]>;
  episode: Mutable<Episode> | undefined;
  starRating: string | undefined;
  icon: string | undefined;
  lengthSeconds: number | undefined;
  /** Attribute of the element being collected (rating system, length units, episode-num system, credit role). */
  pendingAttribute: string;
}

/** Collapses runs of white space (XMLTV text is single-line; desc treats runs as one space). */
function cleanText(raw: string): string {
  const trimmed = raw.trim();
  return /\s\s|[\n\t\r]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Turns tokenizer events into channels and programmes. */
class XmltvReader implements XmlHandler {
  tokenizer: XmlTokenizer | undefined;
  readonly channels: GuideChannel[] = [];
  readonly programmes: Programme[] = [];
  private readonly repair: TimelineRepair;
  private readonly maxWarnings: number;
  private readonly keep: ReadonlySet<string> | undefined;

  private depth = 0;
  private sawRoot = false;
  private channel: { id: string | undefined; where: string; names: Record<string, string>; logo: string | undefined } | undefined;
  private programme: ProgrammeState | undefined;
  /** Depth of the channel or programme element. */
  private itemDepth = 0;
  /** The programme child being read (credits, rating, star-rating), for its children. */
  private levelOneName = '';

  private field = Field.None;
  private fieldDepth = 0;
  private fieldLang = '';
  private collected = '';

  private readonly unknownElements = new Map<string, number>();
  private readonly emptyElements = new Map<string, number>();

  constructor(private readonly report: EpgParseReport, options: EpgParseOptions) {
    this.maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
    this.repair = new TimelineRepair(report, this.maxWarnings);
    this.keep = options.channels;
  }

  /** True while an item is open (for a document cut off at the end). */
  get inItem(): boolean {
    return this.channel !== undefined || this.programme !== undefined;
  }

  startElement(name: string, attributes: XmlAttributes): void {
    const depth = ++this.depth;
    if (depth === 1) {
      if (name !== 'tv') {
        throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgInputInvalid,
          `xmltv: not an XMLTV document: the root element is <${name}>, not <tv>`, { format: FORMAT, reason: 'root', root: name });
      }
      this.sawRoot = true;
      return;
    }
    const programme = this.programme;
    if (programme) {
      this.startInProgramme(programme, name, attributes, depth - this.itemDepth);
      return;
    }
    const channel = this.channel;
    if (channel) {
      if (depth - this.itemDepth === 1 && name === 'display-name') this.collect(Field.DisplayName, depth, attributes);
      else if (depth - this.itemDepth === 1 && name === 'icon') channel.logo ??= attributes.src;
      else this.noteElement(name);
      return;
    }
    if (depth === 2 && name === 'programme') {
      this.itemDepth = depth;
      this.programme = {
        attributes, where: this.where(), titles: {}, subTitles: {}, descriptions: {}, genreLabels: [], ratings: [], flags: {},
        credits: {}, episode: undefined, starRating: undefined, icon: undefined, lengthSeconds: undefined, pendingAttribute: '',
      };
    } else if (depth === 2 && name === 'channel') {
      this.itemDepth = depth;
      this.channel = { id: attributes.id?.trim(), where: this.where(), names: {}, logo: undefined };
    } else {
      this.noteElement(name);
    }
  }

  private startInProgramme(p: ProgrammeState, name: string, attributes: XmlAttributes, level: number): void {
    const depth = this.depth;
    if (level === 1) {
      this.levelOneName = name;
      switch (name) {
        case 'title': this.collect(Field.Title, depth, attributes); break;
        case 'sub-title': this.collect(Field.SubTitle, depth, attributes); break;
        case 'desc': this.collect(Field.Desc, depth, attributes); break;
        case 'category': this.collect(Field.Category, depth, attributes); break;
        case 'length':
          this.collect(Field.Length, depth, attributes);
          p.pendingAttribute = attributes.units ?? '';
          break;
        case 'episode-num':
          this.collect(Field.EpisodeNum, depth, attributes);
          p.pendingAttribute = attributes.system ?? 'onscreen';
          break;
        case 'icon': p.icon ??= attributes.src; break;
        case 'previously-shown': p.flags.rerun = true; break;
        case 'premiere': p.flags.premiere = true; break;
        case 'new': p.flags.new = true; break;
        case 'subtitles': p.flags.subtitles = true; break;
        case 'rating': p.pendingAttribute = attributes.system ?? ''; break;
        default: this.noteElement(name);
      }
      return;
    }
    if (level === 2) {
      const parent = this.levelOneName;
      if (parent === 'credits' && CREDIT_ROLES.has(name)) {
        this.collect(Field.Credit, depth, attributes);
        p.pendingAttribute = name;
        return;
      }
      if (name === 'value' && parent === 'rating') {
        this.collect(Field.RatingValue, depth, attributes);
        return;
      }
      if (name === 'value' && parent === 'star-rating') {
        this.collect(Field.StarValue, depth, attributes);
        return;
      }
    }
    this.noteElement(name);
  }

  endElement(name: string): void {
    const depth = this.depth--;
    if (this.field !== Field.None && depth === this.fieldDepth) this.finishField(name);
    if (depth === this.itemDepth) {
      if (this.programme) this.finishProgramme(this.programme);
      else if (this.channel) this.finishChannel(this.channel);
      this.programme = undefined;
      this.channel = undefined;
      this.itemDepth = 0;
    }
  }

  text(text: string): void {
    if (this.field !== Field.None && this.depth === this.fieldDepth) this.collected += text;
  }

  warning(code: string, message: string): void {
    recordWarning(this.report, { code, message, where: this.where() }, this.maxWarnings);
  }

  private collect(field: Field, depth: number, attributes: XmlAttributes): void {
    this.field = field;
    this.fieldDepth = depth;
    this.fieldLang = attributes.lang?.toLowerCase() ?? '';
    this.collected = '';
  }

  private finishField(name: string): void {
    const field = this.field;
    const value = cleanText(this.collected);
    this.field = Field.None;
    this.collected = '';
    if (value.length === 0) {
      this.emptyElements.set(name, (this.emptyElements.get(name) ?? 0) + 1);
      return;
    }
    const lang = this.fieldLang;
    const p = this.programme;
    if (field === Field.DisplayName) {
      if (this.channel && !Object.hasOwn(this.channel.names, lang)) this.channel.names[lang] = value;
      return;
    }
    if (!p) return;
    switch (field) {
      case Field.Title: if (!Object.hasOwn(p.titles, lang)) p.titles[lang] = value; break;
      case Field.SubTitle: if (!Object.hasOwn(p.subTitles, lang)) p.subTitles[lang] = value; break;
      case Field.Desc: if (!Object.hasOwn(p.descriptions, lang)) p.descriptions[lang] = value; break;
      case Field.Category: if (!p.genreLabels.includes(value)) p.genreLabels.push(value); break;
      case Field.Length: {
        const unit = Object.hasOwn(LENGTH_UNITS, p.pendingAttribute) ? LENGTH_UNITS[p.pendingAttribute] : undefined;
        const amount = Number(value);
        if (unit !== undefined && Number.isFinite(amount) && amount > 0) p.lengthSeconds = Math.round(amount * unit);
        break;
      }
      case Field.EpisodeNum: {
        if (p.pendingAttribute === 'xmltv_ns') {
          const ns = parseXmltvNs(value);
          if (ns) p.episode = { ...p.episode, ...ns };
        } else if (p.pendingAttribute === 'onscreen') {
          p.episode = { ...p.episode, onscreen: value };
        }
        break;
      }
      case Field.Credit: {
        const names = p.credits[p.pendingAttribute];
        if (names) names.push(value);
        else p.credits[p.pendingAttribute] = [value];
        break;
      }
      case Field.RatingValue: {
        const minAge = minAgeOfRating(value);
        p.ratings.push(minAge === undefined ? { system: p.pendingAttribute, value } : { system: p.pendingAttribute, value, minAge });
        break;
      }
      case Field.StarValue: p.starRating ??= value; break;
      default: break;
    }
  }

  private finishChannel(c: NonNullable<XmltvReader['channel']>): void {
    if (!c.id) {
      recordSkipped(this.report, { code: 'no-channel-id', message: '<channel> has no id', where: c.where }, this.maxWarnings);
      return;
    }
    if (this.keep && !this.keep.has(c.id)) return;
    const channel: Mutable<GuideChannel> = { id: c.id, names: c.names };
    if (c.logo) channel.logo = c.logo;
    this.channels.push(channel);
    this.report.channels++;
  }

  private finishProgramme(p: ProgrammeState): void {
    const { attributes, where } = p;
    const channelId = attributes.channel?.trim();
    if (!channelId) {
      recordSkipped(this.report, { code: 'no-channel', message: '<programme> has no channel attribute', where }, this.maxWarnings);
      return;
    }
    const startText = attributes.start;
    const start = startText === undefined ? undefined : parseXmltvTime(startText);
    if (start === undefined) {
      const message = startText === undefined ? '<programme> has no start' : `start "${startText}" is not an XMLTV time`;
      recordSkipped(this.report, { code: 'bad-start', message, where: `${where}, channel ${channelId}` }, this.maxWarnings);
      return;
    }
    if (this.keep && !this.keep.has(channelId)) return;
    const stopText = attributes.stop;
    let end = stopText === undefined ? undefined : parseXmltvTime(stopText);
    if (stopText !== undefined && end === undefined) {
      recordWarning(this.report, { code: 'bad-stop', message: `stop "${stopText}" is not an XMLTV time; treated as missing`, where }, this.maxWarnings);
      end = undefined;
    }
    const draft: Mutable<DraftProgramme> = {
      id: `${channelId}@${start}`,
      channelId,
      start,
      end,
      titles: p.titles,
      descriptions: p.descriptions,
      genres: genresOfLabels(p.genreLabels),
      genreLabels: p.genreLabels,
      flags: p.flags,
    };
    if (Object.keys(p.subTitles).length > 0) draft.subTitles = p.subTitles;
    const rating = p.ratings.find((r) => r.minAge !== undefined) ?? p.ratings[0];
    if (rating) draft.rating = rating;
    if (p.episode) draft.episode = p.episode;
    if (p.starRating !== undefined) draft.starRating = p.starRating;
    if (Object.keys(p.credits).length > 0) draft.credits = p.credits;
    if (p.icon !== undefined) draft.icon = p.icon;
    if (p.lengthSeconds !== undefined) draft.lengthSeconds = p.lengthSeconds;
    this.accept(this.repair.push(draft, where));
  }

  private accept(programme: Programme | undefined): void {
    if (!programme) return;
    this.programmes.push(programme);
    this.report.programmes++;
  }

  private noteElement(name: string): void {
    if (DTD_ELEMENTS.has(name)) return;
    const count = this.unknownElements.get(name);
    if (count !== undefined) this.unknownElements.set(name, count + 1);
    else if (this.unknownElements.size < 50) this.unknownElements.set(name, 1);
  }

  private where(): string {
    const at = this.tokenizer?.position();
    return at ? `line ${at.line}, column ${at.column}` : '';
  }

  /** Ends the document: settles held programmes and sums what was ignored. */
  finish(): void {
    for (const programme of this.repair.flush()) this.accept(programme);
    if (this.emptyElements.size > 0) {
      const list = [...this.emptyElements].map(([name, n]) => `${n} <${name}>`).join(', ');
      recordWarning(this.report, { code: 'empty-text', message: `ignored empty elements: ${list}` }, this.maxWarnings);
    }
    if (this.unknownElements.size > 0) {
      const list = [...this.unknownElements].map(([name, n]) => `<${name}> ×${n}`).join(', ');
      recordWarning(this.report, { code: 'unknown-element', message: `ignored elements not in the XMLTV DTD: ${list}` }, this.maxWarnings);
    }
    if (!this.sawRoot) {
      throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgInputInvalid,
        'xmltv: no <tv> element found', { format: FORMAT, reason: 'root' });
    }
  }

  /** Takes up to `size` programmes (and every pending channel) as a batch. */
  takeBatch(size: number): EpgBatch {
    const channels = this.channels.splice(0, this.channels.length);
    const programmes = this.programmes.length <= size ? this.programmes.splice(0, this.programmes.length) : this.programmes.splice(0, size);
    return { channels, programmes };
  }
}

/** True when the first bytes are XML whose root is `<tv>` (after any declaration, comments or DOCTYPE). */
function probeXmltv(head: Uint8Array): boolean {
  let text: string;
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0x00 && head[1] === 0x3c)) {
    text = new TextDecoder('utf-16be').decode(head.subarray(0, 8192));
  } else if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0x3c && head[1] === 0x00)) {
    text = new TextDecoder('utf-16le').decode(head.subarray(0, 8192));
  } else {
    // Markup is ASCII in every 8-bit encoding XMLTV uses; decoding as Latin-1 never fails.
    text = new TextDecoder('latin1').decode(head.subarray(0, 4096));
  }
  text = text.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart();
  if (!text.startsWith('<')) return false;
  return /<tv[\s>/]|<!DOCTYPE\s+tv[\s>[]/.test(text.replace(/<!--[\s\S]*?-->/g, ''));
}

async function* parseXmltv(input: ByteChunks, report: EpgParseReport, options: EpgParseOptions = {}): AsyncGenerator<EpgBatch, void, undefined> {
  const reader = new XmltvReader(report, options);
  const decoder = new XmlByteDecoder({
    format: FORMAT,
    ...(typeof options.defaultCharset === 'string' ? { defaultCharset: options.defaultCharset } : {}),
  });
  // XMLTV has no mixed content: indentation between elements is never wanted.
  const tokenizer = new XmlTokenizer(reader, { format: FORMAT, skipWhitespaceText: true, externalDoctype: 'skip' });
  reader.tokenizer = tokenizer;
  for await (const chunk of byteChunks(input)) {
    const text = decoder.decode(chunk);
    if (text.length > 0) tokenizer.write(text);
    while (reader.programmes.length >= BATCH_SIZE) yield reader.takeBatch(BATCH_SIZE);
  }
  tokenizer.write(decoder.flush());
  try {
    tokenizer.end();
  } catch (error) {
    // A guide cut off at the end keeps everything that was complete; the open item is counted.
    if (!(error instanceof YiwangError) || error.data.reason !== 'truncated') throw error;
    const warning = { code: 'truncated', message: error.message };
    if (reader.inItem) recordSkipped(report, warning, options.maxWarnings ?? DEFAULT_MAX_WARNINGS);
    else recordWarning(report, warning, options.maxWarnings ?? DEFAULT_MAX_WARNINGS);
  }
  reader.finish();
  while (reader.programmes.length > 0 || reader.channels.length > 0) yield reader.takeBatch(BATCH_SIZE);
}

/** The XMLTV source, registered as format `xmltv`. */
export const xmltvSource: EpgSource = {
  format: FORMAT,
  probe: probeXmltv,
  parse: parseXmltv,
};

registerEpgSource(xmltvSource);
