/**
 * The IndexedDB schema of the guide store and its migrations. Each schema version has one upgrade step;
 * opening a database runs every step above its stored version, in order, inside the upgrade transaction.
 * Add a version by appending a step; never edit a shipped one.
 *
 * Programmes are stored per channel and UTC day: one `schedules` record holds a channel's programmes that
 * start that day. In Chromium every stored record costs a round trip to the browser process (~70 µs on a
 * loaded 2-core machine, more on a box), so 70,000 one-programme records cannot be written in 5 s; ~2,800
 * day records can. Index entries cost too (each multiEntry key is a write), so they are kept few: the grid,
 * now/next and pruning read a channel's neighbouring days through the primary key `[channelId, day]`; genres
 * and search terms are multiEntry indexes over the day records; a per-channel directory record (not an index)
 * says which day holds each programme id.
 */

import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { GuideChannel, DvbGenre, LangText, Programme } from '../model.js';
import { programmeTerms } from './search-terms.js';

/** Length of a schedule record's day (UTC-aligned). */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Longest programme the queries are guaranteed to find when it started before their window: they read the
 * window's days and the day before. Longer programmes are stored and found from the day they start.
 */
export const MAX_PROGRAMME_MS = DAY_MS;

/** The UTC day a time falls in, as the start of that day. */
export function dayOf(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** One channel's programmes starting on one UTC day. */
export interface ScheduleRecord {
  readonly channelId: string;
  /** Start of the UTC day (primary key with `channelId`). */
  readonly day: number;
  /** The latest end of its programmes (pruning deletes the record once this is past). */
  readonly end: number;
  /** Sorted by start; ids are unique across the store. */
  readonly programmes: readonly Programme[];
  /** `[term, day]` per distinct search term of its programmes (multiEntry, see search-terms.ts). */
  readonly terms: ReadonlyArray<readonly [string, number]>;
  /** `[genre, day]` per distinct genre of its programmes (multiEntry). */
  readonly genres: ReadonlyArray<readonly [DvbGenre, number]>;
}

/** A stored reminder. The start/end follow the programme when a re-import reschedules it. */
export interface ReminderRecord {
  readonly programmeId: string;
  readonly channelId: string;
  /** The programme's titles when the reminder was set or last synced, for display. */
  readonly titles: LangText;
  readonly start: number;
  readonly end: number;
  readonly minutesBefore: number;
  readonly createdAt: number;
  /** The programme start this reminder already fired for; a reschedule to another start re-arms it. */
  readonly firedFor?: number;
}

/** Where a channel's programmes are stored: programme id → day. */
export interface DirectoryRecord {
  readonly channelId: string;
  readonly days: Readonly<Record<string, number>>;
}

export interface MetaRecord {
  readonly key: string;
  readonly value: unknown;
}

export interface EpgDB extends DBSchema {
  channels: { key: string; value: GuideChannel };
  schedules: {
    key: [string, number];
    value: ScheduleRecord;
    indexes: {
      byDay: number;
      byEnd: number;
      byGenre: [DvbGenre, number];
      byTerm: [string, number];
    };
  };
  directory: { key: string; value: DirectoryRecord };
  reminders: { key: string; value: ReminderRecord };
  meta: { key: string; value: MetaRecord };
}

export type EpgUpgradeTransaction = IDBPTransaction<EpgDB, StoreNames<EpgDB>[], 'versionchange'>;

export interface Migration {
  /** The schema version this step produces. */
  readonly version: number;
  readonly description: string;
  upgrade(db: IDBPDatabase<EpgDB>, tx: EpgUpgradeTransaction): Promise<void> | void;
}

/** Search terms by title text: guides repeat titles (daily news, series), so an import computes each once. */
export type TermCache = Map<string, readonly string[]>;

function termsOf(p: Programme, cache: TermCache | undefined): readonly string[] {
  if (!cache) return programmeTerms(p);
  const key = p.subTitles
    ? `${Object.values(p.titles).join('\u0001')}\u0002${Object.values(p.subTitles).join('\u0001')}`
    : Object.values(p.titles).join('\u0001');
  let terms = cache.get(key);
  if (!terms) {
    terms = programmeTerms(p);
    cache.set(key, terms);
  }
  return terms;
}

/** The record for a channel's day; `programmes` must already be sorted by start. */
export function toScheduleRecord(
  channelId: string, day: number, programmes: readonly Programme[], cache?: TermCache,
): ScheduleRecord {
  const terms = new Set<string>();
  const genres = new Set<DvbGenre>();
  let end = day;
  for (const p of programmes) {
    for (const t of termsOf(p, cache)) terms.add(t);
    for (const g of p.genres) genres.add(g);
    end = Math.max(end, p.end);
  }
  return {
    channelId, day, end, programmes,
    terms: [...terms].map((t) => [t, day] as const),
    genres: [...genres].map((g) => [g, day] as const),
  };
}

/** Schedule steps, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'channels; schedules by channel and day; programme directory; reminders; meta',
    upgrade(db) {
      db.createObjectStore('channels', { keyPath: 'id' });
      const schedules = db.createObjectStore('schedules', { keyPath: ['channelId', 'day'] });
      schedules.createIndex('byDay', 'day');
      db.createObjectStore('directory', { keyPath: 'channelId' });
      db.createObjectStore('reminders', { keyPath: 'programmeId' });
      db.createObjectStore('meta', { keyPath: 'key' });
    },
  },
  {
    version: 2,
    description: 'pruning by end, genre and title search indexes; derive their keys for stored schedules',
    async upgrade(_db, tx) {
      const schedules = tx.objectStore('schedules');
      schedules.createIndex('byEnd', 'end');
      schedules.createIndex('byGenre', 'genres', { multiEntry: true });
      schedules.createIndex('byTerm', 'terms', { multiEntry: true });
      const cache: TermCache = new Map();
      let cursor = await schedules.openCursor();
      while (cursor) {
        const { channelId, day, programmes } = cursor.value;
        await cursor.update(toScheduleRecord(channelId, day, programmes, cache));
        cursor = await cursor.continue();
      }
    },
  },
];

/** The current schema version: the last step's. */
export const EPG_DB_VERSION = migrations.reduce((v, m) => Math.max(v, m.version), 0);

/**
 * Runs the steps from `oldVersion` (exclusive) to `newVersion` (inclusive) in the upgrade transaction.
 * Call it from idb's `upgrade` callback; a failing step aborts the transaction, so the open fails and the
 * database stays at its old version.
 */
export function upgradeEpgDB(
  db: IDBPDatabase<EpgDB>, tx: EpgUpgradeTransaction, oldVersion: number, newVersion: number,
  onError: (error: unknown) => void,
): void {
  const steps = migrations.filter((m) => m.version > oldVersion && m.version <= newVersion)
    .sort((a, b) => a.version - b.version);
  void (async () => {
    for (const step of steps) await step.upgrade(db, tx);
  })().catch((error: unknown) => {
    onError(error);
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: the open fails either way.
    }
  });
}
