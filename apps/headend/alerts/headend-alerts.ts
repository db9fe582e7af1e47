/**
 * Alert delivery in the headend: the broker (embedded aedes, or an external one by URL), `POST /api/alerts`
 * and the `/mqtt` WebSocket endpoint (the broker itself, or a relay to the external one).
 */
import { connectExternalBroker, startEmbeddedBroker, type AlertBroker } from './alert-broker.js';
import { AlertsApi, type AlertsApiOptions } from './alerts-api.js';
import { createMqttWebSocketEndpoint, type MqttWebSocketEndpoint } from './mqtt-websocket.js';

export interface HeadendAlertsOptions extends AlertsApiOptions {
  /**
   * External broker (`mqtt://host:1883`, `mqtts://…`, `ws://…`; credentials in the URL). Unset: the embedded
   * aedes broker. The `/mqtt` endpoint then relays each device's WebSocket to this broker.
   */
  readonly mqttUrl?: string;
  /** How long a publish to an external broker may wait for its PUBACK. Default 5 s. */
  readonly publishTimeoutMs?: number;
}

export interface HeadendAlerts {
  readonly broker: AlertBroker;
  readonly api: AlertsApi;
  readonly mqtt: MqttWebSocketEndpoint;
  close(): Promise<void>;
}

const BROKER_PROTOCOLS = ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:'];

/** Throws naming what is wrong with a broker URL. */
export function checkBrokerUrl(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('The MQTT broker URL is not a URL (expected e.g. mqtt://127.0.0.1:1883)');
  }
  if (!BROKER_PROTOCOLS.includes(url.protocol)) {
    throw new Error(`The MQTT broker URL must start with ${BROKER_PROTOCOLS.map((p) => `${p}//`).join(', ')}; got ${url.protocol}//`);
  }
}

export async function startHeadendAlerts(options: HeadendAlertsOptions = {}): Promise<HeadendAlerts> {
  let broker: AlertBroker;
  let mqtt: MqttWebSocketEndpoint;
  if (options.mqttUrl !== undefined && options.mqttUrl !== '') {
    checkBrokerUrl(options.mqttUrl);
    broker = connectExternalBroker(options.mqttUrl, options.publishTimeoutMs);
    mqtt = createMqttWebSocketEndpoint({ kind: 'relay', url: options.mqttUrl });
  } else {
    const embedded = await startEmbeddedBroker();
    broker = embedded;
    mqtt = createMqttWebSocketEndpoint({ kind: 'embedded', aedes: embedded.aedes });
  }
  const api = new AlertsApi(broker, options);
  return {
    broker,
    api,
    mqtt,
    async close() {
      api.close();
      await mqtt.close();
      await broker.close();
    },
  };
}
