/**
 * The alert manager's IndexedDB schema (requirement R16: alerts survive standby and reboot). Each schema
 * version has one upgrade step; add a version by appending a step, never edit a shipped one.
 *
 * - `held`: every alert the box holds (shown, scheduled, hidden by area, dismissed, drills), by internal id.
 * - `memory`: what must be remembered after an alert is gone, bounded in number and age: message identities
 *   seen (de-duplication of carousel repeats) and cancels (so a late original or update is not shown).
 */

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Alert } from '../model.js';
import type { AlertOrigin } from './alert-manager-types.js';

export const ALERT_DB_VERSION = 1;

/** Database name used when the manager is given none. */
export const DEFAULT_ALERT_DB_NAME = 'yiwang-alerts';

export interface HeldRecord {
  /** `a:<key>` for real alerts, `d:<key>` for drills (the two never act on each other). */
  readonly id: string;
  readonly alert: Alert;
  readonly drill: boolean;
  readonly origin: AlertOrigin;
  readonly receivedAt: number;
  /** Expiry (ms; Infinity = until updated or cancelled). */
  readonly lifetimeEnd: number;
  /** End of an SCTE 18 presentation time (ms), when bounded. */
  readonly presentUntil?: number;
  readonly dismissed: boolean;
  /** Keys of earlier versions this one replaced, oldest first. */
  readonly supersedes: readonly string[];
  /** Keys and `format|identifier`s this alert answers to: its own and those it replaced or referenced. */
  readonly lineageKeys: readonly string[];
  readonly lineageIds: readonly string[];
}

/** A message identity seen (`seen:<identity>`) or a cancelled reference (`cancel:<class>:<ref>`). */
export interface MemoryRecord {
  readonly id: string;
  readonly kind: 'seen' | 'cancel';
  /** When it was recorded (ms), for age and count bounds. */
  readonly at: number;
  /** seen: the message key and msgType, to keep only the last SCTE 18 sequence per event. */
  readonly key?: string;
  readonly sequence?: number;
  /** cancel: the cancel's sent time; messages sent at or before it are stale. */
  readonly sent?: number;
}

export interface AlertDB extends DBSchema {
  held: { key: string; value: HeldRecord };
  memory: { key: string; value: MemoryRecord };
}

type Upgrade = (db: IDBPDatabase<AlertDB>) => void;

const UPGRADES: readonly Upgrade[] = [
  // 0 → 1
  (db) => {
    db.createObjectStore('held', { keyPath: 'id' });
    db.createObjectStore('memory', { keyPath: 'id' });
  },
];

export interface OpenAlertDBCallbacks {
  /** Another tab opened a newer schema, or the browser closed the database. */
  readonly lost: (reason: 'versionchange' | 'terminated') => void;
}

/** Opens (creating or migrating) the alert database. */
export function openAlertDB(name: string, callbacks: OpenAlertDBCallbacks): Promise<IDBPDatabase<AlertDB>> {
  return openDB<AlertDB>(name, ALERT_DB_VERSION, {
    upgrade(db, oldVersion) {
      for (let version = oldVersion; version < ALERT_DB_VERSION; version++) UPGRADES[version]?.(db);
    },
    blocking() {
      callbacks.lost('versionchange');
    },
    terminated() {
      callbacks.lost('terminated');
    },
  });
}

/** A stored record still usable by this version (records written by a broken or foreign writer are skipped). */
export function isHeldRecord(value: unknown): value is HeldRecord {
  const r = value as Partial<HeldRecord> | undefined;
  return typeof r?.id === 'string' && typeof r.alert?.key === 'string' && typeof r.receivedAt === 'number'
    && typeof r.lifetimeEnd === 'number' && Array.isArray(r.lineageKeys) && Array.isArray(r.lineageIds)
    && Array.isArray(r.supersedes) && Array.isArray(r.alert.areas) && typeof r.alert.texts === 'object';
}

export function isMemoryRecord(value: unknown): value is MemoryRecord {
  const r = value as Partial<MemoryRecord> | undefined;
  return typeof r?.id === 'string' && (r.kind === 'seen' || r.kind === 'cancel') && typeof r.at === 'number';
}
