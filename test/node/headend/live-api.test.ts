import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
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

describe('headend live TV endpoints', () => {
  let dir: string;
  let headend: Headend;
  let brokenLineup: Headend;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yiwang-live-'));
    await writeFile(join(dir, 'broken.json'), '{ "channels": [ ');
    headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot: dir, live: { now: () => NOW } });
    brokenLineup = await startHeadend({
      port: 0, host: '127.0.0.1', webRoot: dir, live: { lineupFile: join(dir, 'broken.json'), caPromptsFile: join(dir, 'missing.json') },
    });
  });
  after(async () => {
    await headend.close();
    await brokenLineup.close();
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

  it('refuses other methods and unknown media', async () => {
    const post = await fetch(`${headend.url}/api/lineup`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assert.equal((await fetch(`${headend.url}/media/nothing-here.webm`)).status, 404);
    assert.equal((await fetch(`${headend.url}/media/%2e%2e/live/lineup.json`)).status, 404);
  });
});
