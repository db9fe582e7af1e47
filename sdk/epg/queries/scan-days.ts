import type { IDBPIndex } from 'idb';
import type { Programme } from '../model.js';
import type { EpgDB } from '../store/schema.js';

type DayIndex = IDBPIndex<EpgDB, ['schedules'], 'schedules', 'byTerm' | 'byGenre'>;

function byStart(a: Programme, b: Programme): number {
  return a.start - b.start || (a.channelId < b.channelId ? -1 : a.channelId > b.channelId ? 1 : 0);
}

/**
 * Walks a `[key, day]` index range in day order and collects the programmes `pick` accepts, in start order.
 * A day's programmes all start within that day, so the walk stops after the day in which `limit` is reached.
 */
export async function scanDays(
  index: DayIndex, range: IDBKeyRange, pick: (p: Programme) => boolean, limit: number,
): Promise<Programme[]> {
  const results: Programme[] = [];
  let day: number | undefined;
  let group: Programme[] = [];
  const flush = (): void => {
    group.sort(byStart);
    results.push(...group);
    group = [];
  };
  let cursor = await index.openCursor(range);
  while (cursor) {
    if (cursor.value.day !== day) {
      flush();
      if (results.length >= limit) break;
      day = cursor.value.day;
    }
    for (const p of cursor.value.programmes) if (pick(p)) group.push(p);
    cursor = await cursor.continue();
  }
  flush();
  return results.slice(0, limit);
}
