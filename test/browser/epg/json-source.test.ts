import { expect } from '@esm-bundle/chai';
import {
  createEpgReport, detectEpgSource, findEpgSource, type GuideChannel, type EpgParseOptions, type EpgParseReport, type Programme,
} from '../../../sdk/epg/index.js';
import { JsonItemSplitter } from '../../../sdk/epg/sources/json/json-item-splitter.js';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';

const encoder = new TextEncoder();
const H = 3_600_000;

interface Parsed {
  channels: GuideChannel[];
  programmes: Programme[];
  report: EpgParseReport;
}

async function parse(doc: string | Uint8Array, options: EpgParseOptions = {}, chunkSize = 1 << 16): Promise<Parsed> {
  const bytes = typeof doc === 'string' ? encoder.encode(doc) : doc;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.slice(i, i + chunkSize);
    await Promise.resolve();
  }
  const report = createEpgReport();
  const parsed: Parsed = { channels: [], programmes: [], report };
  for await (const batch of findEpgSource('json').parse(chunks(), report, options)) {
    parsed.channels.push(...batch.channels);
    parsed.programmes.push(...batch.programmes);
  }
  return parsed;
}

async function parseError(doc: string): Promise<YiwangError> {
  try {
    await parse(doc);
  } catch (error) {
    if (error instanceof YiwangError) return error;
    throw error;
  }
  throw new Error('expected the parse to throw a YiwangError');
}

const GUIDE = {
  format: 'yiwang-epg',
  version: 1,
  programmes: [
    {
      channel: 'cctv1', start: '2025-01-26T19:00:00+08:00', end: '2025-01-26T19:30:00+08:00', eventId: 4711,
      title: { zh: '新闻联播', EN: 'Network News' }, subTitle: '2025-01-26', desc: { zh: '今日要闻 "头条" \\ 天气' },
      genres: ['news', '新闻'], rating: { system: 'CN', value: 'G' }, episode: { season: 0, episode: 24, onscreen: '第25集' },
      flags: { new: true, subtitles: true, rerun: false }, starRating: '4/5', credits: { presenter: ['康辉', '海霞'] },
      icon: 'https://img.example.cn/xwlb.jpg', lengthSeconds: 1500,
    },
    { channel: 'cctv1', start: '2025-01-26T11:30Z', title: '焦点访谈', genres: ['Documentary'], rating: { system: 'MPAA', value: 'PG-13' } },
    { channel: 'cctv1', start: '2025-01-26T20:00:00.000+0800', end: '2025-01-26T21:00:00+08:00', title: { zh: '电视剧' } },
  ],
  channels: [
    { id: 'cctv1', names: { zh: 'CCTV-1 综合', en: 'CCTV-1' }, number: 1, logo: 'https://img.example.cn/cctv1.png' },
    { id: 'bbc1', name: 'BBC One' },
  ],
};

describe('JSON source', () => {
  it('reads channels and programmes into the model, in any member order', async () => {
    const { channels, programmes, report } = await parse(JSON.stringify(GUIDE, null, 2));
    expect(channels).to.deep.equal([
      { id: 'cctv1', names: { zh: 'CCTV-1 综合', en: 'CCTV-1' }, number: '1', logo: 'https://img.example.cn/cctv1.png' },
      { id: 'bbc1', names: { '': 'BBC One' } },
    ]);
    const start = Date.UTC(2025, 0, 26, 11);
    expect(programmes[0]).to.deep.equal({
      id: 'cctv1#4711', eventId: 4711, channelId: 'cctv1', start, end: start + H / 2,
      titles: { zh: '新闻联播', en: 'Network News' }, subTitles: { '': '2025-01-26' }, descriptions: { zh: '今日要闻 "头条" \\ 天气' },
      genres: ['news'], genreLabels: ['news', '新闻'], rating: { system: 'CN', value: 'G', minAge: 0 },
      episode: { season: 0, episode: 24, onscreen: '第25集' }, flags: { new: true, subtitles: true }, starRating: '4/5',
      credits: { presenter: ['康辉', '海霞'] }, icon: 'https://img.example.cn/xwlb.jpg', lengthSeconds: 1500,
    });
    expect(programmes[1]).to.deep.include({
      id: `cctv1@${start + H / 2}`, start: start + H / 2, end: start + H, genres: ['education'], rating: { system: 'MPAA', value: 'PG-13', minAge: 13 },
    });
    expect(programmes[2]).to.deep.include({ start: start + H, end: start + 2 * H });
    expect(report).to.deep.include({ channels: 2, programmes: 3, skipped: 0, repaired: 1 });
    expect(report.warnings.map((w) => w.code)).to.deep.equal(['missing-stop']);
  });

  it('gives the same result however the bytes are cut', async () => {
    const doc = JSON.stringify({ channels: [GUIDE.channels[0]], programmes: GUIDE.programmes.slice(0, 2), note: ['x', { y: '}' }] });
    const expected = await parse(doc);
    const bytes = encoder.encode(doc);
    for (let cut = 1; cut < bytes.length; cut++) {
      async function* two(): AsyncGenerator<Uint8Array> {
        yield bytes.slice(0, cut);
        await Promise.resolve();
        yield bytes.slice(cut);
      }
      const report = createEpgReport();
      const programmes: Programme[] = [];
      for await (const batch of findEpgSource('json').parse(two(), report)) programmes.push(...batch.programmes);
      expect(programmes, `cut at byte ${cut}`).to.deep.equal(expected.programmes);
      expect(report.channels).to.equal(1);
    }
  });

  it('skips bad items with a warning naming the index and field, and keeps the rest', async () => {
    const doc = `{"channels": [{"names": {"zh": "无名"}}, 42],
      "programmes": [
        {"channel": "a", "start": "2025-01-26 19:00", "title": "No zone"},
        {"start": "2025-01-26T19:00:00Z", "title": "No channel"},
        {"channel": "a", "start": "2025-01-26T19:00:00Z", "title": {"zh": "  "}},
        {"channel": "a", "start": "2025-01-26T19:00:00Z", "title": "Bad fields", "end": "2025-01-26T20:00:00Z",
         "rating": "PG", "episode": {"season": -1}, "flags": {"new": "yes"}, "eventId": 1.5},
        {"channel": "a", "start": "2025-02-30T19:00:00Z", "title": "No such day"},
        {"channel": "a", "start": 1737918000000, "title": "Epoch number"},
        {"channel": "a", "start": "2025-01-26T20:00:00Z", "end": "2025-01-26T21:00:00Z", "title": "Good", "bogus": tru}
      ]}`;
    const { channels, programmes, report } = await parse(doc);
    expect(channels).to.deep.equal([]);
    expect(programmes.map((p) => p.titles[''])).to.deep.equal(['Bad fields']);
    expect(programmes[0]).to.deep.include({ id: `a@${Date.UTC(2025, 0, 26, 19)}`, flags: {} });
    expect(programmes[0]).not.to.have.property('rating');
    expect(report).to.deep.include({ channels: 0, programmes: 1, skipped: 8, repaired: 1 });
    const messages = report.warnings.map((w) => w.message);
    expect(messages).to.deep.equal([
      'channels[0] skipped: id: missing or not a non-empty string',
      'channels[1] skipped: must be an object',
      'programmes[0] skipped: start: "2025-01-26 19:00" is not an ISO-8601 date-time with a zone (e.g. "2025-01-26T09:00:00+08:00")',
      'programmes[1] skipped: channel: missing or not a non-empty string',
      'programmes[2] skipped: title: empty',
      'programmes[3].eventId: must be a non-negative integer; programmes[3].rating: must be an object {system, value, minAge?}; ' +
        'programmes[3].episode.season: must be a zero-based integer; programmes[3].flags.new: must be true or false (fields dropped)',
      'programmes[4] skipped: start: "2025-02-30T19:00:00Z" is not a real date-time',
      'programmes[5] skipped: start: 1737918000000 is not an ISO-8601 date-time with a zone (e.g. "2025-01-26T09:00:00+08:00")',
      messages[8] ?? '',
    ]);
    expect(messages[8]).to.match(/^programmes\[6\] skipped: not valid JSON/);
    expect(report.warnings[2]?.where).to.equal('programmes[0]');
  });

  it('repairs end times like XMLTV: missing, backwards, overlapping', async () => {
    const programmes = [
      { channel: 'a', start: '2025-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z', title: 'Zero' },
      { channel: 'a', start: '2025-01-01T01:00:00Z', end: '2025-01-02T01:00:00Z', title: 'Filler' },
      { channel: 'a', start: '2025-01-01T02:00:00Z', end: 'soon', title: 'Bad end' },
      { channel: 'a', start: '2025-01-01T03:00:00Z', end: '2025-01-01T04:00:00Z', title: 'Last' },
    ];
    const { programmes: out, report } = await parse(JSON.stringify({ programmes }));
    expect(out.map((p) => [(p.start - Date.UTC(2025, 0, 1)) / H, (p.end - Date.UTC(2025, 0, 1)) / H])).to.deep.equal([[0, 1], [1, 2], [2, 3], [3, 4]]);
    expect(report).to.deep.include({ repaired: 3, skipped: 0 });
    expect(report.warnings.map((w) => w.code)).to.deep.equal(['stop-before-start', 'bad-end', 'overlap', 'missing-stop']);
  });

  it('streams a large guide in batches of 1000', async () => {
    const programmes = Array.from({ length: 2100 }, (_, i) => ({
      channel: `c${i % 2}`, start: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), end: new Date(Date.UTC(2025, 0, 1) + (i + 2) * 60_000).toISOString(), title: `P${i}`,
    }));
    const bytes = encoder.encode(JSON.stringify({ channels: [], programmes }));
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 8192) yield bytes.slice(i, i + 8192);
      await Promise.resolve();
    }
    const sizes: number[] = [];
    for await (const batch of findEpgSource('json').parse(chunks(), createEpgReport())) sizes.push(batch.programmes.length);
    expect(sizes).to.deep.equal([1000, 1000, 100]);
  });

  it('refuses a document that is not a JSON object or is structurally broken, with the offset', async () => {
    const notObject = await parseError('[1, 2]');
    expect(notObject.code).to.equal(ErrorCode.EpgInputInvalid);
    expect(notObject.message).to.contain('offset 0').and.contain('not a JSON object');
    expect((await parseError('{"programmes": [{"a": 1} {"b": 2}]}')).message).to.contain("expected ',' or ']' after programmes[0]");
    expect((await parseError('{"programmes": [{"a": 1}')).message).to.contain('ends before it is complete');
    expect((await parseError('{"programmes": {"a": 1}}')).message).to.contain('"programmes" must be an array');
    expect((await parseError('{"a": 1} x')).message).to.contain('text after the end');
  });

  it('accepts an empty guide and a BOM', async () => {
    expect((await parse('\uFEFF{}')).report).to.deep.include({ channels: 0, programmes: 0, skipped: 0 });
    expect((await parse('{"channels": [], "programmes": []}')).programmes).to.deep.equal([]);
  });

  it('is detected by an object naming channels or programmes', () => {
    expect(detectEpgSource(encoder.encode(' {"format":"yiwang-epg","programmes": [')).format).to.equal('json');
    expect(findEpgSource('json').probe(encoder.encode('{"items": []}'))).to.equal(false);
    expect(findEpgSource('json').probe(encoder.encode('<tv>'))).to.equal(false);
  });
});

describe('JsonItemSplitter', () => {
  it('hands over items and members, with strings holding brackets, quotes and escapes', () => {
    const doc = '{"a":[{"s":"x\\\\"},{"t":"]}\\"["},[1,[2]],"str",3,true,null],"k\\"ey":{"n":[1]},"z":-1.5e3}';
    const seen: string[] = [];
    const run = (chunks: string[]): string[] => {
      seen.length = 0;
      const splitter = new JsonItemSplitter({
        item: (key, index, json) => seen.push(`${key}[${index}]=${json}`),
        member: (key, json) => seen.push(`${key}=${json}`),
      });
      for (const chunk of chunks) splitter.write(chunk);
      splitter.end();
      return [...seen];
    };
    const expected = [
      'a[0]={"s":"x\\\\"}', 'a[1]={"t":"]}\\"["}', 'a[2]=[1,[2]]', 'a[3]="str"', 'a[4]=3', 'a[5]=true', 'a[6]=null',
      'k"ey={"n":[1]}', 'z=-1.5e3',
    ];
    expect(run([doc])).to.deep.equal(expected);
    for (let cut = 0; cut <= doc.length; cut++) expect(run([doc.slice(0, cut), doc.slice(cut)]), `cut at ${cut}`).to.deep.equal(expected);
    expect(run(Array.from({ length: doc.length }, (_, i) => doc.charAt(i))), 'char by char').to.deep.equal(expected);
  });
});
