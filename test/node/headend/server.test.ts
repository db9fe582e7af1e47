import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startHeadend, type Headend } from '../../../apps/headend/server.js';

const mainJs = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../apps/headend/main.js');

/** A raw GET so the path is sent exactly as written (fetch would normalise `..`). */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url + path, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('headend HTTP server', () => {
  let webRoot: string;
  let headend: Headend;

  before(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'yiwang-web-'));
    await mkdir(join(webRoot, 'apps/emulator'), { recursive: true });
    await mkdir(join(webRoot, 'assets'), { recursive: true });
    await writeFile(join(webRoot, 'apps/emulator/index.html'), '<!doctype html><title>emulator</title>');
    await writeFile(join(webRoot, 'assets/app-1234.js'), 'export {};');
    await writeFile(join(webRoot, '..', 'secret.txt'), 'outside');
    headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot });
  });
  after(async () => {
    await headend.close();
    await rm(webRoot, { recursive: true, force: true });
    await rm(join(webRoot, '..', 'secret.txt'), { force: true });
  });

  it('serves the emulator at /', async () => {
    const res = await get(headend.url, '/');
    assert.equal(res.status, 200);
    assert.match(res.type, /^text\/html/);
    assert.match(res.body, /<title>emulator<\/title>/);
  });

  it('serves built assets with their MIME type', async () => {
    const res = await get(headend.url, '/assets/app-1234.js');
    assert.equal(res.status, 200);
    assert.match(res.type, /^text\/javascript/);
  });

  it('answers a health check', async () => {
    const res = await get(headend.url, '/api/health');
    assert.deepEqual(JSON.parse(res.body), { status: 'ok', service: 'yiwang-headend' });
  });

  it('refuses paths that escape the web root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/apps/%2e%2e/%2e%2e/secret.txt', '/%00']) {
      const res = await get(headend.url, path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.body, /outside/);
    }
  });

  it('survives a WebSocket upgrade with a request target URL() cannot parse', async () => {
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((done, fail) => {
      const socket = connect(headend.port, '127.0.0.1', () => {
        socket.write('GET // HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n'
          + 'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => done(text));
      socket.on('error', fail);
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
    assert.equal((await get(headend.url, '/api/health')).status, 200, 'still serving');
  });

  it('serveStatic itself refuses raw paths that escape the root (not only after URL normalisation)', async () => {
    const { createServer } = await import('node:http');
    const { serveStatic } = await import('../../../apps/headend/static-files.js');
    // The raw request target goes straight to serveStatic, so `..` reaches its own guard.
    const raw = createServer((req, res) => {
      serveStatic(webRoot, req, res, req.url ?? '/').then((served) => {
        if (!served) res.writeHead(404).end('no');
      }, () => res.writeHead(500).end());
    });
    await new Promise<void>((done) => raw.listen(0, '127.0.0.1', done));
    const { port } = raw.address() as { port: number };
    try {
      for (const path of ['/../secret.txt', '/apps/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
        const res = await get(`http://127.0.0.1:${port}`, path);
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(res.body, /outside/, path);
      }
      assert.equal((await get(`http://127.0.0.1:${port}`, '/apps/emulator/index.html')).status, 200);
    } finally {
      await new Promise<void>((done) => raw.close(() => done()));
    }
  });

  it('answers 404 and 405 with a JSON reason', async () => {
    const missing = await get(headend.url, '/nope.html');
    assert.equal(missing.status, 404);
    assert.deepEqual(JSON.parse(missing.body), { error: 'Not found: /nope.html' });
    const post = await get(headend.url, '/', 'POST');
    assert.equal(post.status, 405);
    assert.match(post.body, /Method POST not allowed/);
  });

  it('runs as a process: prints its URL, honours PORT, stops cleanly on SIGINT and SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const child = spawn(process.execPath, [mainJs], { env: { ...process.env, PORT: '0', YIWANG_WEB_ROOT: webRoot }, stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const match = /emulator at (http:\/\/localhost:\d+)\//.exec(out);
          if (match?.[1]) done(match[1]);
        });
        child.on('exit', (code) => fail(new Error(`exited early with ${code}: ${out}`)));
      });
      assert.equal((await get(url, '/')).status, 200);
      const exited = new Promise<number | null>((done) => child.on('exit', done));
      child.kill(signal);
      assert.equal(await exited, 0, `exit code after ${signal}`);
    }
  });

  it('refuses a bad PORT with a clear message', async () => {
    const child = spawn(process.execPath, [mainJs], { env: { ...process.env, PORT: 'eighty', YIWANG_WEB_ROOT: webRoot }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (err += chunk));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    assert.equal(code, 1);
    assert.match(err, /PORT must be an integer 0–65535, got "eighty"/);
  });
});
