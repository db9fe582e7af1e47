/**
 * content_descriptor, tag 0x54 — ETSI EN 300 468 §6.2.9 (Table 29, content_nibble coding).
 *
 * Repeated { content_nibble_level_1 4, content_nibble_level_2 4, user_byte 8 }. Level 1 maps to our
 * normalized `DvbGenre` (0x0–0xB; 0xC–0xE reserved and 0xF user-defined map to none); the Table 29 wording
 * of the full byte is kept as the label, e.g. 0x10 "movie/drama (general)".
 */
import { DVB_GENRES, type DvbGenre } from '../../model.js';
import { hex2, registerEitDescriptor, type DecodedDescriptor } from './descriptor-registry.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const CONTENT_DESCRIPTOR_TAG = 0x54;
export const CONTENT_DESCRIPTOR_NAME = 'Content';

export interface ContentEntry {
  /** content_nibble_level_1 << 4 | content_nibble_level_2. */
  readonly content: number;
  readonly level1: number;
  readonly level2: number;
  readonly userByte: number;
  /** Normalized genre of level 1; absent for reserved (0xC–0xE) and user-defined (0xF). */
  readonly genre?: DvbGenre;
  /** Table 29 wording, e.g. `news/weather report`. */
  readonly label: string;
}

export interface ContentDescriptor extends DecodedDescriptor {
  readonly tag: typeof CONTENT_DESCRIPTOR_TAG;
  readonly entries: readonly ContentEntry[];
}

/** EN 300 468 Table 29, level 2 wording by level 1 (index = level 2). */
const LABELS: readonly (readonly string[])[] = [
  ['undefined content'],
  ['movie/drama (general)', 'detective/thriller', 'adventure/western/war', 'science fiction/fantasy/horror', 'comedy',
    'soap/melodrama/folklore', 'romance', 'serious/classical/religious/historical movie/drama', 'adult movie/drama'],
  ['news/current affairs (general)', 'news/weather report', 'news magazine', 'documentary', 'discussion/interview/debate'],
  ['show/game show (general)', 'game show/quiz/contest', 'variety show', 'talk show'],
  ['sports (general)', 'special events (Olympic Games, World Cup, etc.)', 'sports magazines', 'football/soccer',
    'tennis/squash', 'team sports (excluding football)', 'athletics', 'motor sport', 'water sport', 'winter sports',
    'equestrian', 'martial sports'],
  ["children's/youth programmes (general)", "pre-school children's programmes", 'entertainment programmes for 6 to 14',
    'entertainment programmes for 10 to 16', 'informational/educational/school programmes', 'cartoons/puppets'],
  ['music/ballet/dance (general)', 'rock/pop', 'serious music/classical music', 'folk/traditional music', 'jazz',
    'musical/opera', 'ballet'],
  ['arts/culture (without music, general)', 'performing arts', 'fine arts', 'religion', 'popular culture/traditional arts',
    'literature', 'film/cinema', 'experimental film/video', 'broadcasting/press', 'new media', 'arts/culture magazines',
    'fashion'],
  ['social/political issues/economics (general)', 'magazines/reports/documentary', 'economics/social advisory',
    'remarkable people'],
  ['education/science/factual topics (general)', 'nature/animals/environment', 'technology/natural sciences',
    'medicine/physiology/psychology', 'foreign countries/expeditions', 'social/spiritual sciences', 'further education',
    'languages'],
  ['leisure hobbies (general)', 'tourism/travel', 'handicraft', 'motoring', 'fitness and health', 'cooking',
    'advertisement/shopping', 'gardening'],
  ['original language', 'black and white', 'unpublished', 'live broadcast', 'plano-stereoscopic', 'local or regional'],
];

/** Level-1 group names, for level-2 values the table leaves reserved or user-defined. */
const GROUPS = ['undefined content', 'movie/drama', 'news/current affairs', 'show/game show', 'sports',
  "children's/youth programmes", 'music/ballet/dance', 'arts/culture', 'social/political issues/economics',
  'education/science/factual topics', 'leisure hobbies', 'special characteristics'];

/**
 * Table 29 wording for a content byte. Values the table leaves open say so with their hex value:
 * level 2 0xF of a group is user-defined, other gaps are reserved, level 1 0xC–0xE reserved, 0xF user-defined.
 */
export function contentLabel(content: number): string {
  const level1 = content >> 4;
  const level2 = content & 0x0f;
  if (level1 === 0xf) return `user defined (${hex2(content)})`;
  const group = GROUPS[level1];
  if (group === undefined) return `reserved (${hex2(content)})`;
  if (level1 === 0) return level2 === 0 ? 'undefined content' : `undefined content (${hex2(content)})`;
  return LABELS[level1]?.[level2] ?? `${group}: ${level2 === 0xf ? 'user defined' : 'reserved'} (${hex2(content)})`;
}

/** Normalized genre of a level-1 nibble (0x0–0xB), else undefined. */
export function contentGenre(level1: number): DvbGenre | undefined {
  return level1 < DVB_GENRES.length ? DVB_GENRES[level1] : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Decodes the payload; a trailing odd byte is ignored. Never `undefined`: an empty list is valid. */
export function decodeContentDescriptor(payload: Uint8Array): ContentDescriptor {
  const entries: ContentEntry[] = [];
  for (let p = 0; p + 2 <= payload.length; p += 2) {
    const content = payload[p] ?? 0;
    const genre = contentGenre(content >> 4);
    const entry = { content, level1: content >> 4, level2: content & 0x0f, userByte: payload[p + 1] ?? 0, label: contentLabel(content) };
    entries.push(genre === undefined ? entry : { ...entry, genre });
  }
  return { tag: CONTENT_DESCRIPTOR_TAG, name: CONTENT_DESCRIPTOR_NAME, entries };
}

export function isContentDescriptor(d: DecodedDescriptor): d is ContentDescriptor {
  return d.tag === CONTENT_DESCRIPTOR_TAG;
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

export function describeContentDescriptor(d: ContentDescriptor): string {
  return [`Content (${hex2(d.tag)})`,
    ...d.entries.map((e) => `Content: ${hex2(e.content)} (${e.label}) / User: ${hex2(e.userByte)}`)].join('\n');
}

registerEitDescriptor({
  tag: CONTENT_DESCRIPTOR_TAG, name: CONTENT_DESCRIPTOR_NAME,
  decode: decodeContentDescriptor, describe: describeContentDescriptor,
});
