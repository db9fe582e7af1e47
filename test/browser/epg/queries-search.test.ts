import { expect } from '@esm-bundle/chai';
import { firstValueFrom, skip } from 'rxjs';
import type { Programme } from '../../../sdk/epg/model.js';
import { byGenre, listChannels, live, programme, search } from '../../../sdk/epg/queries/index.js';
import type { EpgStore } from '../../../sdk/epg/store/index.js';
import { generateGuide, guideBatches, makeChannel, makeProgramme } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide } from '../support/test-guides.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T = Math.floor(Date.now() / HOUR) * HOUR;

let n = 0;
function show(title: string, startHours: number, genres: Programme['genres'] = [], channelId = 'c1'): Programme {
  n++;
  return makeProgramme({ channelId, eventId: n, start: T + startHours * HOUR, end: T + (startHours + 1) * HOUR, title, genres });
}

const NOON_NEWS = show('午间新闻', 3, ['news']);
const EVENING_NEWS = show('新闻联播', 1, ['news'], 'c2');
const WEATHER = show('天气预报', 2);
const CCTV_NEWS = show('CCTV News', 4, ['news'], 'c3');
const NEWS_AT_TEN = show('NEWS at Ten', 5, ['news'], 'c3');
const NEWSROOM = show('Newsroom', 6, [], 'c3');
const LEAGUE = show('Premier League Live', 7, ['sports'], 'c3');
const CZECH = show('Zprávy ČT', 8, ['news'], 'c4');
const ALL = [NOON_NEWS, EVENING_NEWS, WEATHER, CCTV_NEWS, NEWS_AT_TEN, NEWSROOM, LEAGUE, CZECH];

async function ids(promise: Promise<Programme[]>): Promise<string[]> {
  return (await promise).map((p) => p.id);
}

afterEach(deleteTestGuides);

describe('search', () => {
  let guide: EpgStore;
  beforeEach(async () => {
    guide = await openTestGuide();
    await guide.putProgrammes(ALL, { now: T });
  });

  it('finds CJK substrings, one character or more, in start order', async () => {
    expect(await ids(search(guide, '新闻'))).to.deep.equal([EVENING_NEWS.id, NOON_NEWS.id]);
    expect(await ids(search(guide, '间新闻'))).to.deep.equal([NOON_NEWS.id]);
    // One character: first, middle or last of a title.
    expect(await ids(search(guide, '午'))).to.deep.equal([NOON_NEWS.id]);
    expect(await ids(search(guide, '间'))).to.deep.equal([NOON_NEWS.id]);
    expect(await ids(search(guide, '闻'))).to.deep.equal([EVENING_NEWS.id, NOON_NEWS.id]);
    expect(await ids(search(guide, '报'))).to.deep.equal([WEATHER.id]);
    expect(await ids(search(guide, '闻', { limit: 1 }))).to.deep.equal([EVENING_NEWS.id]);
    expect(await ids(search(guide, '预报'))).to.deep.equal([WEATHER.id]);
    expect(await ids(search(guide, '新闻报'))).to.deep.equal([]);
    expect(await ids(search(guide, '体育'))).to.deep.equal([]);
  });

  it('matches Latin whole words, ignoring case, accents and full-width forms', async () => {
    expect(await ids(search(guide, 'news'))).to.deep.equal([CCTV_NEWS.id, NEWS_AT_TEN.id]);
    expect(await ids(search(guide, 'NeWs'))).to.deep.equal([CCTV_NEWS.id, NEWS_AT_TEN.id]);
    expect(await ids(search(guide, 'newsroom'))).to.deep.equal([NEWSROOM.id]);
    expect(await ids(search(guide, 'new'))).to.deep.equal([]);
    expect(await ids(search(guide, 'league premier'))).to.deep.equal([LEAGUE.id]);
    expect(await ids(search(guide, 'premier cup'))).to.deep.equal([]);
    expect(await ids(search(guide, 'zpravy'))).to.deep.equal([CZECH.id]);
    expect(await ids(search(guide, 'ＣＣＴＶ'))).to.deep.equal([CCTV_NEWS.id]);
    expect(await ids(search(guide, '  ?! '))).to.deep.equal([]);
  });

  it('honours limit and from', async () => {
    expect(await ids(search(guide, 'news', { limit: 1 }))).to.deep.equal([CCTV_NEWS.id]);
    // CCTV News ends at T+5h: still running at T+4.5h, over at T+5h.
    expect(await ids(search(guide, 'news', { from: T + 4.5 * HOUR }))).to.deep.equal([CCTV_NEWS.id, NEWS_AT_TEN.id]);
    expect(await ids(search(guide, 'news', { from: T + 5 * HOUR }))).to.deep.equal([NEWS_AT_TEN.id]);
  });

  it('returns the first matches by start across many days and channels', async () => {
    const big = await openTestGuide();
    const spec = { channels: 12, hours: 4 * 24, start: T, seed: 11 };
    await big.importBatches(guideBatches(spec), { now: T });
    const expected = generateGuide(spec).programmes
      .filter((p) => (p.titles.zh ?? '').includes('新闻'))
      .sort((a, b) => a.start - b.start || (a.channelId < b.channelId ? -1 : 1));
    expect(expected.length).to.be.greaterThan(100);
    expect(await ids(search(big, '新闻', { limit: 60 }))).to.deep.equal(expected.slice(0, 60).map((p) => p.id));
    const from = T + 50 * HOUR;
    expect(await ids(search(big, '新闻', { limit: 25, from })))
      .to.deep.equal(expected.filter((p) => p.end > from).slice(0, 25).map((p) => p.id));
  });

  it('as a live query, re-runs after an import', async () => {
    const next = firstValueFrom(live(guide, () => search(guide, '体育')).pipe(skip(1)));
    await guide.putProgrammes([show('体育新闻', 9, ['sports'])], { now: T });
    expect((await next).map((p) => p.titles.zh)).to.deep.equal(['体育新闻']);
  });
});

describe('byGenre, programme, listChannels', () => {
  let guide: EpgStore;
  beforeEach(async () => {
    guide = await openTestGuide();
    await guide.putProgrammes(ALL, { now: T });
  });

  it('byGenre lists a genre within a window, in start order, up to a limit', async () => {
    expect(await ids(byGenre(guide, 'news'))).to.deep.equal(
      [EVENING_NEWS.id, NOON_NEWS.id, CCTV_NEWS.id, NEWS_AT_TEN.id, CZECH.id]);
    expect(await ids(byGenre(guide, 'news', { from: T + 3.5 * HOUR, to: T + 6 * HOUR }))).to.deep.equal(
      [NOON_NEWS.id, CCTV_NEWS.id, NEWS_AT_TEN.id]);
    expect(await ids(byGenre(guide, 'news', { limit: 2 }))).to.deep.equal([EVENING_NEWS.id, NOON_NEWS.id]);
    expect(await ids(byGenre(guide, 'sports'))).to.deep.equal([LEAGUE.id]);
    expect(await ids(byGenre(guide, 'music'))).to.deep.equal([]);
  });

  it('programme finds one by its stable id', async () => {
    expect(await programme(guide, CZECH.id)).to.deep.equal(CZECH);
    expect(await programme(guide, 'c4#999')).to.equal(undefined);
  });

  it('listChannels orders by logical channel number, then id', async () => {
    await guide.putChannels([makeChannel('z', 'Z', '10'), makeChannel('b', 'B'), makeChannel('a', 'A', '2'), makeChannel('c', 'C')]);
    expect((await listChannels(guide)).map((c) => c.id)).to.deep.equal(['a', 'z', 'b', 'c']);
  });
});
