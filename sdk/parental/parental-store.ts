/**
 * Parental settings in IndexedDB: one record holding the PIN hash (never the PIN), the rating threshold,
 * locked channels, the viewing window and the wrong-PIN count and lock-out, so a reload or another app on the
 * box sees the same state. Changes are read-modify-writes inside one transaction.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { TimeWindow } from '../ca/ca-module.js';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import type { PinHash } from './pin-hash.js';

/** Database name used when `openParentalControl` is given none. */
export const DEFAULT_PARENTAL_DB_NAME = 'yiwang-parental';

export interface ParentalRecord {
  readonly pin?: PinHash;
  readonly ratingThreshold?: number;
  readonly lockedChannels: readonly string[];
  readonly viewingWindow?: TimeWindow;
  readonly failedAttempts: number;
  readonly lockedUntil?: number;
  /** When the lock-out began, on the wall clock that wrote it (to notice that clock going back). */
  readonly lockedAt?: number;
}

interface StoredParentalRecord extends ParentalRecord {
  readonly key: 'settings';
}

interface ParentalDB extends DBSchema {
  settings: { key: 'settings'; value: StoredParentalRecord };
}

type UpgradeTransaction = IDBPTransaction<ParentalDB, StoreNames<ParentalDB>[], 'versionchange'>;

interface Migration {
  readonly version: number;
  readonly description: string;
  upgrade(db: IDBPDatabase<ParentalDB>, tx: UpgradeTransaction): void;
}

/** Schema steps, oldest first. Add a version by appending a step; never edit a shipped one. */
const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'settings: one record (PIN hash, rating, locked channels, viewing window, wrong PINs, lock-out)',
    upgrade(db) {
      db.createObjectStore('settings', { keyPath: 'key' });
    },
  },
];

const PARENTAL_DB_VERSION = migrations.reduce((v, m) => Math.max(v, m.version), 0);

export const EMPTY_PARENTAL_RECORD: ParentalRecord = { lockedChannels: [], failedAttempts: 0 };

function storeFailed(name: string, operation: string, error: unknown): YiwangError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Parental, ErrorCode.ParentalStoreFailed,
    `Parental settings "${name}" could not ${operation}: ${reason}`, { name, operation, reason });
}

function withoutKey(stored: StoredParentalRecord | undefined): ParentalRecord {
  if (!stored) return EMPTY_PARENTAL_RECORD;
  return {
    pin: stored.pin, ratingThreshold: stored.ratingThreshold, lockedChannels: stored.lockedChannels,
    viewingWindow: stored.viewingWindow, failedAttempts: stored.failedAttempts, lockedUntil: stored.lockedUntil,
    lockedAt: stored.lockedAt,
  };
}

export class ParentalStore {
  private constructor(private readonly db: IDBPDatabase<ParentalDB>, readonly name: string) {}

  /** Opens (creating or migrating) the database; rejects `ParentalStoreFailed` (operation `open`). */
  static async open(name: string): Promise<ParentalStore> {
    try {
      const db = await openDB<ParentalDB>(name, PARENTAL_DB_VERSION, {
        upgrade(database, oldVersion, newVersion, tx) {
          for (const step of migrations) {
            if (step.version > oldVersion && step.version <= (newVersion ?? PARENTAL_DB_VERSION)) step.upgrade(database, tx);
          }
        },
        // A newer schema elsewhere: close so its upgrade can proceed; later calls fail with ParentalStoreFailed.
        blocking() {
          db.close();
        },
      });
      return new ParentalStore(db, name);
    } catch (error) {
      throw storeFailed(name, 'open', error);
    }
  }

  async read(): Promise<ParentalRecord> {
    try {
      return withoutKey(await this.db.get('settings', 'settings'));
    } catch (error) {
      throw storeFailed(this.name, 'read', error);
    }
  }

  /**
   * Applies `change` to the stored record inside one readwrite transaction (other writers wait for it), and
   * returns the record then stored. A `change` returning the record it was given writes nothing.
   */
  async update(operation: string, change: (record: ParentalRecord) => ParentalRecord): Promise<ParentalRecord> {
    try {
      const tx = this.db.transaction('settings', 'readwrite');
      const current = withoutKey(await tx.store.get('settings'));
      const next = change(current);
      if (next !== current) await tx.store.put({ ...next, key: 'settings' });
      await tx.done;
      return next;
    } catch (error) {
      throw storeFailed(this.name, operation, error);
    }
  }

  close(): void {
    this.db.close();
  }
}
