/**
 * Deterministic synthetic guides for tests and benchmarks: channels whose schedules tile time back to back,
 * with Chinese and Latin titles and DVB genres. Plain TypeScript with no test-framework imports.
 */

import type { GuideChannel, DvbGenre, Programme } from '../../../sdk/epg/model.js';
import type { EpgBatch } from '../../../sdk/epg/sources/epg-source.js';

export interface GuideSpec {
  readonly channels: number;
  /** Length of each channel's schedule. */
  readonly hours: number;
  /** First programme start (UTC ms) of every channel. */
  readonly start: number;
  readonly seed?: number;
  /** `eit`: ids `<channel>#<eventId>`; `xmltv`: ids `<channel>@<start>`. Default `eit`. */
  readonly ids?: 'eit' | 'xmltv';
}

const MINUTE = 60_000;
/** Lengths in minutes; their mean (~55 min) gives ~26 programmes per channel per day. */
const LENGTHS = [5, 10, 15, 25, 30, 30, 30, 45, 45, 60, 60, 90, 120, 120];
const TITLES: ReadonlyArray<readonly [string, DvbGenre]> = [
  ['新闻联播', 'news'], ['午间新闻', 'news'], ['晚间新闻', 'news'], ['天气预报', 'news'], ['体育新闻', 'sports'],
  ['足球之夜', 'sports'], ['动画城', 'children'], ['大风车', 'children'], ['电视剧：山海情', 'movie'],
  ['经典电影', 'movie'], ['综艺大观', 'show'], ['音乐厅', 'music'], ['今日说法', 'social'], ['百家讲坛', 'education'],
  ['舌尖上的中国', 'leisure'], ['CCTV News', 'news'], ['Premier League Live', 'sports'], ['Film Night', 'movie'],
  ['Kids Club', 'children'], ['Jazz Session', 'music'], ['World Documentary', 'education'],
];

/** A small seeded generator (xorshift32), so every run produces the same guide. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

export function channelId(n: number): string {
  return `ch${String(n).padStart(3, '0')}.example`;
}

export interface ProgrammeInit {
  readonly channelId: string;
  readonly start: number;
  readonly end: number;
  readonly title: string;
  readonly eventId?: number;
  readonly genres?: readonly DvbGenre[];
  readonly description?: string;
}

/** One programme with the model's stable id rules: `#eventId` when given, else `@start`. */
export function makeProgramme(init: ProgrammeInit): Programme {
  return {
    id: init.eventId === undefined ? `${init.channelId}@${init.start}` : `${init.channelId}#${init.eventId}`,
    ...(init.eventId === undefined ? {} : { eventId: init.eventId }),
    channelId: init.channelId,
    start: init.start,
    end: init.end,
    titles: { zh: init.title },
    descriptions: init.description === undefined ? {} : { zh: init.description },
    genres: init.genres ?? [],
    genreLabels: [],
    flags: {},
  };
}

export function makeChannel(id: string, name = id, number?: string): GuideChannel {
  return { id, names: { zh: name }, ...(number === undefined ? {} : { number }) };
}

/** All channels and programmes of a spec, each channel's programmes in start order. */
export function generateGuide(spec: GuideSpec): { channels: GuideChannel[]; programmes: Programme[] } {
  const random = seededRandom(spec.seed ?? 1);
  const end = spec.start + spec.hours * 60 * MINUTE;
  const channels: GuideChannel[] = [];
  const programmes: Programme[] = [];
  for (let c = 1; c <= spec.channels; c++) {
    const id = channelId(c);
    channels.push(makeChannel(id, `频道 ${c}`, String(c)));
    let start = spec.start;
    let eventId = 1;
    while (start < end) {
      const length = (LENGTHS[Math.floor(random() * LENGTHS.length)] ?? 30) * MINUTE;
      const [title, genre] = TITLES[Math.floor(random() * TITLES.length)] ?? ['节目', 'undefined'];
      programmes.push(makeProgramme({
        channelId: id, start, end: start + length, title, genres: [genre],
        ...(spec.ids === 'xmltv' ? {} : { eventId }),
      }));
      start += length;
      eventId++;
    }
  }
  return { channels, programmes };
}

/** The guide as parser-like batches of about `size` programmes (channels in the first batch). */
export function* guideBatches(spec: GuideSpec, size = 2000): Generator<EpgBatch> {
  const { channels, programmes } = generateGuide(spec);
  for (let i = 0; i < programmes.length || i === 0; i += size) {
    yield { channels: i === 0 ? channels : [], programmes: programmes.slice(i, i + size) };
  }
}
