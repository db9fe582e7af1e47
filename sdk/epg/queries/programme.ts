import type { GuideChannel, Programme } from '../model.js';
import type { EpgStore } from '../store/epg-store.js';
import { findProgramme } from '../store/lookup.js';

/** A stored programme by its stable id, or undefined. */
export function programme(guide: EpgStore, id: string): Promise<Programme | undefined> {
  const tx = guide.db.transaction(['schedules', 'directory']);
  return findProgramme(tx.objectStore('schedules'), tx.objectStore('directory'), id);
}

function channelNumber(channel: GuideChannel): number {
  const n = Number.parseInt(channel.number ?? '', 10);
  return Number.isNaN(n) ? Infinity : n;
}

/** Every stored channel, by logical channel number (channels without one last), then id. */
export async function listChannels(guide: EpgStore): Promise<GuideChannel[]> {
  const channels = await guide.db.getAll('channels');
  return channels.sort((a, b) => channelNumber(a) - channelNumber(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
