/**
 * The device's alert state (requirements R3–R9, R12, R16): what to show, in which language, until when,
 * surviving a reload. See `AlertManager` for the contract and `IngestOutcome` for every decision.
 */

import type { IDBPDatabase } from 'idb';
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { Alert } from '../model.js';
import type {
  ActiveAlert, AlertManager, AlertManagerOptions, AlertOrigin, AlertReceipt, DeviceLocation, IngestOutcome,
} from './alert-manager-types.js';
import {
  DEFAULT_ALERT_DB_NAME, isHeldRecord, isMemoryRecord, openAlertDB, type AlertDB, type HeldRecord, type MemoryRecord,
} from './alert-store.js';
import { matchAreas } from './area-match.js';
import { chooseLanguage } from './choose-language.js';

/** CAP leaves a missing `expires` to the receiver; an hour keeps a one-off warning up without going stale. */
export const DEFAULT_ALERT_LIFETIME_MS = 60 * 60 * 1000;
/** Often enough that a clock change expires or starts an alert within seconds; cheap (a handful of alerts). */
export const DEFAULT_CHECK_INTERVAL_MS = 15_000;
/** A healthy IndexedDB opens in well under a second; alerts must not wait longer on a stuck one. */
export const DEFAULT_RESTORE_TIMEOUT_MS = 3_000;
/**
 * How long seen message identities and cancels are remembered: longer than a carousel repeats a message or
 * a late original can plausibly arrive.
 */
export const ALERT_MEMORY_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many seen identities (oldest forgotten first): a busy carousel carries tens, not hundreds. */
export const MAX_SEEN_MESSAGES = 1000;
/** At most this many remembered cancelled references. */
export const MAX_REMEMBERED_CANCELS = 500;

/** setTimeout's longest delay; a later wake-up is re-armed on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const REJECT = {
  duplicate: { accepted: false, reason: 'duplicate' },
  notForThisArea: { accepted: false, reason: 'not-for-this-area' },
  expired: { accepted: false, reason: 'expired' },
  notPublic: { accepted: false, reason: 'not-public' },
  ackOrError: { accepted: false, reason: 'ack-or-error' },
  draft: { accepted: false, reason: 'draft' },
  nothingToCancel: { accepted: false, reason: 'nothing-to-cancel' },
  superseded: { accepted: false, reason: 'superseded' },
  drillSuppressed: { accepted: false, reason: 'drill-suppressed' },
} as const satisfies Record<string, IngestOutcome>;

type Action = 'added' | 'updated' | 'cancelled' | 'extended';

/** One alert held by the box: shown, scheduled, hidden by area, dismissed, or a drill. */
interface Entry {
  readonly id: string;
  readonly alert: Alert;
  readonly drill: boolean;
  readonly origin: AlertOrigin;
  readonly receivedAt: number;
  lifetimeEnd: number;
  presentUntil: number | undefined;
  dismissed: boolean;
  readonly supersedes: readonly string[];
  readonly lineageKeys: ReadonlySet<string>;
  readonly lineageIds: ReadonlySet<string>;
  /** Not `outside` the alert's areas for the current location. */
  inArea: boolean;
  /** The published form, rebuilt after a change. */
  view: ActiveAlert | undefined;
}

/** Test, exercise and system messages (SCTE 18 priority 0 and EB drills arrive as these) never go on `active`. */
function isDrill(alert: Alert): boolean {
  return alert.status === 'test' || alert.status === 'exercise' || alert.status === 'system';
}

function entryId(key: string, drill: boolean): string {
  return `${drill ? 'd' : 'a'}:${key}`;
}

function formatId(format: string, identifier: string): string {
  return `${format}|${identifier}`;
}

function effectiveOf(alert: Alert): number {
  return Number.isFinite(alert.effective) ? alert.effective : alert.sent;
}

/**
 * When an alert starts showing. Only an effective time the sender set later than its sent time schedules
 * the alert; otherwise it shows on arrival even when the box's clock lags (boxes boot with a stale clock).
 */
function startOf(alert: Alert): number {
  const effective = effectiveOf(alert);
  return effective > alert.sent ? effective : -Infinity;
}

/**
 * Expiry: `expires`; else, for an SCTE 18 message, none (its time remaining bounds it, 0 = until updated or
 * cancelled); else effective + the default lifetime (CAP leaves a missing `expires` to the receiver).
 */
function lifetimeEndOf(alert: Alert, defaultLifetimeMs: number): number {
  if (alert.expires !== undefined && Number.isFinite(alert.expires)) return alert.expires;
  if (alert.displaySeconds !== undefined) return Infinity;
  return effectiveOf(alert) + defaultLifetimeMs;
}

/** End of an SCTE 18 bounded presentation starting at `from`. */
function presentUntilOf(alert: Alert, from: number): number | undefined {
  const seconds = alert.displaySeconds;
  return seconds !== undefined && seconds > 0 ? from + seconds * 1000 : undefined;
}

function endOf(entry: Entry): number {
  return Math.min(entry.lifetimeEnd, entry.presentUntil ?? Infinity);
}

/** Level 1 first, then the newest effective, then the latest received. */
function byUrgency(a: Entry, b: Entry): number {
  return a.alert.level - b.alert.level
    || effectiveOf(b.alert) - effectiveOf(a.alert)
    || b.receivedAt - a.receivedAt
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** De-duplication identity: key + msgType + the SCTE 18 sequence when present, else the sent time. */
function identityOf(alert: Alert): string {
  const version = alert.sequence === undefined ? `@${alert.sent}` : `#${alert.sequence}`;
  return `seen:${alert.key}|${alert.msgType}|${version}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sameList(a: readonly ActiveAlert[], b: readonly ActiveAlert[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function intersects(set: ReadonlySet<string>, values: ReadonlySet<string>): boolean {
  for (const v of values) if (set.has(v)) return true;
  return false;
}

class DeviceAlertManager implements AlertManager {
  readonly ready: Promise<void>;
  readonly active: Observable<readonly ActiveAlert[]>;
  readonly drills: Observable<readonly ActiveAlert[]>;
  readonly receipts: Observable<AlertReceipt>;

  private readonly activeSubject = new BehaviorSubject<readonly ActiveAlert[]>([]);
  private readonly drillSubject = new BehaviorSubject<readonly ActiveAlert[]>([]);
  private readonly receiptSubject = new Subject<AlertReceipt>();

  private readonly name: string;
  private readonly now: () => number;
  private readonly defaultLifetimeMs: number;
  private readonly onError: (error: YiwangError) => void;
  private location: DeviceLocation | undefined;
  private languages: readonly string[];
  private drillMode: boolean;

  private readonly entries = new Map<string, Entry>();
  /** Seen message identities, oldest first. */
  private readonly seen = new Map<string, MemoryRecord>();
  /** `key|msgType` → the identity of its last SCTE 18 sequence (only the last one is a duplicate). */
  private readonly lastSequence = new Map<string, string>();
  /** Cancelled references (`cancel:<a|d>:key:<key>` / `cancel:<a|d>:id:<format|identifier>`), oldest first. */
  private readonly cancels = new Map<string, MemoryRecord>();
  private memoryPrunedAt = -Infinity;

  private db: IDBPDatabase<AlertDB> | undefined;
  private heldChanges = new Map<string, HeldRecord | null>();
  private memoryChanges = new Map<string, MemoryRecord | null>();
  private writing: Promise<void> = Promise.resolve();

  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly interval: ReturnType<typeof setInterval>;
  /** A box waking from standby shows its page again: its clock may have moved on by hours. */
  private readonly onVisibilityChange = (): void => {
    this.evaluate();
  };

  constructor(options: AlertManagerOptions) {
    this.name = options.dbName ?? DEFAULT_ALERT_DB_NAME;
    this.now = options.now ?? Date.now;
    this.defaultLifetimeMs = options.defaultLifetimeMs ?? DEFAULT_ALERT_LIFETIME_MS;
    this.onError = options.onError ?? ((error) => console.warn('[yiwang]', error.message));
    this.location = options.location;
    this.languages = options.languages
      ?? (typeof navigator !== 'undefined' && navigator.language ? [navigator.language] : []);
    this.drillMode = options.drillMode ?? false;
    this.active = this.activeSubject.asObservable();
    this.drills = this.drillSubject.asObservable();
    this.receipts = this.receiptSubject.asObservable();

    this.interval = setInterval(() => this.evaluate(), options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.ready = this.restore(options.restoreTimeoutMs ?? DEFAULT_RESTORE_TIMEOUT_MS).then(() => {
      this.evaluate();
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Ingest

  async ingest(alert: Alert, origin: AlertOrigin): Promise<IngestOutcome> {
    this.throwIfClosed();
    await this.ready;
    this.throwIfClosed();
    const outcome = this.decide(alert, origin);
    this.publish();
    this.receiptSubject.next({ key: alert.key, identifier: alert.identifier, origin, outcome, at: this.now() });
    this.arm();
    await this.flush();
    return outcome;
  }

  private decide(alert: Alert, origin: AlertOrigin): IngestOutcome {
    if (alert.msgType === 'ack' || alert.msgType === 'error') return REJECT.ackOrError;
    if (alert.status === 'draft') return REJECT.draft;
    // R3: restricted and private messages are addressed to someone; a box is never the addressee.
    if (alert.scope !== 'public') return REJECT.notPublic;
    const drill = isDrill(alert);
    if (drill && !this.drillMode) return REJECT.drillSuppressed;
    const now = this.now();
    if (this.seen.has(identityOf(alert))) return REJECT.duplicate;
    this.rememberSeen(alert, now);
    const accepted = (action: Action): IngestOutcome => ({ accepted: true, action: drill ? 'drill' : action });

    if (alert.msgType === 'cancel') return this.cancel(alert, drill, now, accepted);
    if (this.cancelledBefore(alert, drill)) return REJECT.superseded;

    // SCTE 18: the same event with a new sequence number only changes how long it stays up.
    const held = this.entries.get(entryId(alert.key, drill));
    if (alert.sequence !== undefined && alert.msgType === 'alert' && held) {
      held.lifetimeEnd = lifetimeEndOf(alert, this.defaultLifetimeMs);
      held.presentUntil = presentUntilOf(alert, Math.max(now, startOf(held.alert)));
      held.view = undefined;
      if (endOf(held) <= now) {
        this.remove(held);
        return REJECT.expired;
      }
      this.markHeld(held);
      return held.inArea ? accepted('extended') : REJECT.notForThisArea;
    }

    // Update (or a newer version under the same key): replaces what it matches, unless that is newer.
    const matches = this.matching(alert, drill);
    const replaced = matches.filter((e) => e.alert.sent <= alert.sent);
    if (replaced.length < matches.length && (replaced.length === 0 || (held && !replaced.includes(held)))) {
      return REJECT.superseded;
    }
    for (const e of replaced) this.remove(e);
    const lifetimeEnd = lifetimeEndOf(alert, this.defaultLifetimeMs);
    // An expired update still ends what it replaces: it is the sender's latest word.
    if (lifetimeEnd <= now) return REJECT.expired;

    replaced.sort((a, b) => a.alert.sent - b.alert.sent);
    const entry: Entry = {
      id: entryId(alert.key, drill),
      alert,
      drill,
      origin,
      receivedAt: now,
      lifetimeEnd,
      presentUntil: presentUntilOf(alert, Math.max(now, startOf(alert))),
      dismissed: false,
      supersedes: replaced.flatMap((e) => [...e.supersedes, e.alert.key]).filter((k) => k !== alert.key),
      lineageKeys: new Set([
        alert.key, ...alert.referenceKeys, ...replaced.flatMap((e) => [...e.lineageKeys]),
      ]),
      lineageIds: new Set([
        formatId(alert.format, alert.identifier),
        ...alert.references.map((r) => formatId(alert.format, r.identifier)),
        ...replaced.flatMap((e) => [...e.lineageIds]),
      ]),
      inArea: matchAreas(alert.areas, this.location) !== 'outside',
      view: undefined,
    };
    this.entries.set(entry.id, entry);
    this.markHeld(entry);
    if (!entry.inArea) return REJECT.notForThisArea;
    return accepted(replaced.length > 0 ? 'updated' : 'added');
  }

  private cancel(alert: Alert, drill: boolean, now: number, accepted: (action: Action) => IngestOutcome): IngestOutcome {
    const matches = this.matching(alert, drill);
    // A cancel sent before the version held does not revoke it: the sender re-issued the alert afterwards.
    const revoked = matches.filter((e) => e.alert.sent <= alert.sent);
    for (const e of revoked) this.remove(e);
    this.rememberCancel(alert, drill, revoked, now);
    if (matches.length === 0) return REJECT.nothingToCancel;
    if (revoked.length === 0) return REJECT.superseded;
    return accepted('cancelled');
  }

  /**
   * Held entries of the same kind (real or drill) a message acts on: those it references, by key or by
   * identifier within its format (R4: senders can differ between an alert and its update), and those that
   * are, or replaced, its own key.
   */
  private matching(alert: Alert, drill: boolean): Entry[] {
    const keys = new Set([alert.key, ...alert.referenceKeys]);
    const ids = new Set(alert.references.map((r) => formatId(alert.format, r.identifier)));
    return [...this.entries.values()].filter((e) => e.drill === drill
      && (intersects(e.lineageKeys, keys) || intersects(e.lineageIds, ids)));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Memory: seen identities and cancels

  private rememberSeen(alert: Alert, now: number): void {
    const id = identityOf(alert);
    if (alert.sequence !== undefined) {
      const event = `${alert.key}|${alert.msgType}`;
      const previous = this.lastSequence.get(event);
      if (previous !== undefined && previous !== id) this.forget(this.seen, previous);
      this.lastSequence.set(event, id);
    }
    this.remember(this.seen, {
      id, kind: 'seen', at: now,
      ...(alert.sequence === undefined ? {} : { key: `${alert.key}|${alert.msgType}`, sequence: alert.sequence }),
    }, MAX_SEEN_MESSAGES);
  }

  /** Remembers what a cancel revoked, so that an older original or update arriving later is not shown. */
  private rememberCancel(alert: Alert, drill: boolean, revoked: readonly Entry[], now: number): void {
    const prefix = `cancel:${drill ? 'd' : 'a'}:`;
    const refs = new Set<string>();
    // Its own key too: some formats cancel under the key of the alert they cancel.
    const keys = [alert.key, ...alert.referenceKeys, ...revoked.flatMap((e) => [...e.lineageKeys])];
    for (const key of keys) refs.add(`${prefix}key:${key}`);
    for (const r of alert.references) refs.add(`${prefix}id:${formatId(alert.format, r.identifier)}`);
    for (const id of refs) {
      const known = this.cancels.get(id)?.sent ?? -Infinity;
      this.remember(this.cancels, { id, kind: 'cancel', at: now, sent: Math.max(known, alert.sent) }, MAX_REMEMBERED_CANCELS);
    }
  }

  /** True when a remembered cancel, sent at or after this message, revoked it or what it updates. */
  private cancelledBefore(alert: Alert, drill: boolean): boolean {
    const prefix = `cancel:${drill ? 'd' : 'a'}:`;
    const refs = [
      ...[alert.key, ...alert.referenceKeys].map((k) => `${prefix}key:${k}`),
      ...[alert.identifier, ...alert.references.map((r) => r.identifier)]
        .map((i) => `${prefix}id:${formatId(alert.format, i)}`),
    ];
    return refs.some((id) => (this.cancels.get(id)?.sent ?? -Infinity) >= alert.sent);
  }

  private remember(map: Map<string, MemoryRecord>, record: MemoryRecord, max: number): void {
    map.delete(record.id); // Re-inserted last: the map stays oldest first.
    map.set(record.id, record);
    this.memoryChanges.set(record.id, record);
    for (const id of map.keys()) {
      if (map.size <= max) break;
      this.forget(map, id);
    }
  }

  private forget(map: Map<string, MemoryRecord>, id: string): void {
    const record = map.get(id);
    if (!record) return;
    map.delete(id);
    this.memoryChanges.set(id, null);
    if (record.key !== undefined && this.lastSequence.get(record.key) === id) this.lastSequence.delete(record.key);
  }

  private pruneMemory(now: number): void {
    if (now - this.memoryPrunedAt < 60_000 && now >= this.memoryPrunedAt) return;
    this.memoryPrunedAt = now;
    for (const map of [this.seen, this.cancels]) {
      for (const [id, record] of [...map]) if (record.at < now - ALERT_MEMORY_MAX_AGE_MS) this.forget(map, id);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Presentation and time

  private remove(entry: Entry): void {
    this.entries.delete(entry.id);
    this.heldChanges.set(entry.id, null);
  }

  private markHeld(entry: Entry): void {
    this.heldChanges.set(entry.id, {
      id: entry.id,
      alert: entry.alert,
      drill: entry.drill,
      origin: entry.origin,
      receivedAt: entry.receivedAt,
      lifetimeEnd: entry.lifetimeEnd,
      ...(entry.presentUntil === undefined ? {} : { presentUntil: entry.presentUntil }),
      dismissed: entry.dismissed,
      supersedes: entry.supersedes,
      lineageKeys: [...entry.lineageKeys],
      lineageIds: [...entry.lineageIds],
    });
  }

  private onScreen(entry: Entry, now: number): boolean {
    return entry.inArea && !entry.dismissed && startOf(entry.alert) <= now && endOf(entry) > now;
  }

  private viewOf(entry: Entry): ActiveAlert {
    if (entry.view) return entry.view;
    const language = chooseLanguage(entry.alert.texts, this.languages);
    const end = endOf(entry);
    entry.view = {
      alert: entry.alert,
      language: language ?? 'und',
      text: (language === undefined ? undefined : entry.alert.texts[language]) ?? { event: entry.alert.event },
      receivedAt: entry.receivedAt,
      drill: entry.drill,
      ...(Number.isFinite(end) ? { until: end } : {}),
      ...(entry.supersedes.length > 0 ? { supersedes: entry.supersedes } : {}),
    };
    return entry.view;
  }

  /** Emits `active` and `drills` when what is on screen changed. */
  private publish(): void {
    if (this.closed) return;
    const now = this.now();
    const shown = [...this.entries.values()].filter((e) => this.onScreen(e, now)).sort(byUrgency);
    const active = shown.filter((e) => !e.drill).map((e) => this.viewOf(e));
    const drills = this.drillMode ? shown.filter((e) => e.drill).map((e) => this.viewOf(e)) : [];
    if (!sameList(active, this.activeSubject.value)) this.activeSubject.next(active);
    if (!sameList(drills, this.drillSubject.value)) this.drillSubject.next(drills);
  }

  /** Drops what ended, shows what started, re-arms the timer. Runs on the timer, periodically and on visibility. */
  private evaluate(): void {
    if (this.closed) return;
    const now = this.now();
    for (const entry of [...this.entries.values()]) if (endOf(entry) <= now) this.remove(entry);
    this.pruneMemory(now);
    this.publish();
    this.arm();
    void this.flush();
  }

  /** One timer for the next start or end among held alerts. */
  private arm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    const now = this.now();
    let next = Infinity;
    for (const entry of this.entries.values()) {
      const start = startOf(entry.alert);
      if (start > now) next = Math.min(next, start);
      next = Math.min(next, endOf(entry));
    }
    if (next === Infinity) return;
    this.timer = setTimeout(() => this.evaluate(), Math.min(Math.max(next - now, 0), MAX_TIMER_MS));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Settings and dismissal

  setLocation(location: DeviceLocation): void {
    if (this.closed) return;
    this.location = location;
    for (const entry of this.entries.values()) {
      entry.inArea = matchAreas(entry.alert.areas, location) !== 'outside';
    }
    this.publish();
  }

  setLanguages(languages: readonly string[]): void {
    if (this.closed) return;
    this.languages = [...languages];
    for (const entry of this.entries.values()) entry.view = undefined;
    this.publish();
  }

  setDrillMode(enabled: boolean): void {
    if (this.closed || enabled === this.drillMode) return;
    this.drillMode = enabled;
    if (!enabled) for (const entry of [...this.entries.values()]) if (entry.drill) this.remove(entry);
    this.publish();
    this.arm();
    void this.flush();
  }

  async dismiss(key: string): Promise<boolean> {
    await this.ready;
    if (this.closed) return false;
    const now = this.now();
    const dismissed = [...this.entries.values()].filter((e) => e.alert.key === key && this.onScreen(e, now)
      && (e.drill || e.alert.level !== 1));
    for (const entry of dismissed) {
      entry.dismissed = true;
      this.markHeld(entry);
    }
    if (dismissed.length === 0) return false;
    this.publish();
    await this.flush();
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    clearInterval(this.interval);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.activeSubject.complete();
    this.drillSubject.complete();
    this.receiptSubject.complete();
    // Writes already queued finish first (an awaited ingest is stored before it resolves).
    const db = this.db;
    this.db = undefined;
    if (db) void this.writing.then(() => db.close());
  }

  private throwIfClosed(): void {
    if (!this.closed) return;
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Alerts, ErrorCode.AlertManagerClosed,
      `The alert manager "${this.name}" is closed`, { name: this.name });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Persistence

  private report(operation: 'open' | 'restore' | 'write', reason: string): void {
    this.onError(new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Alerts, ErrorCode.AlertStoreFailed,
      `The alert store "${this.name}" failed to ${operation} (${reason}); alerts are kept in memory only and `
      + 'will not survive a reload', { name: this.name, operation, reason }));
  }

  /**
   * Opens the database and merges what it holds. When IndexedDB does not answer within `timeoutMs`, `ready`
   * resolves without it; if the database opens later, what it holds is merged then and writing resumes.
   */
  private async restore(timeoutMs: number): Promise<void> {
    if (typeof indexedDB === 'undefined') {
      this.report('open', 'IndexedDB is not available');
      return;
    }
    const state = { late: false };
    // Never rejects: every failure is reported and the manager goes on in memory.
    const work = (async () => {
      let db: IDBPDatabase<AlertDB> | undefined;
      try {
        db = await openAlertDB(this.name, { lost: (reason) => this.lose(db, reason) });
      } catch (error) {
        this.report('open', describe(error));
        return;
      }
      try {
        const tx = db.transaction(['held', 'memory'], 'readonly');
        const [held, memory] = await Promise.all([tx.objectStore('held').getAll(), tx.objectStore('memory').getAll(), tx.done]);
        if (this.closed) {
          db.close();
          return;
        }
        this.db = db;
        this.load(held, memory, state.late);
      } catch (error) {
        this.db = undefined;
        db.close();
        this.report('restore', describe(error));
      }
      if (state.late) this.evaluate();
    })();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timeout = setTimeout(() => resolve(true), timeoutMs);
    });
    if (await Promise.race([work.then(() => false), timedOut])) {
      state.late = true;
      this.report('open', `no answer within ${timeoutMs} ms`);
    }
    clearTimeout(timeout);
  }

  /** The browser closed the database, or another tab needs a newer schema: step aside, go on in memory. */
  private lose(db: IDBPDatabase<AlertDB> | undefined, reason: 'versionchange' | 'terminated'): void {
    if (db && this.db === db) {
      this.db = undefined;
      db.close();
      if (!this.closed) this.report('write', reason === 'versionchange' ? 'another tab opened a newer schema' : 'the browser closed the database');
    }
  }

  /**
   * Merges stored records into memory, dropping expired, superseded and unusable ones. `late`: alerts were
   * ingested meanwhile (they win over stored ones) and everything held is written back.
   */
  private load(held: readonly unknown[], memory: readonly unknown[], late: boolean): void {
    const now = this.now();
    // Oldest first, then anything remembered meanwhile (late) stays newest.
    const records = memory.filter(isMemoryRecord).sort((a, b) => a.at - b.at);
    const live = { seen: [...this.seen.values()], cancels: [...this.cancels.values()] };
    this.seen.clear();
    this.cancels.clear();
    for (const record of records) {
      const map = record.kind === 'seen' ? this.seen : this.cancels;
      if (record.at < now - ALERT_MEMORY_MAX_AGE_MS) {
        this.memoryChanges.set(record.id, null);
        continue;
      }
      map.set(record.id, record);
      if (record.key !== undefined) {
        const previous = this.lastSequence.get(record.key);
        if (previous !== undefined && previous !== record.id) this.forget(this.seen, previous);
        this.lastSequence.set(record.key, record.id);
      }
    }
    for (const record of live.seen) this.remember(this.seen, record, MAX_SEEN_MESSAGES);
    for (const record of live.cancels) this.remember(this.cancels, record, MAX_REMEMBERED_CANCELS);
    for (const [map, max] of [[this.seen, MAX_SEEN_MESSAGES], [this.cancels, MAX_REMEMBERED_CANCELS]] as const) {
      for (const id of [...map.keys()]) {
        if (map.size <= max) break;
        this.forget(map, id);
      }
    }
    for (const value of held) {
      if (!isHeldRecord(value)) {
        const id = (value as { id?: unknown } | undefined)?.id;
        if (typeof id === 'string') this.heldChanges.set(id, null);
        continue;
      }
      const entry: Entry = {
        id: value.id,
        alert: value.alert,
        drill: value.drill,
        origin: value.origin,
        receivedAt: value.receivedAt,
        lifetimeEnd: value.lifetimeEnd,
        presentUntil: value.presentUntil,
        dismissed: value.dismissed,
        supersedes: value.supersedes,
        lineageKeys: new Set(value.lineageKeys),
        lineageIds: new Set(value.lineageIds),
        inArea: matchAreas(value.alert.areas, this.location) !== 'outside',
        view: undefined,
      };
      const live = this.entries.get(entry.id);
      const overtaken = live !== undefined || [...this.entries.values()].some((e) => e.drill === entry.drill
        && e.lineageKeys.has(entry.alert.key) && e.alert.sent >= entry.alert.sent);
      if (overtaken || endOf(entry) <= now || (entry.drill && !this.drillMode) || this.cancelledBefore(entry.alert, entry.drill)) {
        if (!live) this.heldChanges.set(entry.id, null);
        continue;
      }
      this.entries.set(entry.id, entry);
    }
    if (late) {
      for (const entry of this.entries.values()) this.markHeld(entry);
      for (const record of [...this.seen.values(), ...this.cancels.values()]) this.memoryChanges.set(record.id, record);
    }
  }

  /** Writes the pending changes in one transaction after those before; resolves once committed. */
  private flush(): Promise<void> {
    const db = this.db;
    if (!db) {
      // In memory only, or not restored yet: a database that opens late gets everything held written back.
      this.heldChanges.clear();
      this.memoryChanges.clear();
      return this.writing;
    }
    if (this.heldChanges.size === 0 && this.memoryChanges.size === 0) return this.writing;
    const held = this.heldChanges;
    const memory = this.memoryChanges;
    this.heldChanges = new Map();
    this.memoryChanges = new Map();
    this.writing = this.writing.then(() => this.write(db, held, memory));
    return this.writing;
  }

  private async write(
    db: IDBPDatabase<AlertDB>, held: ReadonlyMap<string, HeldRecord | null>, memory: ReadonlyMap<string, MemoryRecord | null>,
  ): Promise<void> {
    try {
      // Strict durability: a level-1 alert acknowledged as stored must survive a power cut right after.
      const tx = db.transaction(['held', 'memory'], 'readwrite', { durability: 'strict' });
      const heldStore = tx.objectStore('held');
      const memoryStore = tx.objectStore('memory');
      await Promise.all([
        ...[...held].map(([id, record]) => (record ? heldStore.put(record) : heldStore.delete(id))),
        ...[...memory].map(([id, record]) => (record ? memoryStore.put(record) : memoryStore.delete(id))),
        tx.done,
      ]);
    } catch (error) {
      if (this.db === db) this.report('write', describe(error));
    }
  }
}

/**
 * Creates the device's alert manager and starts restoring what the last run held.
 *
 * ```ts
 * const alerts = createAlertManager({ location: { regionCode: '110105' } });
 * alerts.active.subscribe((list) => overlay.show(list[0]));
 * await alerts.ingest(parseAlert(xml), 'broadcast');
 * ```
 */
export function createAlertManager(options: AlertManagerOptions = {}): AlertManager {
  return new DeviceAlertManager(options);
}
