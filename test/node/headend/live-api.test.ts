import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startHeadend, type Headend } from '../../../apps/headend/server.js';
import { createEpgReport, findEpgSource, parseLineupJson, type Programme } from '../../../sdk/index.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../..');
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

async function parseGuide(xml: string): Promise<{ channels: string[]; programmes: Programme[]; skipped: number }> {
  const report = createEpgReport();
  const channels: string[] = [];
  const programmes: Programme[] = [];
  for await (const batch of findEpgSource('xmltv').parse(new Blob([xml]).stream(), report, {})) {
    channels.push(...batch.channels.map((c) => c.id));
    programmes.push(...batch.programmes);
  }
  return { channels, programmes, skipped: report.skipped };
}

/** A raw GET: the path goes out exactly as written (fetch would resolve `..` and `%2e%2e` first). */
function rawGet(base: string, path: string, method = 'GET'): Promise<{ status: number; type: string; length: number }> {
  return new Promise((done, fail) => {
    const req = request(base + path, { method }, (res) => {
      let length = 0;
      res.on('data', (chunk: Buffer) => (length += chunk.length));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), length }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('headend live TV endpoints', () => {
  let dir: string;
  let headend: Headend;
  let brokenLineup: Headend;
  let oddLineup: Headend;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yiwang-live-'));
    await writeFile(join(dir, 'broken.json'), '{ "channels": [ ');
    headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot: dir, live: { now: () => NOW } });
    await writeFile(join(dir, 'odd.json'), JSON.stringify({
      version: 1,
      channels: [
        { id: '1.1.1', number: 1, name: 'A&B <"x">\u0001 \uD800', epgId: 'guide&one' },
        { id: '1.1.2', number: 2, name: 'Hidden', hidden: true },
      ],
    }));
    oddLineup = await startHeadend({ port: 0, host: '127.0.0.1', webRoot: dir, live: { lineupFile: join(dir, 'odd.json'), now: () => NOW } });
    brokenLineup = await startHeadend({
      port: 0, host: '127.0.0.1', webRoot: dir, live: { lineupFile: join(dir, 'broken.json'), caPromptsFile: join(dir, 'missing.json') },
    });
  });
  after(async () => {
    await headend.close();
    await brokenLineup.close();
    await oddLineup.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the lineup file as JSON', async () => {
    const res = await fetch(`${headend.url}/api/lineup`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = await res.json() as { channels: { number: number; scrambled?: boolean; kind: string }[] };
    const onDisk = JSON.parse(await readFile(resolve(repoRoot, 'apps/headend/live/lineup.json'), 'utf8')) as unknown;
    assert.deepEqual(body, onDisk);
    assert.ok(body.channels.some((c) => c.scrambled === true), 'has scrambled channels');
    assert.ok(body.channels.some((c) => c.kind === 'radio'), 'has radio channels');
    const parsed = parseLineupJson(body, { source: '/api/lineup' });
    assert.deepEqual(parsed.warnings, [], 'the sample lineup reads without warnings');
    assert.equal(parsed.channels.length, body.channels.length);
  });

  it('serves the operator CA prompt texts', async () => {
    const res = await fetch(`${headend.url}/api/ca-prompts`);
    assert.equal(res.status, 200);
    const body = await res.json() as Record<string, { code: string; text: string }>;
    assert.deepEqual(body.noCard, { code: 'E04', text: '请插入智能卡' });
  });

  it('generates a guide for every visible lineup channel that the SDK parses without skips', async () => {
    const lineup = await (await fetch(`${headend.url}/api/lineup`)).json() as { channels: { id: string; hidden?: boolean }[] };
    const res = await fetch(`${headend.url}/api/guide.xml`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/xml/);
    const guide = await parseGuide(await res.text());
    assert.equal(guide.skipped, 0);
    const visible = lineup.channels.filter((c) => c.hidden !== true).map((c) => c.id);
    assert.deepEqual(guide.channels, visible);
    for (const id of visible) {
      const own = guide.programmes.filter((p) => p.channelId === id).sort((a, b) => a.start - b.start);
      assert.ok(own.some((p) => p.start <= NOW && NOW < p.end), `${id} has a programme now`);
      for (let i = 1; i < own.length; i++) assert.equal(own[i]?.start, own[i - 1]?.end, `${id}: no gap or overlap at ${String(i)}`);
    }
    assert.ok(guide.programmes.some((p) => p.rating?.minAge === 18), 'some late-night films are rated 18');
  });

  it('gives the same guide for the same time (a second box sees the same programmes)', async () => {
    const a = await (await fetch(`${headend.url}/api/guide.xml`)).text();
    const b = await (await fetch(`${headend.url}/api/guide.xml`)).text();
    assert.equal(a, b);
  });

  it('answers 500 naming the file when the lineup is not valid JSON, and when the prompts file is missing', async () => {
    const lineup = await fetch(`${brokenLineup.url}/api/lineup`);
    assert.equal(lineup.status, 500);
    assert.match(((await lineup.json()) as { error: string }).error, /broken\.json is not valid JSON/);
    const prompts = await fetch(`${brokenLineup.url}/api/ca-prompts`);
    assert.equal(prompts.status, 500);
    assert.match(((await prompts.json()) as { error: string }).error, /cannot read .*missing\.json/);
  });

  it('escapes names and ids, replaces characters XML forbids, and uses epgId as the guide channel id', async () => {
    const guide = await parseGuide(await (await fetch(`${oddLineup.url}/api/guide.xml`)).text());
    assert.equal(guide.skipped, 0);
    assert.deepEqual(guide.channels, ['guide&one']);
    assert.ok(guide.programmes.length > 0);
    assert.ok(guide.programmes.every((p) => p.channelId === 'guide&one'));
    const xml = await (await fetch(`${oddLineup.url}/api/guide.xml`)).text();
    assert.match(xml, /<display-name lang="zh">A&amp;B &lt;&quot;x&quot;&gt;\uFFFD \uFFFD<\/display-name>/);
  });

  it('serves the ClearKey clip under /media/ for GET and HEAD', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await rawGet(headend.url, '/media/clearkey/testcard-clearkey.webm', method);
      assert.equal(res.status, 200, method);
      assert.equal(res.type, 'video/webm');
      assert.equal(res.length > 10_000, method === 'GET');
    }
  });

  it('refuses other methods, unknown media and paths out of the media folder', async () => {
    for (const path of ['/media/../live/lineup.json', '/media/..%2flive%2flineup.json', '/media/%2e%2e/live/lineup.json', '/media/%2e%2e%2flive%2flineup.json']) {
      assert.equal((await rawGet(headend.url, path)).status, 404, path);
    }
    const post = await fetch(`${headend.url}/api/lineup`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assert.equal((await fetch(`${headend.url}/media/nothing-here.webm`)).status, 404);
  });
});
