/**
 * Where alert messages go: the embedded aedes broker (default), or an external broker (Mosquitto, EMQX)
 * given as a URL, which the headend publishes to with mqtt.js.
 */
import { randomBytes } from 'node:crypto';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { ALERT_TOPIC_ROOT } from '../../../sdk/alerts/delivery/alert-topics.js';

export interface AlertBroker {
  readonly kind: 'embedded' | 'external';
  /** Publishes retained at QoS 1; resolves once the broker has taken it (stored and queued / PUBACK). */
  publish(topic: string, payload: Buffer): Promise<void>;
  close(): Promise<void>;
}

export interface EmbeddedAlertBroker extends AlertBroker {
  readonly kind: 'embedded';
  readonly aedes: Aedes;
}

/** Starts the embedded broker. Clients may subscribe anywhere but never publish under the alert root. */
export async function startEmbeddedBroker(): Promise<EmbeddedAlertBroker> {
  const aedes = await Aedes.createBroker({ id: 'yiwang-headend' });
  aedes.authorizePublish = (client, packet, callback) => {
    if (client && (packet.topic === ALERT_TOPIC_ROOT || packet.topic.startsWith(`${ALERT_TOPIC_ROOT}/`))) {
      callback(new Error(`clients may not publish under ${ALERT_TOPIC_ROOT}`));
      return;
    }
    callback(null);
  };
  return {
    kind: 'embedded',
    aedes,
    publish: (topic, payload) =>
      new Promise<void>((resolve, reject) => {
        aedes.publish({ cmd: 'publish', topic, payload, qos: 1, retain: true, dup: false }, (err) =>
          err ? reject(err) : resolve());
      }),
    close: () => new Promise<void>((resolve) => aedes.close(() => resolve())),
  };
}

/** The URL without credentials, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/** Rejects after `ms` unless the promise settles first. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connects to an external broker (`mqtt://`, `mqtts://`, `ws://`, `wss://`; credentials in the URL).
 * Returns at once and keeps reconnecting; a publish waits for the connection up to `publishTimeoutMs`.
 */
export function connectExternalBroker(url: string, publishTimeoutMs = 5000): AlertBroker {
  const client: MqttClient = mqtt.connect(url, {
    clientId: `yiwang-headend-${randomBytes(4).toString('hex')}`,
    clean: true,
    protocolVersion: 4,
    reconnectPeriod: 2000,
    connectTimeout: 10_000,
  });
  let lastError = '';
  client.on('error', (err) => {
    if (err.message !== lastError) console.error(`[headend] MQTT broker ${redactUrl(url)}: ${err.message}`);
    lastError = err.message;
  });
  client.on('connect', () => {
    lastError = '';
  });
  return {
    kind: 'external',
    publish: async (topic, payload) => {
      await withTimeout(client.publishAsync(topic, payload, { qos: 1, retain: true }), publishTimeoutMs,
        `publishing to ${new URL(url).host}${client.connected ? '' : ' (not connected)'}`);
    },
    close: () => client.endAsync(true),
  };
}
