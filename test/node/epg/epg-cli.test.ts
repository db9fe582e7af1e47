/**
 * The `yiwang epg parse` command line, run as users run it: `node bin/yiwang.js …` in a child process.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const BIN = resolve(repoRoot, 'bin/yiwang.js');
const FIXTURES = resolve(process.env.YIWANG_FIXTURES ?? resolve(repoRoot, '../shared/fixtures'), 'xmltv');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function yiwang(args: readonly string[], options: { closeStdoutAfterFirstChunk?: boolean } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (options.closeStdoutAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

interface Line {
  channel: string;
  start: string;
  end: string;
  title: string;
  desc: string;
  genres: string[];
  minAge: number | null;
  eventId?: number;
  id: string;
}

const ndjson = (text: string): Line[] => text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Line);

/** The summary: the last stderr line. */
function summary(stderr: string): Record<string, number> {
  const lines = stderr.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as Record<string, number>;
}

const XMLTV = `<?xml version="1.0" encoding="UTF-8"?>
<tv>
  <channel id="cctv1"><display-name lang="zh">CCTV-1</display-name></channel>
  <programme start="20250126190000 +0800" stop="20250126193000 +0800" channel="cctv1">
    <title lang="en">Network News</title><title lang="zh">新闻联播</title>
    <desc lang="en">Headlines</desc>
    <category lang="zh">新闻</category>
    <rating system="US"><value>TV-14</value></rating>
  </programme>
  <programme start="20250126193000 +0800" channel="cctv1"><title lang="fr">Focus</title></programme>
  <programme start="20250126200000 +0800" stop="20250126210000 +0800" channel="cctv1"><title>Drama</title></programme>
  <programme start="bad" channel="cctv1"><title>Broken</title></programme>
</tv>
`;

void describe('yiwang epg parse (CLI)', () => {
  let dir: string;
  const file = (name: string): string => join(dir, name);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yiwang-cli-'));
    await writeFile(file('guide.xml'), XMLTV);
    await writeFile(file('guide.json'), JSON.stringify({
      channels: [{ id: 'c1', names: { en: 'One' } }],
      programmes: [
        { channel: 'c1', start: '2025-01-01T08:00:00+08:00', end: '2025-01-01T09:00:00+08:00', eventId: 7, title: { en: 'Morning', zh: '早间' }, genres: ['Sports'], rating: { system: 'CN', value: '12' } },
        { channel: 'c1', start: 'yesterday', title: 'Bad' },
      ],
    }));
    await writeFile(file('doctype.xml'), '<?xml version="1.0"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd" [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tv></tv>\n');
    await writeFile(file('malformed.xml'), '<tv>\n<programme start="20250101" channel="a"><title>x</desc></programme></tv>');
    await writeFile(file('notes.txt'), 'just some text');
    // 少儿 in raw GB2312 bytes, no declaration.
    await writeFile(file('raw-gb.xml'), Buffer.concat([
      Buffer.from('<tv><programme start="20250101000000" stop="20250101010000" channel="c"><title>'),
      Buffer.from([0xc9, 0xd9, 0xb6, 0xf9]),
      Buffer.from('</title></programme></tv>'),
    ]));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  void it('prints NDJSON programmes and a summary line for an XMLTV file', async () => {
    const { status, stdout, stderr } = await yiwang(['epg', 'parse', file('guide.xml')]);
    assert.equal(status, 0, stderr);
    const lines = ndjson(stdout);
    assert.deepEqual(lines[0], {
      channel: 'cctv1', start: '2025-01-26T11:00:00.000Z', end: '2025-01-26T11:30:00.000Z', title: '新闻联播', desc: 'Headlines',
      genres: ['news'], minAge: 14, id: 'cctv1@1737889200000',
    });
    assert.deepEqual(lines.map((l) => [l.title, l.end]), [
      ['新闻联播', '2025-01-26T11:30:00.000Z'], ['Focus', '2025-01-26T12:00:00.000Z'], ['Drama', '2025-01-26T13:00:00.000Z'],
    ]);
    assert.equal(lines[1]?.minAge, null);
    const { ms, ...counts } = summary(stderr);
    assert.deepEqual(counts, { channels: 1, programmes: 3, skipped: 1, repaired: 1 });
    assert.ok(typeof ms === 'number' && ms >= 0);
    const warnings = stderr.trimEnd().split('\n').slice(0, -1);
    assert.deepEqual(warnings.map((w) => w.split(':').slice(0, 2).join(':')), ['warning: missing-stop', 'warning: bad-start']);
    assert.match(warnings[1] ?? '', /start "bad" is not an XMLTV time \(line 12, column 3, channel cctv1\)$/);
  });

  void it('detects JSON and prints eventId', async () => {
    const { status, stdout, stderr } = await yiwang(['epg', 'parse', file('guide.json')]);
    assert.equal(status, 0, stderr);
    assert.deepEqual(ndjson(stdout), [{
      channel: 'c1', start: '2025-01-01T00:00:00.000Z', end: '2025-01-01T01:00:00.000Z', title: '早间', desc: '', genres: ['sports'],
      minAge: 12, eventId: 7, id: 'c1#7',
    }]);
    assert.deepEqual({ ...summary(stderr), ms: 0 }, { channels: 1, programmes: 1, skipped: 1, repaired: 0, ms: 0 });
    assert.match(stderr, /warning: bad-start: programmes\[1\] skipped: start: "yesterday" is not an ISO-8601 date-time/);
  });

  void it('decodes raw GB2312 bytes with --default-charset', async () => {
    const withCharset = await yiwang(['epg', 'parse', file('raw-gb.xml'), '--default-charset', 'gb2312', '--format', 'xmltv']);
    assert.equal(withCharset.status, 0, withCharset.stderr);
    assert.equal(ndjson(withCharset.stdout)[0]?.title, '少儿');
    const without = await yiwang(['epg', 'parse', file('raw-gb.xml')]);
    assert.match(ndjson(without.stdout)[0]?.title ?? '', /\uFFFD/);
  });

  void it('exits 1 with one clear line for a missing file, unknown or undetectable format, DOCTYPE and malformed XML', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['epg', 'parse', file('missing.xml')], /^yiwang: cannot read .*missing\.xml: no such file$/],
      [['epg', 'parse', file('guide.xml'), '--format', 'klingon'], /^yiwang: \[5001\] Unknown EPG format "klingon"; known formats: .*xmltv/],
      [['epg', 'parse', file('notes.txt')], /^yiwang: \[5001\] Cannot tell the EPG format/],
      [['epg', 'parse', file('doctype.xml')], /^yiwang: \[5003\] xmltv: refused <!DOCTYPE at line 2, column 1/],
      [['epg', 'parse', file('malformed.xml')], /^yiwang: \[5002\] xmltv: malformed XML at line 2, .*<\/desc> does not match <title>/],
      [['epg', 'parse', file('guide.xml'), '--default-charset', 'x-klingon'], /^yiwang: \[4001\] Unknown character set "x-klingon"$/],
      [['epg', 'parse', dir], /^yiwang: cannot read .*: it is a directory$/],
    ];
    for (const [args, message] of cases) {
      const { status, stdout, stderr } = await yiwang(args);
      assert.equal(status, 1, args.join(' '));
      assert.equal(stdout, '');
      assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
      assert.match(stderr.trimEnd(), message);
    }
  });

  void it('exits 2 on wrong usage, and prints help', async () => {
    for (const args of [['epg', 'parse'], ['epg'], ['frobnicate'], ['epg', 'parse', 'a', 'b'], ['--bogus']]) {
      const { status, stderr } = await yiwang(args);
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, /^yiwang: .*see yiwang (epg )?--help/m);
    }
    const main = await yiwang(['--help']);
    assert.equal(main.status, 0);
    assert.match(main.stdout, /^Usage: yiwang <command>/);
    const epg = await yiwang(['epg', '--help']);
    assert.equal(epg.status, 0);
    assert.match(epg.stdout, /--format <format> +one of: .*json.*xmltv/);
    assert.match(epg.stdout, /--default-charset <label>/);
  });

  void it('stops quietly when its reader goes away', { skip: !existsSync(resolve(FIXTURES, 'lukaschan-IPTVnew_EPG_epg0.xml')) }, async () => {
    const { status, stderr } = await yiwang(['epg', 'parse', resolve(FIXTURES, 'lukaschan-IPTVnew_EPG_epg0.xml')], { closeStdoutAfterFirstChunk: true });
    assert.equal(status, 0, stderr);
    assert.ok((summary(stderr).programmes ?? 0) > 0);
  });

  void it('parses the Chinese fixture end to end', { skip: !existsSync(resolve(FIXTURES, 'lukaschan-IPTVnew_EPG_epg0.xml')) }, async () => {
    const { status, stdout, stderr } = await yiwang(['epg', 'parse', resolve(FIXTURES, 'lukaschan-IPTVnew_EPG_epg0.xml')]);
    assert.equal(status, 0, stderr);
    const lines = ndjson(stdout);
    const counts = summary(stderr);
    assert.equal(lines.length, counts.programmes);
    assert.equal(counts.channels, 161);
    assert.ok(lines.every((l) => l.end.endsWith('Z') && l.start < l.end && typeof l.title === 'string'));
    assert.ok(stderr.trimEnd().split('\n').length <= 22, 'at most 20 warnings, a "more" line and the summary');
  });
});
