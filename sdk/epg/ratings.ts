/**
 * Minimum viewer age from a parental rating as guides write it: a number ("12", "14+", "FSK 16"), or a
 * known scheme's label (MPAA "PG-13", US TV "TV-14", BBFC "12A", Canadian "14A"). Labels with no age
 * floor ("PG", "TV-PG") give undefined.
 */

/** Scheme labels, upper-cased with spaces, dashes, dots and plus signs removed. */
const KNOWN_AGES: Readonly<Record<string, number>> = {
  // All ages.
  G: 0, U: 0, E: 0, TVY: 0, TVG: 0, C: 0, ALL: 0, TP: 0,
  // US TV parental guidelines (FCC) and MPAA.
  TVY7: 7, TVY7FV: 7, PG13: 13, TV14: 14, TVMA: 17, R: 17, NC17: 18,
  // BBFC, Canada, Australia.
  '12A': 12, R18: 18, C8: 8, MA15: 15, X: 18, X18: 18,
};

/** The minimum age a rating value implies, or undefined when it implies none we know. */
export function minAgeOfRating(value: string): number | undefined {
  const key = value.trim().toUpperCase().replace(/[\s\-+._]/g, '');
  if (key.length === 0) return undefined;
  const known = KNOWN_AGES[key];
  if (known !== undefined) return known;
  // "12", "14+", "18A", "FSK16", "M18", "K12".
  const match = /^(?:[A-Z]{1,4})?(\d{1,2})[A-Z]?$/.exec(key);
  if (!match?.[1]) return undefined;
  const age = Number(match[1]);
  return age <= 21 ? age : undefined;
}
