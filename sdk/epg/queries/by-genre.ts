import type { DvbGenre, Programme } from '../model.js';
import type { EpgStore } from '../store/epg-store.js';
import { DAY_MS, dayOf } from '../store/schema.js';
import { scanDays } from './scan-days.js';

export interface ByGenreOptions {
  /** Only programmes still running at or starting after this time. Default: all stored. */
  readonly from?: number;
  /** Only programmes starting before this time. Default: no end. */
  readonly to?: number;
  /** At most this many results. Default 100. */
  readonly limit?: number;
}

/** Programmes of a normalized genre overlapping [`from`, `to`), in start order. */
export async function byGenre(guide: EpgStore, genre: DvbGenre, options: ByGenreOptions = {}): Promise<Programme[]> {
  const { from = -Infinity, to = Infinity, limit = 100 } = options;
  if (limit <= 0 || to <= from) return [];
  const firstDay = from === -Infinity ? -Infinity : dayOf(from) - DAY_MS;
  const index = guide.db.transaction('schedules').store.index('byGenre');
  return scanDays(index, IDBKeyRange.bound([genre, firstDay], [genre, to], false, true),
    (p) => p.end > from && p.start < to && p.genres.includes(genre), limit);
}
