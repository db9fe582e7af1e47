/**
 * The guide store: channels and programmes in IndexedDB, written in batched transactions, shared by every
 * tab and frame of the origin.
 */

import { openDB, unwrap, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import { Observable, Subject } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { GuideChannel, Programme } from '../model.js';
import type { EpgBatch } from '../sources/epg-source.js';
import { deepEqual } from './deep-equal.js';
import { epgStoreHooks } from './hooks.js';
import {
  DAY_MS, EPG_DB_VERSION, MAX_PROGRAMME_MS, dayOf, toScheduleRecord, upgradeEpgDB, type DirectoryRecord, type EpgDB,
  type ScheduleRecord, type TermCache,
} from './schema.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/** Database name used when `openGuide` is given none. */
export const DEFAULT_GUIDE_NAME = 'yiwang-epg';
/** BroadcastChannel name on which stores announce their changes to other tabs and frames. */
export const EPG_BROADCAST_CHANNEL = 'yiwang-epg';
/** Programmes are kept this long after they end: yesterday evening stays browsable (catch-up, "what was on"). */
export const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * Records per write transaction. Large enough that a 70,000-programme guide needs ~70 transactions, small
 * enough that one transaction's work stays well under a frame budget on a slow box.
 */
export const DEFAULT_CHUNK_SIZE = 1000;

export interface OpenGuideOptions {
  /** IndexedDB database name. Default `yiwang-epg`. */
  readonly name?: string;
  /** How long after its end a programme is kept; `prune` deletes older ones. Default 24 h. */
  readonly retentionMs?: number;
  /** Records (channels + programmes) per write transaction. Default 1000. */
  readonly chunkSize?: number;
}

/**
 * What changed in a store. `programmes`: programmes of `channelIds` within [`from`, `to`) were written or
 * superseded; `channels`: channel records written; `pruned`: programmes that ended before `to` deleted;
 * `cleared`: everything deleted; `reminders`: the reminder list changed.
 */
export interface StoreChange {
  readonly kind: 'programmes' | 'channels' | 'pruned' | 'cleared' | 'reminders';
  readonly channelIds?: readonly string[];
  readonly from?: number;
  readonly to?: number;
  /** Records written or deleted. */
  readonly count: number;
  /** `local`: made through this store object; `remote`: another tab, frame or store object on the same database. */
  readonly origin: 'local' | 'remote';
}

/** A change as a writer announces it; receivers see it with its `origin`. */
export type StoreChangeInit = Omit<StoreChange, 'origin'>;

export interface ImportProgress {
  /** Channels written so far. */
  readonly channels: number;
  /** Programmes written so far. */
  readonly programmes: number;
  /** Write transactions committed so far. */
  readonly transactions: number;
}

export interface ImportSummary extends ImportProgress {
  /** Programmes dropped as unusable: no id or channel, non-finite times, or end ≤ start. */
  readonly skipped: number;
  /** Programmes not written because they ended before the retention window. */
  readonly expired: number;
  /** Stored programmes deleted because an imported one with another id took their place (see `importBatches`). */
  readonly superseded: number;
  /** Programmes pruned to make room after the storage quota was hit. */
  readonly pruned: number;
  readonly durationMs: number;
}

export interface ImportOptions {
  /** Aborting stops after the current transaction; the promise rejects with `EpgImportAborted`. */
  readonly signal?: AbortSignal;
  /** Called after each committed transaction. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** The current time, for dropping programmes that already left the retention window. Default `Date.now()`. */
  readonly now?: number;
}

/** The stored result of the last completed import. */
export interface LastImport {
  readonly at: number;
  readonly summary: ImportSummary;
}

export interface EpgStore {
  /** The database name. */
  readonly name: string;
  readonly retentionMs: number;
  /** True after `close()`, or once another tab upgraded the schema (this one must reload). */
  readonly closed: boolean;
  /**
   * The typed database, for modules layered on the store (queries, reminders). Throws `EpgStoreClosed` once
   * closed. Writes made through it are not announced; call `announce` after committing.
   */
  readonly db: IDBPDatabase<EpgDB>;
  /**
   * Every change to the database: this store's own (as each transaction commits) and those of other tabs,
   * frames or store objects on the same database. Hot; completes on `close()`.
   */
  readonly changes: Observable<StoreChange>;
  /**
   * Writes a guide as it is parsed: channels and programmes are upserted by id in transactions of
   * `chunkSize` records, yielding to the event loop between transactions. A programme whose id is stored
   * replaces it (an EIT event rescheduled under its stable id moves). A stored programme of the same channel
   * with another id that an imported one overlaps by more than half the shorter of the two is superseded
   * (deleted): the newest guide wins. Programmes that ended before the retention window are not written.
   * When the storage quota is hit, prunes the past and retries once, else rejects with
   * `EpgStoreQuotaExceeded`. Transactions committed before a failure or an abort stay.
   */
  importBatches(batches: AsyncIterable<EpgBatch> | Iterable<EpgBatch>, options?: ImportOptions): Promise<ImportSummary>;
  /** `importBatches` with channels only. */
  putChannels(channels: Iterable<GuideChannel>, options?: ImportOptions): Promise<ImportSummary>;
  /** `importBatches` with programmes only. */
  putProgrammes(programmes: Iterable<Programme>, options?: ImportOptions): Promise<ImportSummary>;
  /** Deletes programmes that ended more than `retentionMs` before `now` (default: the current time); returns how many. */
  prune(now?: number): Promise<number>;
  /** Deletes every channel, programme, reminder and meta record. */
  clear(): Promise<void>;
  /** The last completed import, if any. */
  lastImport(): Promise<LastImport | undefined>;
  /** Publishes a change made through `db` to `changes` here and in other tabs. */
  announce(change: StoreChangeInit): void;
  /** Closes the database and the change feed. Idempotent. */
  close(): void;
}

type ClosedReason = 'closed' | 'versionchange' | 'terminated';

interface BroadcastMessage {
  readonly database: string;
  readonly change: StoreChangeInit;
}

function isQuotaExceeded(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function argumentInvalid(name: string, value: unknown, expected: string): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgArgumentInvalid,
    `${name} must be ${expected}, got ${String(value)}`, { name, value, expected });
}

function usable(p: Programme): boolean {
  return typeof p.id === 'string' && p.id !== '' && typeof p.channelId === 'string' && p.channelId !== ''
    && Number.isFinite(p.start) && Number.isFinite(p.end) && p.end > p.start;
}

/** True when `incoming` (sorted by start) overlaps `old` by more than half the shorter of the two. */
function supersedes(incoming: readonly Programme[], old: Programme): boolean {
  // First incoming programme starting at or after old.end; candidates lie before it.
  let lo = 0;
  let hi = incoming.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((incoming[mid]?.start ?? Infinity) < old.end) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const p = incoming[i];
    if (!p || p.start <= old.start - MAX_PROGRAMME_MS) break;
    const overlap = Math.min(p.end, old.end) - Math.max(p.start, old.start);
    if (overlap > 0 && overlap * 2 > Math.min(p.end - p.start, old.end - old.start)) return true;
  }
  return false;
}

interface ChunkResult {
  readonly superseded: number;
  readonly programmeChange?: StoreChangeInit;
  readonly channelChange?: StoreChangeInit;
}

interface MergeResult {
  readonly put: ScheduleRecord[];
  readonly delete: Array<[string, number]>;
  readonly directories: DirectoryRecord[];
  /** Stored programmes removed because an incoming one with another id overlaps them. */
  readonly superseded: Programme[];
}

type ScheduleTransaction = IDBPTransaction<EpgDB, ['channels', 'schedules', 'directory'], 'readwrite'>;

/**
 * Merges incoming programmes into the stored days of their channels, within the caller's transaction:
 * an incoming programme replaces the stored one with its id wherever that one is (a rescheduled event moves),
 * and removes stored programmes of another id it supersedes. Returns the records to put and delete.
 */
async function mergeSchedules(
  tx: ScheduleTransaction, programmes: readonly Programme[], cache: TermCache,
): Promise<MergeResult> {
  const byChannel = new Map<string, Map<string, Programme>>();
  for (const p of programmes) {
    let group = byChannel.get(p.channelId);
    if (!group) byChannel.set(p.channelId, group = new Map<string, Programme>());
    group.set(p.id, p); // A repeated id within the chunk: the later one wins.
  }
  const store = tx.objectStore('schedules');
  const directoryStore = tx.objectStore('directory');
  const result: MergeResult = { put: [], delete: [], directories: [], superseded: [] };
  await Promise.all([...byChannel].map(async ([channelId, group]) => {
    const incoming = [...group.values()].sort((a, b) => a.start - b.start);
    // Stored days around the incoming ones: their programmes may be superseded or be these ids before a move.
    const from = dayOf(incoming[0]?.start ?? 0) - DAY_MS;
    const to = dayOf(incoming[incoming.length - 1]?.start ?? 0) + DAY_MS;
    const [stored, directory] = await Promise.all([
      store.getAll(IDBKeyRange.bound([channelId, from], [channelId, to])),
      directoryStore.get(channelId),
    ]);
    const where = new Map<string, number>(Object.entries(directory?.days ?? {}));
    const days = new Map<number, Programme[]>();
    const before = new Map<number, readonly Programme[]>();
    for (const record of stored) {
      days.set(record.day, [...record.programmes]);
      before.set(record.day, record.programmes);
    }
    // Days further away that hold an incoming id: the event moved by more than a day.
    const far = new Set<number>();
    for (const p of incoming) {
      const day = where.get(p.id);
      if (day !== undefined && !days.has(day)) far.add(day);
    }
    const farRecords = await Promise.all([...far].map((day) => store.get([channelId, day])));
    for (const record of farRecords) {
      if (!record) continue;
      days.set(record.day, [...record.programmes]);
      before.set(record.day, record.programmes);
    }

    const dirty = new Set<number>();
    let moved = false;
    for (const [day, list] of days) {
      const kept = list.filter((old) => {
        if (group.has(old.id)) return false;
        if (!supersedes(incoming, old)) return true;
        result.superseded.push(old);
        where.delete(old.id);
        moved = true;
        return false;
      });
      if (kept.length !== list.length) {
        days.set(day, kept);
        dirty.add(day);
      }
    }
    for (const p of incoming) {
      const day = dayOf(p.start);
      const list = days.get(day);
      if (list) list.push(p);
      else days.set(day, [p]);
      dirty.add(day);
      if (where.get(p.id) !== day) {
        where.set(p.id, day);
        moved = true;
      }
    }
    for (const day of dirty) {
      const list = days.get(day) ?? [];
      if (list.length === 0) {
        result.delete.push([channelId, day]);
        continue;
      }
      list.sort((a, b) => a.start - b.start);
      // A guide refreshed daily repeats most of what is stored: an unchanged day is not rewritten.
      if (deepEqual(list, before.get(day))) continue;
      result.put.push(toScheduleRecord(channelId, day, list, cache));
    }
    if (moved) result.directories.push({ channelId, days: Object.fromEntries(where) });
  }));
  return result;
}

function spanChange(written: readonly Programme[], superseded: readonly Programme[]): StoreChangeInit {
  const channelIds = new Set<string>();
  let from = Infinity;
  let to = -Infinity;
  for (const p of [...written, ...superseded]) {
    channelIds.add(p.channelId);
    from = Math.min(from, p.start);
    to = Math.max(to, p.end);
  }
  return { kind: 'programmes', channelIds: [...channelIds], from, to, count: written.length + superseded.length };
}

class GuideStore implements EpgStore {
  readonly changes: Observable<StoreChange>;
  private readonly subject = new Subject<StoreChange>();
  private readonly broadcast: BroadcastChannel | undefined;
  private closedReason: ClosedReason | undefined;

  constructor(
    private readonly database: IDBPDatabase<EpgDB>,
    readonly name: string,
    readonly retentionMs: number,
    private readonly chunkSize: number,
  ) {
    this.changes = this.subject.asObservable();
    // Some box browsers lack BroadcastChannel: other tabs then learn of changes only by querying again.
    if (typeof BroadcastChannel === 'function') {
      this.broadcast = new BroadcastChannel(EPG_BROADCAST_CHANNEL);
      // Another SDK version may share the channel: only well-formed messages for this database count.
      this.broadcast.onmessage = (event: MessageEvent<Partial<BroadcastMessage> | null>) => {
        const change = event.data?.change;
        if (event.data?.database === this.name && typeof change?.kind === 'string' && !this.closedReason) {
          this.subject.next({ ...change, origin: 'remote' });
        }
      };
    }
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  get db(): IDBPDatabase<EpgDB> {
    if (this.closedReason) {
      throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgStoreClosed,
        this.closedReason === 'versionchange'
          ? `The guide store "${this.name}" was closed because another tab opened a newer schema; reload`
          : `The guide store "${this.name}" is closed`,
        { name: this.name, reason: this.closedReason });
    }
    return this.database;
  }

  announce(change: StoreChangeInit): void {
    if (this.closedReason) return;
    this.subject.next({ ...change, origin: 'local' });
    const message: BroadcastMessage = { database: this.name, change };
    this.broadcast?.postMessage(message);
  }

  async importBatches(
    batches: AsyncIterable<EpgBatch> | Iterable<EpgBatch>, options: ImportOptions = {},
  ): Promise<ImportSummary> {
    const started = performance.now();
    const cutoff = (options.now ?? Date.now()) - this.retentionMs;
    const { signal, onProgress } = options;
    const totals = { channels: 0, programmes: 0, transactions: 0, skipped: 0, expired: 0, superseded: 0, pruned: 0 };
    let channels: GuideChannel[] = [];
    let programmes: Programme[] = [];
    const cache: TermCache = new Map();

    const throwIfAborted = (): void => {
      if (signal?.aborted) {
        throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgImportAborted,
          `Import into "${this.name}" aborted after ${totals.programmes} programmes`,
          { programmes: totals.programmes, reason: signal.reason });
      }
    };
    const flush = async (): Promise<void> => {
      if (channels.length === 0 && programmes.length === 0) return;
      const result = await this.writeChunk(channels, programmes, cache, totals);
      totals.channels += channels.length;
      totals.programmes += programmes.length;
      totals.superseded += result.superseded;
      totals.transactions++;
      channels = [];
      programmes = [];
      if (result.channelChange) this.announce(result.channelChange);
      if (result.programmeChange) this.announce(result.programmeChange);
      onProgress?.({ channels: totals.channels, programmes: totals.programmes, transactions: totals.transactions });
      await yieldToEventLoop();
      throwIfAborted();
    };

    throwIfAborted();
    for await (const batch of batches) {
      throwIfAborted();
      for (const channel of batch.channels) {
        if (typeof channel.id === 'string' && channel.id !== '') channels.push(channel);
        if (channels.length + programmes.length >= this.chunkSize) await flush();
      }
      for (const programme of batch.programmes) {
        if (!usable(programme)) totals.skipped++;
        else if (programme.end <= cutoff) totals.expired++;
        else programmes.push(programme);
        if (channels.length + programmes.length >= this.chunkSize) await flush();
      }
    }
    await flush();

    const summary: ImportSummary = { ...totals, durationMs: performance.now() - started };
    await this.db.put('meta', { key: 'lastImport', value: { at: Date.now(), summary } satisfies LastImport });
    return summary;
  }

  putChannels(channels: Iterable<GuideChannel>, options?: ImportOptions): Promise<ImportSummary> {
    return this.importBatches([{ channels: [...channels], programmes: [] }], options);
  }

  putProgrammes(programmes: Iterable<Programme>, options?: ImportOptions): Promise<ImportSummary> {
    return this.importBatches([{ channels: [], programmes: [...programmes] }], options);
  }

  /** One chunk, retried once after pruning when the quota is hit. */
  private async writeChunk(
    channels: readonly GuideChannel[], programmes: readonly Programme[], cache: TermCache, totals: { pruned: number },
  ): Promise<ChunkResult> {
    try {
      return await this.performWrite(channels, programmes, cache, 1);
    } catch (error) {
      if (!isQuotaExceeded(error)) throw this.writeFailed(error);
    }
    const pruned = await this.prune();
    totals.pruned += pruned;
    try {
      return await this.performWrite(channels, programmes, cache, 2);
    } catch (error) {
      if (!isQuotaExceeded(error)) throw this.writeFailed(error);
      const needed = programmes.length + channels.length;
      throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgStoreQuotaExceeded,
        `The guide store "${this.name}" is out of storage: ${needed} records could not be written even after `
        + `pruning ${pruned} past programmes. Import fewer channels or days, or free storage.`,
        { needed, pruned });
    }
  }

  /** IndexedDB's own failures become `EpgStoreWriteFailed`; ours (a closed store) pass through. */
  private writeFailed(error: unknown): unknown {
    if (error instanceof YiwangError) return error;
    const reason = describe(error);
    return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgStoreWriteFailed,
      `Writing to the guide store "${this.name}" failed: ${reason}`, { name: this.name, reason });
  }

  private async performWrite(
    channels: readonly GuideChannel[], programmes: readonly Programme[], cache: TermCache, attempt: number,
  ): Promise<ChunkResult> {
    const tx = this.db.transaction(['channels', 'schedules', 'directory'], 'readwrite', { durability: 'relaxed' });
    const done = tx.done;
    // Failures are handled through the awaited path below; this keeps an abort from surfacing as unhandled.
    done.catch(() => undefined);
    try {
      epgStoreHooks.beforeWrite?.({ database: this.name, records: channels.length + programmes.length, attempt });
      // Bulk writes go through the raw stores: one promise per request would cost more than the request, and
      // a failed request aborts the transaction, which `done` reports.
      const channelStore = unwrap(tx.objectStore('channels'));
      for (const channel of channels) channelStore.put(channel);
      const merged = programmes.length > 0 ? await mergeSchedules(tx, programmes, cache) : undefined;
      if (merged) {
        const scheduleStore = unwrap(tx.objectStore('schedules'));
        for (const record of merged.put) scheduleStore.put(record);
        for (const key of merged.delete) scheduleStore.delete(key);
        const directoryStore = unwrap(tx.objectStore('directory'));
        for (const directory of merged.directories) directoryStore.put(directory);
      }
      await done;
      return {
        superseded: merged?.superseded.length ?? 0,
        programmeChange: merged ? spanChange(programmes, merged.superseded) : undefined,
        channelChange: channels.length > 0
          ? { kind: 'channels', channelIds: channels.map((c) => c.id), count: channels.length } : undefined,
      };
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // The transaction already finished (the error came from its commit).
      }
      await done.catch(() => undefined);
      throw error;
    }
  }

  async prune(now: number = Date.now()): Promise<number> {
    const cutoff = now - this.retentionMs;
    let total = 0;
    // Whole days whose every programme ended, a transaction per chunk; then days that began before the
    // cutoff and still hold a programme running past it lose their ended ones.
    for (let wholeDays = true; ;) {
      const tx = this.db.transaction(['schedules', 'directory'], 'readwrite', { durability: 'relaxed' });
      const records = wholeDays
        ? await tx.objectStore('schedules').index('byEnd').getAll(IDBKeyRange.upperBound(cutoff), this.chunkSize)
        : await tx.objectStore('schedules').index('byDay').getAll(IDBKeyRange.upperBound(cutoff, true));
      const gone = new Map<string, string[]>();
      const schedules = unwrap(tx.objectStore('schedules'));
      for (const record of records) {
        const kept = record.programmes.filter((p) => p.end > cutoff);
        if (kept.length === record.programmes.length) continue;
        if (kept.length === 0) schedules.delete([record.channelId, record.day]);
        else schedules.put(toScheduleRecord(record.channelId, record.day, kept));
        const ids = gone.get(record.channelId) ?? [];
        for (const p of record.programmes) if (p.end <= cutoff) ids.push(p.id);
        gone.set(record.channelId, ids);
        total += record.programmes.length - kept.length;
      }
      await this.forgetIds(tx.objectStore('directory'), gone);
      await tx.done;
      if (!wholeDays) break;
      if (records.length < this.chunkSize) wholeDays = false;
      else await yieldToEventLoop();
    }
    if (total > 0) this.announce({ kind: 'pruned', to: cutoff, count: total });
    return total;
  }

  /** Removes deleted programmes from their channels' directories. */
  private async forgetIds(
    store: IDBPObjectStore<EpgDB, ['schedules', 'directory'], 'directory', 'readwrite'>, gone: ReadonlyMap<string, string[]>,
  ): Promise<void> {
    const directories = await Promise.all([...gone.keys()].map((channelId) => store.get(channelId)));
    const raw = unwrap(store);
    for (const directory of directories) {
      if (!directory) continue;
      const ids = new Set(gone.get(directory.channelId));
      const days = Object.fromEntries(Object.entries(directory.days).filter(([id]) => !ids.has(id)));
      raw.put({ channelId: directory.channelId, days });
    }
  }

  async clear(): Promise<void> {
    const stores = ['channels', 'schedules', 'directory', 'reminders', 'meta'] as const;
    const tx = this.db.transaction(stores, 'readwrite');
    await Promise.all([...stores.map((name) => tx.objectStore(name).clear()), tx.done]);
    this.announce({ kind: 'cleared', count: 0 });
  }

  async lastImport(): Promise<LastImport | undefined> {
    const record = await this.db.get('meta', 'lastImport');
    return record?.value as LastImport | undefined;
  }

  close(): void {
    this.closeFor('closed');
  }

  /** @internal */
  closeFor(reason: ClosedReason): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    this.database.close();
    this.broadcast?.close();
    this.subject.complete();
  }
}

/**
 * Opens (creating or migrating as needed) the guide database. Rejects with `EpgStoreOpenFailed` when
 * IndexedDB is unavailable, the stored schema is newer than this SDK, or a migration fails.
 *
 * ```ts
 * const guide = await openGuide();
 * await guide.importBatches(source.parse(bytes, report));
 * ```
 */
export async function openGuide(options: OpenGuideOptions = {}): Promise<EpgStore> {
  const name = options.name ?? DEFAULT_GUIDE_NAME;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!(retentionMs >= 0) || !Number.isFinite(retentionMs)) {
    throw argumentInvalid('retentionMs', retentionMs, 'a finite number ≥ 0');
  }
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw argumentInvalid('chunkSize', chunkSize, 'an integer ≥ 1');

  // The callbacks below may run once the store exists (another tab upgrading, the browser closing it).
  const opened: { store?: GuideStore } = {};
  let migrationError: unknown;
  let database: IDBPDatabase<EpgDB>;
  try {
    database = await openDB<EpgDB>(name, EPG_DB_VERSION, {
      upgrade(db, oldVersion, newVersion, tx) {
        upgradeEpgDB(db, tx, oldVersion, newVersion ?? EPG_DB_VERSION, (error) => {
          migrationError = error;
        });
      },
      // Another tab wants a newer schema: step aside (this store reports `versionchange` from then on).
      blocking() {
        opened.store?.closeFor('versionchange');
      },
      terminated() {
        opened.store?.closeFor('terminated');
      },
    });
  } catch (error) {
    const reason = describe(migrationError ?? error);
    throw new YiwangError(ErrorSeverity.Critical, ErrorCategory.Epg, ErrorCode.EpgStoreOpenFailed,
      `Cannot open the guide store "${name}": ${reason}`, { name, reason });
  }
  opened.store = new GuideStore(database, name, retentionMs, chunkSize);
  return opened.store;
}
