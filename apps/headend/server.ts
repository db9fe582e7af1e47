import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { startHeadendAlerts, type HeadendAlerts, type HeadendAlertsOptions } from './alerts/headend-alerts.js';
import { createLiveApi, type HeadendLiveOptions } from './live/live-api.js';
import { serveStatic } from './static-files.js';

export interface HeadendOptions {
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Interface to bind. Default all interfaces, so a phone or a box on the LAN can reach it. */
  readonly host?: string;
  /** Folder with the built web apps (dist/web). */
  readonly webRoot: string;
  /**
   * Alert delivery: `mqttUrl` names an external broker (main.ts reads YIWANG_MQTT_URL); without it the
   * embedded aedes broker serves `ws://<headend>/mqtt`. Also body limit, retention and clock.
   */
  readonly alerts?: HeadendAlertsOptions;
  /** Live TV: lineup, CA prompt texts and media files; default the files in `apps/headend/live` and `apps/headend/media`. */
  readonly live?: Partial<HeadendLiveOptions>;
}

export interface Headend {
  /** Base URL, e.g. http://localhost:8080 */
  readonly url: string;
  readonly port: number;
  /** MQTT over WebSocket for devices, e.g. ws://localhost:8080/mqtt */
  readonly mqttUrl: string;
  /** Which broker alerts go to. */
  readonly alertBroker: 'embedded' | 'external';
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/** The repository root (this file runs from dist/node/apps/headend). */
const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** Where `/` goes: the emulator, which shows the default device app. */
const HOME = '/apps/emulator/';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

type LiveApi = ReturnType<typeof createLiveApi>;

async function route(options: HeadendOptions, alerts: HeadendAlerts, live: LiveApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://headend');
  if (url.pathname === '/api/health') {
    sendJson(res, 200, { status: 'ok', service: 'yiwang-headend' });
    return;
  }
  if (url.pathname === '/api/alerts') {
    await alerts.api.handle(req, res, url);
    return;
  }
  if (await live.handle(req, res, url)) return;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendJson(res, 405, { error: `Method ${req.method ?? '?'} not allowed on ${url.pathname}` });
    return;
  }
  const pathname = url.pathname === '/' ? HOME : url.pathname;
  if (await serveStatic(options.webRoot, req, res, pathname)) return;
  sendJson(res, 404, { error: `Not found: ${url.pathname}` });
}

/** WebSocket upgrades: `/mqtt` only. */
function upgrade(alerts: HeadendAlerts, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  socket.on('error', () => socket.destroy());
  let pathname: string;
  try {
    pathname = new URL(req.url ?? '/', 'http://headend').pathname;
  } catch {
    // A request target URL() cannot parse (e.g. `//`): answer it, never let it escape the handler.
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  if (pathname === '/mqtt') {
    alerts.mqtt.handleUpgrade(req, socket, head);
    return;
  }
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}

/** Starts the headend HTTP server (and alert delivery: broker, `POST /api/alerts`, `ws://…/mqtt`). */
export async function startHeadend(options: HeadendOptions): Promise<Headend> {
  const alerts = await startHeadendAlerts(options.alerts);
  const live = createLiveApi({
    lineupFile: options.live?.lineupFile ?? resolve(PROJECT_ROOT, 'apps/headend/live/lineup.json'),
    caPromptsFile: options.live?.caPromptsFile ?? resolve(PROJECT_ROOT, 'apps/headend/live/ca-prompts.json'),
    mediaRoot: options.live?.mediaRoot ?? resolve(PROJECT_ROOT, 'apps/headend/media'),
    ...(options.live?.now ? { now: options.live.now } : {}),
  }, sendJson);
  const server: Server = createServer((req, res) => {
    route(options, alerts, live, req, res).catch((err: unknown) => {
      console.error('[headend] request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => upgrade(alerts, req, socket, head));
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error): void => {
      alerts.close().catch(() => undefined);
      reject(err);
    };
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    mqttUrl: `ws://localhost:${port}/mqtt`,
    alertBroker: alerts.broker.kind,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      await alerts.close();
      await closed;
    },
  };
}
