import type { Observable } from 'rxjs';
import type { Alert, AlertText, GeoPoint } from '../model.js';

/** Where the box is, for targeting. Any part may be unknown; an unknown part matches nothing narrower. */
export interface DeviceLocation {
  /** Administrative region code: 6 digits (GB/T 2260) or 12 digits (down to village), matched by prefix. */
  readonly regionCode?: string;
  readonly point?: GeoPoint;
  /** SCTE 18 location (FIPS state, county subdivision, county); 0 in an alert is a wildcard. */
  readonly scte18?: { readonly state: number; readonly subdivision: number; readonly county: number };
}

/** Where an alert came from: the headend over MQTT, in-band sections through the platform adapter, or the app. */
export type AlertOrigin = 'broadcast' | 'inband' | 'local';

export type IngestOutcome =
  | { readonly accepted: true; readonly action: 'added' | 'updated' | 'cancelled' | 'extended' | 'drill' }
  | {
    readonly accepted: false;
    readonly reason: 'duplicate' | 'not-for-this-area' | 'expired' | 'not-public' | 'ack-or-error' | 'draft'
      | 'nothing-to-cancel';
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
  /** How long an alert without `expires` stays up. Default 1 hour (CAP leaves it to the receiver). */
  readonly defaultLifetimeMs?: number;
  /** Clock, for tests. Default Date.now. */
  readonly now?: () => number;
}

/**
 * The device's alert state. Ingest decides (de-duplicate, update, cancel, expire, target, choose
 * language, route drills), persists the active set in IndexedDB and restores it after a reload, and
 * publishes the active set ordered by level (1 first), then by effective time (newest first).
 */
export interface AlertManager {
  /** Resolves once the persisted active set has been restored. */
  readonly ready: Promise<void>;
  ingest(alert: Alert, origin: AlertOrigin): Promise<IngestOutcome>;
  /** The real alerts to show, most urgent first; emits the current set on subscribe and on every change. */
  readonly active: Observable<readonly ActiveAlert[]>;
  /** Tests and drills, only when drill mode is on. */
  readonly drills: Observable<readonly ActiveAlert[]>;
  /** One receipt per ingested message, for return-path reporting. */
  readonly receipts: Observable<AlertReceipt>;
  setLocation(location: DeviceLocation): void;
  setLanguages(languages: readonly string[]): void;
  setDrillMode(enabled: boolean): void;
  /** Removes an alert from the screen for this device (the overlay enforces the minimum display time). */
  dismiss(key: string): Promise<boolean>;
  close(): void;
}
