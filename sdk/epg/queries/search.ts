import type { Programme } from '../model.js';
import type { EpgStore } from '../store/epg-store.js';
import { DAY_MS, dayOf } from '../store/schema.js';
import { matchesQuery, queryParts, queryTerms, singleCharacters } from '../store/search-terms.js';
import { scanDays, scanKeys } from './scan-days.js';

export interface SearchOptions {
  /** At most this many results. Default 50. */
  readonly limit?: number;
  /** Only programmes still running or starting at/after this time. Default: all stored. */
  readonly from?: number;
}

/**
 * Programmes whose title or sub-title matches `text`, in start order. Chinese, Japanese and Korean text
 * matches as a substring (新闻 finds 午间新闻); other words match whole words, ignoring case and Latin
 * accents (`news` finds "CCTV News", not "Newsroom"). Every part of the query must match.
 */
export async function search(guide: EpgStore, text: string, options: SearchOptions = {}): Promise<Programme[]> {
  const { limit = 50, from } = options;
  const parts = queryParts(text);
  if (parts.length === 0 || limit <= 0) return [];
  const terms = queryTerms(parts);
  const tx = guide.db.transaction('schedules');
  const index = tx.store.index('byTerm');
  const firstDay = from === undefined ? -Infinity : dayOf(from) - DAY_MS;
  const pick = (p: Programme): boolean => (from === undefined || p.end > from) && matchesQuery(p, parts);
  if (terms.length === 0) {
    // Only one-character CJK parts: the days holding a term that is the character or starts with it.
    const [c] = singleCharacters(parts);
    if (c === undefined) return [];
    const keys = await index.getAllKeys(IDBKeyRange.bound([c, -Infinity], [`${c}\uffff`, Infinity]));
    return scanKeys(tx.store, keys.filter(([, day]) => day >= firstDay), pick, limit);
  }
  const rangeOf = (term: string): IDBKeyRange => IDBKeyRange.bound([term, firstDay], [term, Infinity]);
  // Walk the rarest term's days; the real match is checked on each programme.
  const counts = await Promise.all(terms.map((term) => index.count(rangeOf(term))));
  let rarest = 0;
  counts.forEach((count, i) => {
    if (count < (counts[rarest] ?? Infinity)) rarest = i;
  });
  const term = terms[rarest];
  if (term === undefined || counts[rarest] === 0) return [];
  return scanDays(index, rangeOf(term), pick, limit);
}
