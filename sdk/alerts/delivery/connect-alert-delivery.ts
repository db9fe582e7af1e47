/**
 * Device side of alert delivery: an MQTT (over WebSocket) subscription to the headend's region topics that
 * feeds every alert into the AlertManager as `broadcast`.
 *
 * - One persistent session (clean: false) under a stable client id, so alerts published while the box was
 *   offline or rebooting are queued by the broker and delivered on reconnect; QoS 1 subscriptions to the
 *   device's region chain (country → province → city → county), each `…/a/+`.
 * - Each message is acknowledged only after the manager has taken it (or after `ingestTimeoutMs`), so a
 *   crash between receipt and persistence makes the broker send it again; the manager drops repeats.
 * - A bad payload is logged and counted, never thrown; the client reconnects by itself.
 *
 * mqtt.js is loaded on first use (a dynamic import), so apps that never connect do not pay for it.
 */
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { AlertManager, DeviceLocation } from '../manager/alert-manager-types.js';
import { parseAlert } from '../formats/alert-format-registry.js';
import { decodeDeliveryMessage } from './alert-delivery-message.js';
import { deviceAlertSubscriptions } from './alert-topics.js';

export interface AlertDeliveryOptions {
  /** The headend's MQTT-over-WebSocket endpoint, e.g. `ws://headend.example:8080/mqtt`. */
  readonly url: string;
  /** Where the box is; its region code chooses the subscriptions. */
  readonly location: DeviceLocation;
  /**
   * Stable MQTT client id (the broker keeps the session under it). Default: one generated per box and
   * kept in localStorage (`yiwang.alerts.clientId`); where there is no localStorage, one per call.
   */
  readonly clientId?: string;
  /** Delay between reconnect attempts. Default 2000 ms. */
  readonly reconnectPeriodMs?: number;
  /** How long a message may wait for `ingest` before it is acknowledged anyway. Default 10 s. */
  readonly ingestTimeoutMs?: number;
  /** Broker credentials, when the operator's broker wants them. */
  readonly username?: string;
  readonly password?: string;
}

export interface AlertDeliveryStats {
  /** Messages with a payload (cleared retained messages are not counted). */
  readonly received: number;
  /** Messages handed to the manager. */
  readonly ingested: number;
  /** Payloads that were not a delivery message or did not parse as an alert. */
  readonly malformed: number;
  /** Ingests that threw or timed out. */
  readonly ingestFailed: number;
}

export interface AlertDelivery {
  /** True while connected to the broker; emits the current state on subscribe. Completes on close. */
  readonly connected: Observable<boolean>;
  /** The counters so far. */
  stats(): AlertDeliveryStats;
  /** The topics subscribed to (or to be subscribed to on connect). */
  subscriptions(): readonly string[];
  /** Follows a new location: subscribes to the new chain and unsubscribes what is no longer in it. */
  setLocation(location: DeviceLocation): Promise<void>;
  /** Disconnects; the broker keeps the session (and queues alerts) for the next connect. */
  close(): Promise<void>;
}

const CLIENT_ID_KEY = 'yiwang.alerts.clientId';

function randomClientId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `yw-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A client id that survives reloads where the page has localStorage. */
function stableClientId(): string {
  try {
    const storage = (globalThis as { localStorage?: Storage }).localStorage;
    if (storage) {
      const existing = storage.getItem(CLIENT_ID_KEY);
      if (existing !== null && existing !== '') return existing;
      const id = randomClientId();
      storage.setItem(CLIENT_ID_KEY, id);
      return id;
    }
  } catch {
    // Storage disabled (private mode, sandboxed frame): fall through to a per-call id.
  }
  return randomClientId();
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Connects a manager to the headend's alert topics. Returns at once; the connection is made in the background. */
export function connectAlertDelivery(
  manager: Pick<AlertManager, 'ingest'>,
  options: AlertDeliveryOptions,
): AlertDelivery {
  const clientId = options.clientId ?? stableClientId();
  const ingestTimeoutMs = options.ingestTimeoutMs ?? 10_000;
  const state = new BehaviorSubject<boolean>(false);
  const counts = { received: 0, ingested: 0, malformed: 0, ingestFailed: 0 };
  let topics = deviceAlertSubscriptions(options.location);
  /** Whether this connection has subscribed at least once (a stored session may hold another location's). */
  let subscribedHere = false;
  let closed = false;
  let client: MqttClient | undefined;

  const subscribe = async (c: MqttClient, wanted: readonly string[]): Promise<void> => {
    const grants = await c.subscribeAsync([...wanted], { qos: 1 });
    for (const grant of grants) {
      if (grant.qos > 1) console.warn(`[alerts] broker refused the subscription to ${grant.topic}`);
    }
  };

  const ingestWithTimeout = async (run: () => Promise<unknown>): Promise<void> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`ingest did not finish within ${ingestTimeoutMs} ms`)), ingestTimeoutMs);
    });
    try {
      await Promise.race([run(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const handle = async (packet: IPublishPacket): Promise<void> => {
    const payload = packet.payload as Uint8Array | string;
    const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
    if (bytes.length === 0) return; // a retained alert was cleared (it expired): nothing to ingest
    counts.received++;
    let alert;
    try {
      const { message, input } = decodeDeliveryMessage(bytes);
      alert = parseAlert(input, message.format);
    } catch (err) {
      counts.malformed++;
      console.warn(`[alerts] dropped a bad message on ${packet.topic}: ${describe(err)}`);
      return;
    }
    try {
      await ingestWithTimeout(() => manager.ingest(alert, 'broadcast'));
      counts.ingested++;
    } catch (err) {
      counts.ingestFailed++;
      console.warn(`[alerts] ingest failed for ${alert.key} from ${packet.topic}: ${describe(err)}`);
    }
  };

  const start = async (): Promise<void> => {
    const { default: mqtt } = await import('mqtt');
    if (closed) return;
    const clientOptions: IClientOptions = {
      clientId,
      clean: false,
      protocolVersion: 4,
      keepalive: 30,
      reconnectPeriod: options.reconnectPeriodMs ?? 2000,
      connectTimeout: 10_000,
      // Subscriptions are made here on every fresh session, not replayed by mqtt.js.
      resubscribe: false,
      ...(options.username !== undefined ? { username: options.username } : {}),
      ...(options.password !== undefined ? { password: options.password } : {}),
    };
    const c = mqtt.connect(options.url, clientOptions);
    client = c;
    // Acknowledge (PUBACK) only once the manager has the alert: mqtt.js sends the ack after this callback.
    c.handleMessage = (packet, callback) => {
      handle(packet).then(() => callback(), () => callback());
    };
    c.on('connect', (connack) => {
      state.next(true);
      if (connack.sessionPresent && subscribedHere) return;
      const wanted = topics;
      subscribe(c, wanted).then(
        () => {
          if (wanted === topics) subscribedHere = true;
        },
        (err: unknown) => console.warn(`[alerts] subscribe failed: ${describe(err)}`),
      );
    });
    c.on('close', () => state.next(false));
    c.on('offline', () => state.next(false));
    c.on('error', (err) => console.warn(`[alerts] MQTT: ${err.message}`));
  };

  const started = start().catch((err: unknown) => {
    console.warn(`[alerts] cannot start alert delivery: ${describe(err)}`);
  });

  return {
    connected: state.pipe(distinctUntilChanged()),
    stats: () => ({ ...counts }),
    subscriptions: () => topics,
    async setLocation(location) {
      const next = deviceAlertSubscriptions(location);
      const previous = topics;
      topics = next;
      const c = client;
      if (!c?.connected) {
        subscribedHere = false; // subscribe on the next connect
        return;
      }
      const added = next.filter((t) => !previous.includes(t));
      const removed = previous.filter((t) => !next.includes(t));
      if (added.length) await subscribe(c, added);
      if (removed.length) await c.unsubscribeAsync(removed);
    },
    async close() {
      if (closed) return;
      closed = true;
      await started;
      if (client) await client.endAsync();
      state.next(false);
      state.complete();
    },
  };
}
