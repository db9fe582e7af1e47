/**
 * `ws://<headend>/mqtt`: MQTT over WebSocket on the headend's own HTTP server.
 *
 * - Embedded broker: each WebSocket is handed to aedes as a stream.
 * - External broker: each WebSocket is relayed byte for byte to its own connection to the broker
 *   (TCP for `mqtt://`, TLS for `mqtts://`, a WebSocket for `ws://`/`wss://`). The broker sees every device
 *   as its own client and does all the MQTT; the relay never parses a packet. This is what lets browser
 *   boxes reach a broker without a WebSocket listener (Debian's Mosquitto 2.0.11).
 */
import type { IncomingMessage } from 'node:http';
import { connect as connectTcp } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as connectTls } from 'node:tls';
import { WebSocket, WebSocketServer, createWebSocketStream } from 'ws';
import type { Aedes } from 'aedes';

export type MqttWebSocketTarget =
  | { readonly kind: 'embedded'; readonly aedes: Aedes }
  | { readonly kind: 'relay'; readonly url: string };

export interface MqttWebSocketEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open WebSocket connections. */
  connections(): number;
  /** Closes every WebSocket (and relayed broker connection). */
  close(): Promise<void>;
}

/** Largest WebSocket message accepted from a device. */
const MAX_FRAME_BYTES = 1024 * 1024;

function defaultPort(protocol: string): number {
  switch (protocol) {
    case 'mqtts:': return 8883;
    case 'ws:': return 80;
    case 'wss:': return 443;
    default: return 1883;
  }
}

/** Opens the upstream half of a relay. */
function openUpstream(url: URL, protocol: string | undefined): Duplex {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === '' ? defaultPort(url.protocol) : Number(url.port);
  switch (url.protocol) {
    case 'mqtt:':
    case 'tcp:':
      return connectTcp({ host, port }).setNoDelay(true);
    case 'mqtts:':
    case 'ssl:':
      return connectTls({ host, port, servername: host });
    case 'ws:':
    case 'wss:':
      return createWebSocketStream(new WebSocket(url, protocol === undefined || protocol === '' ? 'mqtt' : protocol));
    default:
      throw new Error(`cannot relay to a ${url.protocol} broker URL`);
  }
}

export function createMqttWebSocketEndpoint(target: MqttWebSocketTarget): MqttWebSocketEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const relayUrl = target.kind === 'relay' ? new URL(target.url) : undefined;

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const local = createWebSocketStream(ws);
    if (target.kind === 'embedded') {
      local.on('error', () => local.destroy());
      target.aedes.handle(local, req);
      return;
    }
    let upstream: Duplex;
    try {
      upstream = openUpstream(relayUrl as URL, ws.protocol);
    } catch (err) {
      console.error('[headend] MQTT relay:', err);
      ws.close(1011, 'broker unreachable');
      return;
    }
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      upstream.destroy();
      local.destroy();
    };
    upstream.on('error', (err) => {
      console.error(`[headend] MQTT relay to ${relayUrl?.host ?? '?'}: ${err.message}`);
      end();
    });
    local.on('error', end);
    upstream.on('close', end);
    local.on('close', end);
    local.pipe(upstream);
    upstream.pipe(local);
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    connections: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
