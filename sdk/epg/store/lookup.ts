import type { Programme } from '../model.js';
import type { DirectoryRecord, ScheduleRecord } from './schema.js';

/** What `findProgramme` needs of a transaction's object stores (idb's stores satisfy it). */
interface Getter<K, V> {
  get(key: K): Promise<V | undefined>;
}

/**
 * The channel of a programme id: ids are `<channelId>#<eventId>` or `<channelId>@<start>` (see the model),
 * so the channel is everything before the last `#` or `@` that is followed only by digits.
 */
export function channelOfProgrammeId(id: string): string | undefined {
  return /^(.+)[#@]-?\d+$/s.exec(id)?.[1];
}

/** A stored programme by id, through its channel's directory: two reads inside the caller's transaction. */
export async function findProgramme(
  schedules: Getter<[string, number], ScheduleRecord>, directory: Getter<string, DirectoryRecord>, id: string,
): Promise<Programme | undefined> {
  const channelId = channelOfProgrammeId(id);
  if (channelId === undefined) return undefined;
  const day = (await directory.get(channelId))?.days[id];
  if (day === undefined) return undefined;
  return (await schedules.get([channelId, day]))?.programmes.find((p) => p.id === id);
}
