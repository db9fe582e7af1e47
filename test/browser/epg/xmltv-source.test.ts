import { expect } from '@esm-bundle/chai';
import {
  createEpgReport, detectEpgSource, findEpgSource, type GuideChannel, type EpgParseOptions, type EpgParseReport, type Programme,
} from '../../../sdk/epg/index.js';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';

const encoder = new TextEncoder();
const ascii = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
const H = 3_600_000;

interface Parsed {
  channels: GuideChannel[];
  programmes: Programme[];
  report: EpgParseReport;
  batches: number[];
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
  await Promise.resolve();
}

/** Parses an XMLTV document (text is UTF-8 encoded) fed in chunks of `chunkSize` bytes. */
async function parse(doc: string | Uint8Array, options: EpgParseOptions = {}, chunkSize = 1 << 16): Promise<Parsed> {
  const bytes = typeof doc === 'string' ? encoder.encode(doc) : doc;
  const report = createEpgReport();
  const parsed: Parsed = { channels: [], programmes: [], report, batches: [] };
  for await (const batch of findEpgSource('xmltv').parse(chunked(bytes, chunkSize), report, options)) {
    parsed.channels.push(...batch.channels);
    parsed.programmes.push(...batch.programmes);
    parsed.batches.push(batch.programmes.length);
  }
  return parsed;
}

async function parseError(doc: string | Uint8Array): Promise<YiwangError> {
  try {
    await parse(doc);
  } catch (error) {
    if (error instanceof YiwangError) return error;
    throw error;
  }
  throw new Error('expected the parse to throw a YiwangError');
}

const RICH = `<?xml version="1.0" encoding="UTF-8"?>
<tv generator-info-name="test">
  <channel id="cctv1">
    <display-name lang="zh">CCTV-1 综合</display-name>
    <display-name lang="EN">CCTV-1</display-name>
    <display-name lang="zh">中央一套</display-name>
    <icon src="http://img/cctv1.png"/>
    <url>http://tv.cctv.com</url>
  </channel>
  <channel id="bbc1"><display-name>BBC One</display-name></channel>
  <programme start="20250126190000 +0800" stop="20250126193000 +0800" channel="cctv1">
    <title lang="zh">新闻联播</title>
    <title lang="en">Network News</title>
    <title lang="zh">重复的标题</title>
    <sub-title lang="zh">2025-01-26</sub-title>
    <desc lang="zh">
      今日要闻   与
      天气
    </desc>
    <desc lang="en"></desc>
    <credits>
      <presenter>康辉</presenter>
      <presenter>海霞</presenter>
      <actor role="Himself">Extra
        <image type="person">http://img/x.jpg</image>
      </actor>
    </credits>
    <date>20250126</date>
    <category lang="zh">新闻</category>
    <category lang="en">News</category>
    <length units="minutes">25</length>
    <icon src="http://img/xwlb.jpg"/>
    <icon src="http://img/second.jpg"/>
    <episode-num system="xmltv_ns">0 . 24/365 . </episode-num>
    <episode-num system="onscreen">第25集</episode-num>
    <episode-num system="dd_progid">EP1.2</episode-num>
    <video><aspect>16:9</aspect></video>
    <previously-shown/>
    <premiere>首播</premiere>
    <new/>
    <subtitles type="teletext"/>
    <rating system="MPAA"><value>PG</value></rating>
    <rating system="VCHIP"><value>TV-14</value><icon src="tv14.png"/></rating>
    <star-rating><value>4/5</value></star-rating>
    <star-rating system="IMDB"><value>8/10</value></star-rating>
    <lcn>1</lcn>
  </programme>
  <programme start="20250126193000 +0800" channel="cctv1">
    <title lang="zh">焦点访谈</title>
    <category>Series</category>
    <category>Crime Drama</category>
  </programme>
  <programme start="20250126200000 +0800" stop="20250126210000 +0800" channel="cctv1"><title lang="zh">电视剧</title></programme>
</tv>
`;

describe('XMLTV source', () => {
  it('reads channels with names per language, first name per language, and an icon', async () => {
    const { channels, report } = await parse(RICH);
    expect(channels).to.deep.equal([
      { id: 'cctv1', names: { zh: 'CCTV-1 综合', en: 'CCTV-1' }, logo: 'http://img/cctv1.png' },
      { id: 'bbc1', names: { '': 'BBC One' } },
    ]);
    expect(report.channels).to.equal(2);
  });

  it('reads every programme field into the model', async () => {
    const { programmes } = await parse(RICH);
    const start = Date.UTC(2025, 0, 26, 11);
    expect(programmes[0]).to.deep.equal({
      id: `cctv1@${start}`,
      channelId: 'cctv1',
      start,
      end: start + H / 2,
      titles: { zh: '新闻联播', en: 'Network News' },
      subTitles: { zh: '2025-01-26' },
      descriptions: { zh: '今日要闻 与 天气' },
      genres: ['news'],
      genreLabels: ['新闻', 'News'],
      rating: { system: 'VCHIP', value: 'TV-14', minAge: 14 },
      episode: { season: 0, episode: 24, onscreen: '第25集' },
      flags: { rerun: true, premiere: true, new: true, subtitles: true },
      starRating: '4/5',
      credits: { presenter: ['康辉', '海霞'], actor: ['Extra'] },
      icon: 'http://img/xwlb.jpg',
      lengthSeconds: 1500,
    });
  });

  it('takes a missing stop from the next programme on the channel and maps labels to genres', async () => {
    const { programmes, report } = await parse(RICH);
    expect(programmes[1]).to.deep.include({ start: Date.UTC(2025, 0, 26, 11, 30), end: Date.UTC(2025, 0, 26, 12), genres: ['movie'] });
    expect(programmes).to.have.length(3);
    expect(report).to.deep.include({ programmes: 3, skipped: 0, repaired: 1 });
    expect(report.warnings.map((w) => w.code)).to.deep.equal(['missing-stop', 'empty-text', 'unknown-element']);
    expect(report.warnings[0]?.where).to.equal('line 48, column 3, channel cctv1');
    expect(report.warnings[1]?.message).to.equal('ignored empty elements: 1 <desc>');
    expect(report.warnings[2]?.message).to.contain('<lcn> ×1');
  });

  it('gives the same result however the bytes are cut', async () => {
    const doc = '<tv><channel id="c"><display-name lang="zh">频道&amp;一</display-name></channel>' +
      '<programme start="20250101000000 +0800" stop="20250101010000 +0800" channel="c"><title lang="zh">节目 &lt;一&gt;</title></programme>' +
      '<programme start="20250101010000 +0800" stop="20250101020000 +0800" channel="c"><title>Two</title></programme></tv>';
    const bytes = encoder.encode(doc);
    const expected = await parse(bytes);
    expect(expected.programmes.map((p) => p.titles)).to.deep.equal([{ zh: '节目 <一>' }, { '': 'Two' }]);
    for (let cut = 1; cut < bytes.length; cut++) {
      async function* two(): AsyncGenerator<Uint8Array> {
        yield bytes.slice(0, cut);
        await Promise.resolve();
        yield bytes.slice(cut);
      }
      const report = createEpgReport();
      const programmes: Programme[] = [];
      const channels: GuideChannel[] = [];
      for await (const batch of findEpgSource('xmltv').parse(two(), report)) {
        programmes.push(...batch.programmes);
        channels.push(...batch.channels);
      }
      expect({ programmes, channels }, `cut at byte ${cut}`).to.deep.equal({ programmes: expected.programmes, channels: expected.channels });
    }
    expect((await parse(bytes, {}, 1)).programmes, 'one byte at a time').to.deep.equal(expected.programmes);
  });

  it('reads partial timestamps and zones: none is UTC', async () => {
    const { programmes } = await parse(`<tv>
      <programme start="20250101" stop="202501010130" channel="a"><title>Midnight UTC</title></programme>
      <programme start="200007281733 BST" stop="200007281833 BST" channel="b"><title>BST</title></programme>
      <programme start="20250101120000 -0500" stop="20250101130000 -0500" channel="c"><title>EST</title></programme>
    </tv>`);
    expect(programmes.map((p) => [p.channelId, p.start, p.end])).to.deep.equal([
      ['a', Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 1, 1, 30)],
      ['b', Date.UTC(2000, 6, 28, 16, 33), Date.UTC(2000, 6, 28, 17, 33)],
      ['c', Date.UTC(2025, 0, 1, 17), Date.UTC(2025, 0, 1, 18)],
    ]);
  });

  it('skips and counts programmes with no channel or an unreadable start, naming the reason and place', async () => {
    const { programmes, report } = await parse(`<tv>
<programme start="20250101000000" stop="20250101010000"><title>No channel</title></programme>
<programme start="7/29/2020 11:00:29 AM" stop="20250101010000" channel="a"><title>US date</title></programme>
<programme stop="20250101010000" channel="a"><title>No start</title></programme>
<programme start="20250101000000" stop="20250101010000" channel="a"><title>Good</title></programme>
</tv>`);
    expect(programmes.map((p) => p.titles[''])).to.deep.equal(['Good']);
    expect(report).to.deep.include({ programmes: 1, skipped: 3 });
    expect(report.warnings.map((w) => [w.code, w.where])).to.deep.equal([
      ['no-channel', 'line 2, column 1'],
      ['bad-start', 'line 3, column 1, channel a'],
      ['bad-start', 'line 4, column 1, channel a'],
    ]);
    expect(report.warnings[1]?.message).to.equal('start "7/29/2020 11:00:29 AM" is not an XMLTV time');
  });

  it('repairs stop-before-start and overlaps, and drops what cannot be dated', async () => {
    const { programmes, report } = await parse(`<tv>
<programme start="20250101000000" stop="20250101000000" channel="a"><title>Zero</title></programme>
<programme start="20250101010000" stop="20250102010000" channel="a"><title>24h filler</title></programme>
<programme start="20250101020000" stop="20250101030000" channel="a"><title>Real</title></programme>
<programme start="20250101050000" stop="20250101040000" channel="a"><title>Backwards last</title></programme>
</tv>`);
    expect(programmes.map((p) => `${p.titles['']} ${(p.start - Date.UTC(2025, 0, 1)) / H}-${(p.end - Date.UTC(2025, 0, 1)) / H}`)).to.deep.equal([
      'Zero 0-1', '24h filler 1-2', 'Real 2-3',
    ]);
    expect(report).to.deep.include({ programmes: 3, repaired: 2, skipped: 1 });
    expect(report.warnings.map((w) => w.code)).to.deep.equal(['stop-before-start', 'overlap', 'stop-before-start']);
  });

  it('reads a one-line document and yields batches of 1000 programmes', async () => {
    let doc = '<tv>';
    for (let i = 0; i < 2500; i++) {
      const start = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString().replace(/\D/g, '').slice(0, 14);
      doc += `<programme start="${start} +0000" channel="c${i % 3}"><title>P${i}</title></programme>`;
    }
    doc += '</tv>';
    expect(doc).not.to.contain('\n');
    const { programmes, report, batches } = await parse(doc, {}, 4096);
    expect(batches).to.deep.equal([1000, 1000, 497]);
    // The last programme of each channel has no stop and nothing after it.
    expect(report).to.deep.include({ programmes: 2497, skipped: 3, repaired: 2497 });
    expect(programmes.find((p) => p.titles[''] === 'P0')?.end).to.equal(Date.UTC(2025, 0, 1, 0, 3));
    expect(report.warnings.at(-1)?.where).to.match(/^line 1, column \d+, channel c\d$/);
  });

  it('keeps only the requested channels without counting the rest as skipped', async () => {
    const { channels, programmes, report } = await parse(RICH, { channels: new Set(['bbc1']) });
    expect(channels.map((c) => c.id)).to.deep.equal(['bbc1']);
    expect(programmes).to.deep.equal([]);
    expect(report).to.deep.include({ channels: 1, programmes: 0, skipped: 0 });
  });

  it('keeps at most maxWarnings warnings', async () => {
    const doc = `<tv>${'<programme start="bad" channel="a"><title>x</title></programme>'.repeat(30)}</tv>`;
    const { report } = await parse(doc, { maxWarnings: 5 });
    expect(report.skipped).to.equal(30);
    expect(report.warnings).to.have.length(5);
  });
});

describe('XMLTV source: encodings', () => {
  it('decodes a GB2312 guide by its declaration', async () => {
    const bytes = new Uint8Array([
      ...ascii('<?xml version="1.0" encoding="GB2312"?><tv><programme start="20250101000000 +0800" stop="20250101010000 +0800" channel="c"><title lang="zh">'),
      0xd0, 0xc2, 0xce, 0xc5, 0xc1, 0xaa, 0xb2, 0xa5, // 新闻联播
      ...ascii('</title><category lang="zh">'),
      0xcc, 0xe5, 0xd3, 0xfd, // 体育
      ...ascii('</category></programme></tv>'),
    ]);
    for (const size of [1, 3, 7, 1 << 16]) {
      const { programmes } = await parse(bytes, {}, size);
      expect(programmes[0]?.titles, `chunks of ${size}`).to.deep.equal({ zh: '新闻联播' });
      expect(programmes[0]?.genres).to.deep.equal(['sports']);
    }
  });

  it('decodes raw GB bytes with no declaration with the default charset', async () => {
    const bytes = new Uint8Array([
      ...ascii('<tv><programme start="20250101000000" stop="20250101010000" channel="c"><title>'), 0xc9, 0xd9, 0xb6, 0xf9, ...ascii('</title></programme></tv>'),
    ]);
    expect((await parse(bytes, { defaultCharset: 'gb2312' })).programmes[0]?.titles['']).to.equal('少儿');
  });

  it('decodes ISO-8859-1 and a UTF-8 BOM', async () => {
    const latin = new Uint8Array([
      ...ascii('<?xml version="1.0" encoding="ISO-8859-1"?>\n<tv><channel id="c"><display-name lang="fr">Cha'), 0xee, ...ascii('ne un</display-name></channel></tv>'),
    ]);
    expect((await parse(latin)).channels[0]?.names).to.deep.equal({ fr: 'Chaîne un' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('<?xml version="1.0" encoding="utf-8"?><tv date="7/29/2020 11:00:29 AM"><channel id="c"><display-name>Ünï</display-name></channel></tv>')]);
    expect((await parse(bom, {}, 2)).channels[0]?.names).to.deep.equal({ '': 'Ünï' });
  });
});

describe('XMLTV source: refused and malformed input', () => {
  it('refuses a DOCTYPE with an internal subset, even one that only names an external DTD too', async () => {
    const error = await parseError('<?xml version="1.0"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd" [<!ENTITY a "b">]>\n<tv></tv>');
    expect(error.code).to.equal(ErrorCode.XmlDoctypeRefused);
    expect(error.data).to.deep.include({ format: 'xmltv', line: 2 });
  });

  it('refuses entity declarations', async () => {
    const error = await parseError('<!DOCTYPE tv [<!ENTITY x SYSTEM "file:///etc/passwd">]><tv><channel id="&x;"/></tv>');
    expect(error.code).to.equal(ErrorCode.XmlDoctypeRefused);
  });

  it('rejects a mismatched tag with its line', async () => {
    const error = await parseError('<tv>\n<programme start="2025" channel="a">\n<title>x</titel>\n</programme>\n</tv>');
    expect(error.code).to.equal(ErrorCode.EpgInputInvalid);
    expect(error.message).to.contain('line 3').and.contain('</titel> does not match <title>');
  });

  it('rejects a document whose root is not <tv>, and an empty one', async () => {
    expect((await parseError('<rss><channel/></rss>')).message).to.contain('root element is <rss>');
    expect((await parseError('')).data.reason).to.equal('empty');
  });

  it('keeps what was complete in a guide cut off at the end, counting the open programme', async () => {
    const { programmes, report } = await parse('<tv><programme start="20250101000000" stop="20250101010000" channel="a"><title>Whole</title></programme>' +
      '<programme start="20250101010000" stop="20250101020000" channel="a"><title>Cut');
    expect(programmes.map((p) => p.titles[''])).to.deep.equal(['Whole']);
    expect(report.skipped).to.equal(1);
    expect(report.warnings[0]?.code).to.equal('truncated');
    expect(report.warnings[0]?.message).to.contain('<title> opened at line 1 is not closed');
  });
});

describe('XMLTV detection', () => {
  it('recognises XMLTV by its <tv> root, after a declaration, BOM, comment or DOCTYPE', () => {
    const xmltv = (s: string): string => detectEpgSource(encoder.encode(s)).format;
    expect(xmltv('<?xml version="1.0"?>\n<!-- made by grabber -->\n<tv>')).to.equal('xmltv');
    expect(xmltv('\uFEFF<tv date="x">')).to.equal('xmltv');
    expect(xmltv('<!DOCTYPE tv SYSTEM "xmltv.dtd"><tv>')).to.equal('xmltv');
    expect(findEpgSource('xmltv').probe(encoder.encode('<rss><channel>'))).to.equal(false);
    expect(findEpgSource('xmltv').probe(encoder.encode('{"programmes": "<tv>"}'))).to.equal(false);
  });
});
