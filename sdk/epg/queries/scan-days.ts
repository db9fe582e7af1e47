import type { IDBPIndex, IDBPObjectStore } from 'idb';
import type { Programme } from '../model.js';
import type { EpgDB } from '../store/schema.js';

type DayIndex = IDBPIndex<EpgDB, ['schedules'], 'schedules', 'byTerm' | 'byGenre'>;
type ScheduleStore = IDBPObjectStore<EpgDB, ['schedules'], 'schedules'>;

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

/**
 * Like `scanDays` for a set of day records known by key (in any order, repeats allowed): reads them a day at
 * a time, earliest first, until `limit` is reached.
 */
export async function scanKeys(
  store: ScheduleStore, keys: ReadonlyArray<[string, number]>, pick: (p: Programme) => boolean, limit: number,
): Promise<Programme[]> {
  const byDay = new Map<number, Set<string>>();
  for (const [channelId, day] of keys) {
    const channels = byDay.get(day) ?? new Set<string>();
    channels.add(channelId);
    byDay.set(day, channels);
  }
  const results: Programme[] = [];
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    if (results.length >= limit) break;
    const records = await Promise.all([...(byDay.get(day) ?? [])].map((channelId) => store.get([channelId, day])));
    const group = records.flatMap((record) => record?.programmes.filter(pick) ?? []);
    results.push(...group.sort(byStart));
  }
  return results.slice(0, limit);
}
