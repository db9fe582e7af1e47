import type { Observable } from 'rxjs';
import type { YiwangError } from '../../errors/yiwang-error.js';
import type { Alert, AlertText, GeoPoint } from '../model.js';

/**
 * Where the box is, for targeting (R8). Any part may be unknown; an unknown part matches nothing narrower.
 *
 * Each kind of alert area is checked against the part it needs: region codes against `regionCode`, polygons
 * and circles against `point`, SCTE 18 / SAME location codes against `scte18`. An alert is for this box when
 * any of its areas matches; it is `not-for-this-area` when the box knows at least one kind of location the
 * alert uses and none matches. When the box knows none of the kinds the alert uses (say the alert has only
 * polygons and the box has no point), the alert is shown: for an emergency, not knowing errs towards showing.
 * An alert with no areas is for everywhere.
 */
export interface DeviceLocation {
  /**
   * Administrative region code: 6 digits (GB/T 2260) or 12 digits (down to village), matched by prefix;
   * trailing zero levels mean the whole region (`110000` = all of Beijing). An alert for a region covers
   * every device inside it; a device known only to a coarser level (`110000`) is not covered by an alert for
   * a narrower region (`110105`).
   */
  readonly regionCode?: string;
  readonly point?: GeoPoint;
  /** SCTE 18 location (FIPS state, county subdivision, county); 0 in an alert is a wildcard. */
  readonly scte18?: { readonly state: number; readonly subdivision: number; readonly county: number };
}

/** Where an alert came from: the headend over MQTT, in-band sections through the platform adapter, or the app. */
export type AlertOrigin = 'broadcast' | 'inband' | 'local';

/**
 * What ingest decided.
 *
 * Accepted: `added` (new, shown now or from its effective time), `updated` (replaced the alert(s) it
 * references, or an earlier version with the same key, in place), `cancelled` (removed the referenced
 * alerts), `extended` (an SCTE 18 repeat of a held event with a new sequence number: only the presentation
 * time changed), `drill` (a test, exercise or system message taken on the drill path: drill mode is on).
 *
 * Not accepted: `duplicate` (same key, sent and msgType, or the same SCTE 18 sequence, seen before);
 * `not-for-this-area` (held, but hidden until `setLocation` moves the box into its area); `expired` (already
 * past its expiry; an expired Update still removes what it references); `not-public` (scope restricted or
 * private: never addressed to a box); `ack-or-error`; `draft`; `nothing-to-cancel` (nothing held matches: the
 * cancel is remembered, so the original arriving late is not shown); `superseded` (stale: a newer version,
 * update or cancel of the same alert was already received); `drill-suppressed` (test, exercise or system
 * message while drill mode is off).
 */
export type IngestOutcome =
  | { readonly accepted: true; readonly action: 'added' | 'updated' | 'cancelled' | 'extended' | 'drill' }
  | {
    readonly accepted: false;
    readonly reason: 'duplicate' | 'not-for-this-area' | 'expired' | 'not-public' | 'ack-or-error' | 'draft'
      | 'nothing-to-cancel' | 'superseded' | 'drill-suppressed';
  };

/** An alert as the screen should show it: the text in the chosen language. */
export interface ActiveAlert {
  readonly alert: Alert;
  /** Language chosen: the device language, then zh-CN (zh, zho, chi), then the first given. */
  readonly language: string;
  readonly text: AlertText;
  /** When this device accepted it (ms). */
  readonly receivedAt: number;
  /** Test, exercise or drill (演练): only ever on the `drills` stream. */
  readonly drill: boolean;
  /**
   * When it leaves the screen unless updated, extended or cancelled (ms): `expires` bounded by an SCTE 18
   * `displaySeconds` (counted from arrival or the effective time); without `expires`, the `displaySeconds`
   * alone, else effective + `defaultLifetimeMs`. Absent: until updated or cancelled (SCTE 18 time remaining 0
   * and no expiry).
   */
  readonly until?: number;
  /** Keys of the earlier versions this one replaced (Update in place), oldest first. */
  readonly supersedes?: readonly string[];
}

/** What the return path reports for each message (R18, receipts to the operator). */
export interface AlertReceipt {
  readonly key: string;
  readonly identifier: string;
  readonly origin: AlertOrigin;
  readonly outcome: IngestOutcome;
  readonly at: number;
}

export interface AlertManagerOptions {
  /** IndexedDB database for the active set. Default `yiwang-alerts`. */
  readonly dbName?: string;
  readonly location?: DeviceLocation;
  /** Preferred languages, most wanted first. Default: navigator.language, then zh-CN. */
  readonly languages?: readonly string[];
  /** Show tests and drills (labelled 演练) on the `drills` stream. Default false: they are dropped. */
  readonly drillMode?: boolean;
  /**
   * How long an alert without `expires` stays up, from its effective time. Default 1 hour (CAP leaves it to
   * the receiver). Not applied to SCTE 18 messages (`displaySeconds` set), which carry their own time.
   */
  readonly defaultLifetimeMs?: number;
  /** Clock, for tests. Default Date.now. */
  readonly now?: () => number;
  /**
   * How often the manager re-reads the clock besides its own timers, so that a clock set forwards or back
   * (NTP, the EB clock-set command, standby) expires or starts alerts on time. It also re-checks whenever the
   * page becomes visible. Default 15 s.
   */
  readonly checkIntervalMs?: number;
  /**
   * How long `ready` waits for IndexedDB before the manager goes on in memory (alerts must not wait on a
   * stuck database). Default 3 s.
   */
  readonly restoreTimeoutMs?: number;
  /**
   * Told when the alert store cannot be opened, read or written (`AlertStoreFailed`): the manager keeps
   * working in memory, but alerts will not survive a reload. Default: a console warning.
   */
  readonly onError?: (error: YiwangError) => void;
}

/**
 * The device's alert state. Ingest decides (de-duplicate, update, cancel, expire, target, choose
 * language, route drills), persists the active set in IndexedDB and restores it after a reload, and
 * publishes the active set ordered by level (1 first), then by effective time (newest first).
 */
export interface AlertManager {
  /**
   * Resolves once the persisted active set has been restored (expired alerts dropped). Never rejects: without
   * a usable IndexedDB the manager works in memory and reports through `onError`.
   */
  readonly ready: Promise<void>;
  /**
   * Decides on one message (see `IngestOutcome`), publishes the change on `active`/`drills` and a receipt at
   * once, and resolves once the change is stored (it then survives a reload). Waits for `ready` first.
   * Messages only ever act on their own kind: a test or exercise message never updates, cancels or
   * suppresses a real alert. Rejects with `AlertManagerClosed` after `close()`.
   */
  ingest(alert: Alert, origin: AlertOrigin): Promise<IngestOutcome>;
  /** The real alerts to show, most urgent first; emits the current set on subscribe and on every change. */
  readonly active: Observable<readonly ActiveAlert[]>;
  /** Tests and drills, only when drill mode is on. */
  readonly drills: Observable<readonly ActiveAlert[]>;
  /** One receipt per ingested message, for return-path reporting. */
  readonly receipts: Observable<AlertReceipt>;
  /** Re-checks the area of every held alert: ones no longer for this place are hidden, ones now for it shown. */
  setLocation(location: DeviceLocation): void;
  /** Re-chooses the language of every held alert. */
  setLanguages(languages: readonly string[]): void;
  /** Turning drill mode off drops the held drills. */
  setDrillMode(enabled: boolean): void;
  /**
   * Removes an alert on screen (active or drill) for this device, persisted; an update to it shows again.
   * Resolves false when nothing with that key is on screen, and for a real level-1 alert, which is never
   * user-dismissable (R12: never at maximum priority). The overlay enforces the minimum display time.
   */
  dismiss(key: string): Promise<boolean>;
  /** Stops timers, completes the streams and closes the database. Idempotent. */
  close(): void;
}
