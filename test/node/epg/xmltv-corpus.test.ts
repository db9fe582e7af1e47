/**
 * Corpus test for the XMLTV source on real guides, read in place from ../shared/fixtures/xmltv (never
 * copied into the project): a Chinese guide (3.6 MB), a one-line US guide, Jellyfin's ISO-8859-1 UK guide
 * and Schedules Direct sample (UTF-8 BOM), and the XMLTV project's own test file (its DOCTYPE only names
 * the external DTD: skipped unread, with a warning). Skips when the fixtures are not there.
 */
import assert from 'node:assert/strict';
import { createReadStream, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createEpgReport, detectEpgSource, findEpgSource, type GuideChannel, type EpgParseReport, type Programme,
} from '../../../sdk/index.js';

// dist/node/test/node/epg → the repository root is five levels up; fixtures live beside it in ../shared.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const FIXTURES = resolve(process.env.YIWANG_FIXTURES ?? resolve(repoRoot, '../shared/fixtures'), 'xmltv');
const absent = !existsSync(resolve(FIXTURES, 'README.md'));

interface Parsed {
  channels: GuideChannel[];
  programmes: Programme[];
  report: EpgParseReport;
  ms: number;
}

/** Parses a fixture streamed from disk, keeping every warning. */
async function parseFixture(name: string): Promise<Parsed> {
  const report = createEpgReport();
  const parsed: Parsed = { channels: [], programmes: [], report, ms: 0 };
  const started = performance.now();
  const stream = createReadStream(resolve(FIXTURES, name), { highWaterMark: 1 << 16 });
  for await (const batch of findEpgSource('xmltv').parse(stream, report, { maxWarnings: 100_000 })) {
    parsed.channels.push(...batch.channels);
    parsed.programmes.push(...batch.programmes);
  }
  parsed.ms = performance.now() - started;
  return parsed;
}

const SKIP_CODES = new Set(['no-channel', 'bad-start', 'no-channel-id', 'truncated']);

/** Every skipped item has a warning with a reason: codes that always skip, or a message saying it was dropped. */
function assertSkipsExplained(report: EpgParseReport): void {
  const skips = report.warnings.filter((w) => SKIP_CODES.has(w.code) || /\bdropped\b/.test(w.message));
  assert.equal(skips.length, report.skipped, 'one warning per skipped item');
  for (const warning of report.warnings) {
    assert.ok(warning.code.length > 0 && warning.message.length > 0, JSON.stringify(warning));
  }
}

/** Programmes on each channel do not overlap and all end after they start. */
function assertTimelinesClean(programmes: readonly Programme[]): void {
  const lastEnd = new Map<string, number>();
  for (const p of [...programmes].sort((a, b) => a.start - b.start)) {
    assert.ok(p.end > p.start, `${p.id} ends after it starts`);
    assert.ok((lastEnd.get(p.channelId) ?? -Infinity) <= p.start, `${p.id} does not overlap the previous programme`);
    lastEnd.set(p.channelId, p.end);
  }
}

const CJK = /[\u4e00-\u9fff]/;

void describe('XMLTV corpus (../shared/fixtures/xmltv)', { skip: absent ? `fixtures not found at ${FIXTURES}` : false }, () => {
  void it('Chinese guide: 161 channels, about 12,900 programmes, faults counted with reasons', async () => {
    const { channels, programmes, report, ms } = await parseFixture('lukaschan-IPTVnew_EPG_epg0.xml');
    assert.equal(channels.length, 161);
    assert.equal(report.channels, 161);
    assert.equal(report.programmes, programmes.length);
    // 12,907 <programme> elements: every one is either kept or counted as skipped.
    assert.equal(programmes.length + report.skipped, 12_907);
    assert.ok(report.skipped > 0 && report.skipped < 20, `skipped ${report.skipped}`);
    assertSkipsExplained(report);
    assertTimelinesClean(programmes);
    assert.equal(channels.find((c) => c.id === 'cctv_cctv5')?.names.zh, 'CCTV-5 体育');
    const first = programmes.find((p) => p.channelId === 'cctv_cctv1');
    assert.deepEqual(first && { title: first.titles, start: new Date(first.start).toISOString(), end: new Date(first.end).toISOString() }, {
      title: { zh: '今日说法-2025-25' }, start: '2025-01-25T17:09:15.000Z', end: '2025-01-25T17:37:30.000Z',
    });
    const titles = programmes.map((p) => p.titles.zh ?? '');
    assert.ok(titles.filter((t) => CJK.test(t)).length > 11_000, 'Chinese titles decoded (the rest are Portuguese, English and MV titles)');
    assert.ok(!titles.some((t) => t.includes('\uFFFD')), 'no replacement characters');
    assert.ok(report.warnings.some((w) => w.code === 'empty-text' && w.message.includes('8672 <desc>')), 'empty <desc> counted');
    console.log(`    lukaschan: ${programmes.length} programmes, ${report.skipped} skipped, ${report.repaired} repaired, ` +
      `${ms.toFixed(0)} ms (${(3.6 / (ms / 1000)).toFixed(1)} MB/s, cold)`);
  });

  void it('one-line US guide: streamed, entities decoded, duplicates dropped and counted', async () => {
    const { channels, programmes, report } = await parseFixture('LiuYi0526-IPTVnew_EPG_epg.xml');
    assert.equal(channels.length, 177);
    assert.equal(programmes.length + report.skipped, 4899);
    assert.ok(report.skipped > 100, `skipped ${report.skipped}`);
    assert.ok(report.warnings.filter((w) => w.code === 'duplicate-start').length > 100);
    // The XML declaration is line 1; the whole guide is line 2.
    assert.match(report.warnings[0]?.where ?? '', /^line 2, column \d+, channel /);
    assertSkipsExplained(report);
    assertTimelinesClean(programmes);
    assert.deepEqual(channels[0], { id: 'ae-us-eastern-feed', names: { '': 'A&E US Eastern Feed' } });
    assert.deepEqual(programmes[0]?.subTitles, { '': 'End of the Road' });
  });

  void it('Jellyfin UK guide: ISO-8859-1 decoded as declared, rich fields read', async () => {
    const { channels, programmes, report } = await parseFixture('jellyfin-XmlTv_UK_Data.xml');
    assert.equal(channels.length, 5);
    assert.ok(programmes.length > 1800, `${programmes.length} programmes`);
    assertSkipsExplained(report);
    assertTimelinesClean(programmes);
    // The file's only non-ASCII bytes are EF BF BD (a '£' lost upstream to UTF-8 U+FFFD) in a Latin-1
    // file: decoded as declared, they are the three Latin-1 letters ï ¿ ½.
    const walkers = programmes.find((p) => p.descriptions.en?.includes('keen walkers'));
    assert.match(walkers?.descriptions.en ?? '', /budget of \u00ef\u00bf\u00bd500,000 locate/);
    assert.ok(programmes.every((p) => !Object.values(p.descriptions).some((d) => d.includes('\uFFFD'))));
    const fake = programmes.find((p) => p.titles.en === 'Fake Britain');
    assert.deepEqual(fake && { episode: fake.episode, genres: fake.genres, credits: fake.credits, flags: fake.flags }, {
      episode: { season: 5, episode: 3 }, genres: ['education'], credits: { director: ['Jago Smith'], actor: ['Presenter - Matt Allwright'] },
      flags: { subtitles: true },
    });
    assert.match(fake?.descriptions.en ?? '', /^The 'edible' glitter/);
    assert.ok(programmes.filter((p) => p.flags.rerun).length > 500, 'previously-shown read');
    assert.deepEqual(programmes.find((p) => p.titles.en === 'Homes Under the Hammer - Title 1')?.titles, { en: 'Homes Under the Hammer - Title 1' });
  });

  void it('Schedules Direct sample: BOM, non-XMLTV tv date, several ratings and icons', async () => {
    const { channels, programmes, report } = await parseFixture('jellyfin-XmlTv_schedulesdirect.xml');
    assert.deepEqual(channels.map((c) => [c.id, c.names[''], c.logo]), [
      ['EPG123.10108.schedulesdirect.org', 'CFTO', 's10108_dark_360w_270h.png'],
      ['EPG123.10091.schedulesdirect.org', 'CBLT', 's10091_dark_360w_270h.png'],
    ]);
    assert.equal(programmes.length, 2);
    assert.deepEqual(report, { channels: 2, programmes: 2, skipped: 0, repaired: 0, warnings: [] });
    const [match] = programmes;
    assert.deepEqual(match && { rating: match.rating, episode: match.episode, flags: match.flags, genres: match.genres, icon: match.icon }, {
      rating: { system: 'Canadian Parental Rating', value: '14+', minAge: 14 }, episode: { season: 1, episode: 11, part: 0 },
      flags: { rerun: true, subtitles: true }, genres: ['movie', 'show'], icon: 'p12845677_b_v3_af.jpg',
    });
    assert.deepEqual(programmes[1]?.credits?.actor?.slice(0, 2), ['Poppy Montgomery', 'Dylan Walsh']);
  });

  void it('XMLTV project test file: its external DOCTYPE is skipped unread, and the guide parses', async () => {
    const { channels, programmes, report } = await parseFixture('XMLTV-xmltv_t_data_test.xml');
    assert.deepEqual(channels.map((c) => c.id), ['3sat.de', 'das-erste.de']);
    assert.ok(programmes.length > 0);
    const first = programmes[0];
    assert.ok(first);
    assert.equal(first.titles.de, 'blah');
    assert.deepEqual({ season: first.episode?.season, episode: first.episode?.episode }, { season: 2, episode: 9 });
    assert.ok(report.warnings.some((w) => w.code === 'xml-doctype-skipped'), JSON.stringify(report.warnings));
    assertSkipsExplained(report);
  });

  void it('detects every fixture as XMLTV from its first bytes', async () => {
    for (const name of ['lukaschan-IPTVnew_EPG_epg0.xml', 'LiuYi0526-IPTVnew_EPG_epg.xml', 'jellyfin-XmlTv_UK_Data.xml',
      'jellyfin-XmlTv_schedulesdirect.xml', 'XMLTV-xmltv_t_data_test.xml']) {
      const stream = createReadStream(resolve(FIXTURES, name), { start: 0, end: 4095 });
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      assert.equal(detectEpgSource(Buffer.concat(chunks)).format, 'xmltv', name);
    }
  });
});
