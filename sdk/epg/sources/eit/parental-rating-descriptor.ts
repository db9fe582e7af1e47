/**
 * parental_rating_descriptor, tag 0x55 — ETSI EN 300 468 §6.2.28 (Table 81).
 *
 * Repeated { country_code 24, rating 8 }. rating 0x00 is undefined (no rating), 0x01–0x0F mean a minimum
 * age of rating + 3 years, 0x10–0xFF are defined by the broadcaster: the value is kept, with no age.
 */
import { hex2, readCode3, registerEitDescriptor, type DecodedDescriptor } from './descriptor-registry.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const PARENTAL_RATING_DESCRIPTOR_TAG = 0x55;
export const PARENTAL_RATING_DESCRIPTOR_NAME = 'Parental Rating';

export interface ParentalRatingEntry {
  /** ISO 3166 alpha-3 country code as broadcast (`CZE`, `FRA`, `CHN`), or a region/group code. */
  readonly country: string;
  readonly rating: number;
  /** rating + 3 for 0x01–0x0F; absent for 0 (undefined) and broadcaster-defined values. */
  readonly minAge?: number;
}

export interface ParentalRatingDescriptor extends DecodedDescriptor {
  readonly tag: typeof PARENTAL_RATING_DESCRIPTOR_TAG;
  readonly entries: readonly ParentalRatingEntry[];
}

/** Minimum age for a rating byte, per Table 81; undefined for 0x00 and 0x10–0xFF. */
export function ratingMinAge(rating: number): number | undefined {
  return rating >= 0x01 && rating <= 0x0f ? rating + 3 : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Decodes the payload; a trailing partial entry is ignored. */
export function decodeParentalRatingDescriptor(payload: Uint8Array): ParentalRatingDescriptor {
  const entries: ParentalRatingEntry[] = [];
  for (let p = 0; p + 4 <= payload.length; p += 4) {
    const rating = payload[p + 3] ?? 0;
    const minAge = ratingMinAge(rating);
    const country = readCode3(payload, p);
    entries.push(minAge === undefined ? { country, rating } : { country, rating, minAge });
  }
  return { tag: PARENTAL_RATING_DESCRIPTOR_TAG, name: PARENTAL_RATING_DESCRIPTOR_NAME, entries };
}

export function isParentalRatingDescriptor(d: DecodedDescriptor): d is ParentalRatingDescriptor {
  return d.tag === PARENTAL_RATING_DESCRIPTOR_TAG;
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

/** TSDuck's wording: `undefined`, `min. 15 years`, `broadcaster-defined`. */
export function ratingLabel(rating: number): string {
  const age = ratingMinAge(rating);
  if (age !== undefined) return `min. ${age} years`;
  return rating === 0 ? 'undefined' : 'broadcaster-defined';
}

export function describeParentalRatingDescriptor(d: ParentalRatingDescriptor): string {
  return [`Parental Rating (${hex2(d.tag)})`,
    ...d.entries.map((e) => `Country code: ${e.country}, rating: ${hex2(e.rating)} (${ratingLabel(e.rating)})`)].join('\n');
}

registerEitDescriptor({
  tag: PARENTAL_RATING_DESCRIPTOR_TAG, name: PARENTAL_RATING_DESCRIPTOR_NAME,
  decode: decodeParentalRatingDescriptor, describe: describeParentalRatingDescriptor,
});
