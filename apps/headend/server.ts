import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveStatic } from './static-files.js';

export interface HeadendOptions {
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Interface to bind. Default all interfaces, so a phone or a box on the LAN can reach it. */
  readonly host?: string;
  /** Folder with the built web apps (dist/web). */
  readonly webRoot: string;
}

export interface Headend {
  /** Base URL, e.g. http://localhost:8080 */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/** Where `/` goes: the emulator, which shows the default device app. */
const HOME = '/apps/emulator/';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function route(options: HeadendOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://headend');
  if (url.pathname === '/api/health') {
    sendJson(res, 200, { status: 'ok', service: 'yiwang-headend' });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendJson(res, 405, { error: `Method ${req.method ?? '?'} not allowed on ${url.pathname}` });
    return;
  }
  const pathname = url.pathname === '/' ? HOME : url.pathname;
  if (await serveStatic(options.webRoot, req, res, pathname)) return;
  sendJson(res, 404, { error: `Not found: ${url.pathname}` });
}

/** Starts the headend HTTP server. */
export async function startHeadend(options: HeadendOptions): Promise<Headend> {
  const server: Server = createServer((req, res) => {
    route(options, req, res).catch((err: unknown) => {
      console.error('[headend] request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
