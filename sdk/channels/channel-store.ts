/**
 * The viewer's channel preferences in IndexedDB: favourites (in the order added) and recents (newest first).
 * Lists hold channel ids, including ids the current lineup lacks: a channel the headend drops for a while
 * keeps its place when it comes back. Every change is a read-modify-write in one transaction, so two apps on
 * the same database never overwrite each other's additions.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';

/** Database name used when `openLineup` is given none. */
export const DEFAULT_CHANNEL_DB_NAME = 'yiwang-channels';

export type ChannelListName = 'favourites' | 'recents';

interface ChannelListRecord {
  readonly name: ChannelListName;
  readonly ids: readonly string[];
}

interface ChannelDB extends DBSchema {
  lists: { key: ChannelListName; value: ChannelListRecord };
}

type UpgradeTransaction = IDBPTransaction<ChannelDB, StoreNames<ChannelDB>[], 'versionchange'>;

interface Migration {
  readonly version: number;
  readonly description: string;
  upgrade(db: IDBPDatabase<ChannelDB>, tx: UpgradeTransaction): void;
}

/** Schema steps, oldest first. Add a version by appending a step; never edit a shipped one. */
const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'lists: favourites and recents as id arrays, keyed by list name',
    upgrade(db) {
      db.createObjectStore('lists', { keyPath: 'name' });
    },
  },
];

const CHANNEL_DB_VERSION = migrations.reduce((v, m) => Math.max(v, m.version), 0);

export interface ChannelLists {
  readonly favourites: readonly string[];
  readonly recents: readonly string[];
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function storeFailed(name: string, operation: string, error: unknown): YiwangError {
  const reason = describe(error);
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Channels, ErrorCode.ChannelStoreFailed,
    `Channel preferences "${name}" could not ${operation}: ${reason}`, { name, operation, reason });
}

export class ChannelStore {
  private constructor(private readonly db: IDBPDatabase<ChannelDB>, readonly name: string) {}

  /** Opens (creating or migrating) the database; rejects `ChannelStoreFailed` (operation `open`). */
  static async open(name: string): Promise<ChannelStore> {
    try {
      const db = await openDB<ChannelDB>(name, CHANNEL_DB_VERSION, {
        upgrade(database, oldVersion, newVersion, tx) {
          for (const step of migrations) {
            if (step.version > oldVersion && step.version <= (newVersion ?? CHANNEL_DB_VERSION)) step.upgrade(database, tx);
          }
        },
        // A newer schema elsewhere: close so its upgrade can proceed; later calls fail with ChannelStoreFailed.
        blocking() {
          db.close();
        },
      });
      return new ChannelStore(db, name);
    } catch (error) {
      throw storeFailed(name, 'open', error);
    }
  }

  async read(): Promise<ChannelLists> {
    try {
      const tx = this.db.transaction('lists', 'readonly');
      const [favourites, recents] = await Promise.all([tx.store.get('favourites'), tx.store.get('recents')]);
      await tx.done;
      return { favourites: favourites?.ids ?? [], recents: recents?.ids ?? [] };
    } catch (error) {
      throw storeFailed(this.name, 'read', error);
    }
  }

  /** Applies `change` to the stored list inside one transaction and returns the list written. */
  async update(list: ChannelListName, change: (ids: readonly string[]) => readonly string[]): Promise<readonly string[]> {
    try {
      const tx = this.db.transaction('lists', 'readwrite');
      const stored = await tx.store.get(list);
      const ids = change(stored?.ids ?? []);
      await tx.store.put({ name: list, ids: [...ids] });
      await tx.done;
      return ids;
    } catch (error) {
      throw storeFailed(this.name, `write ${list}`, error);
    }
  }

  close(): void {
    this.db.close();
  }
}
