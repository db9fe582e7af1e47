import { expect } from '@esm-bundle/chai';
import { firstValueFrom, take, toArray } from 'rxjs';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import type { Programme } from '../../../sdk/epg/model.js';
import { grid, nowNext, watchGrid, watchNowNext, type GridCell, type GridRow } from '../../../sdk/epg/queries/index.js';
import { makeProgramme } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide, sleep } from '../support/test-guides.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 18:00 UTC today: windows below cross midnight UTC. */
const T = Math.floor(Date.now() / DAY) * DAY + 18 * HOUR;

const A = makeProgramme({ channelId: 'a', eventId: 1, start: T, end: T + HOUR, title: '新闻联播' });
const B = makeProgramme({ channelId: 'a', eventId: 2, start: T + HOUR, end: T + 2 * HOUR, title: '天气预报' });
const C = makeProgramme({ channelId: 'a', eventId: 3, start: T + 3 * HOUR, end: T + 5 * HOUR, title: '电影' });
/** Crosses midnight UTC: stored in the day it starts. */
const LATE = makeProgramme({ channelId: 'b', eventId: 1, start: T + 5 * HOUR + 30 * MINUTE, end: T + 7 * HOUR, title: '午夜剧场' });

/** A cell as [kind, start, end, programme id?], offsets in minutes from T. */
function describeCells(row: GridRow | undefined): Array<[string, number, number, string?]> {
  return (row?.cells ?? []).map((cell: GridCell) => cell.kind === 'gap'
    ? ['gap', (cell.start - T) / MINUTE, (cell.end - T) / MINUTE]
    : ['programme', (cell.start - T) / MINUTE, (cell.end - T) / MINUTE, cell.programme.id]);
}

afterEach(deleteTestGuides);

describe('nowNext', () => {
  it('finds the programme on air and the next one, in gaps and across midnight', async () => {
    const guide = await openTestGuide();
    await guide.putProgrammes([A, B, C, LATE], { now: T });
    expect(await nowNext(guide, 'a', T + 30 * MINUTE)).to.deep.equal({ now: A, next: B });
    expect(await nowNext(guide, 'a', T + HOUR)).to.deep.equal({ now: B, next: C });
    const inGap = await nowNext(guide, 'a', T + 150 * MINUTE);
    expect(inGap.now).to.equal(undefined);
    expect(inGap.next).to.deep.equal(C);
    const after = await nowNext(guide, 'a', T + 6 * HOUR);
    expect([after.now, after.next]).to.deep.equal([undefined, undefined]);
    // 00:15 UTC the next day: on air since yesterday's day record.
    expect((await nowNext(guide, 'b', T + 6 * HOUR + 15 * MINUTE)).now).to.deep.equal(LATE);
    expect(await nowNext(guide, 'nobody', T)).to.deep.equal({ now: undefined });
  });

  it('watchNowNext re-emits when the programme on air ends, and after an import for its channel', async () => {
    const guide = await openTestGuide();
    const now = Date.now();
    const ending = makeProgramme({ channelId: 'w', eventId: 1, start: now - MINUTE, end: now + 300, title: '片尾' });
    const following = makeProgramme({ channelId: 'w', eventId: 2, start: now + 300, end: now + HOUR, title: '下一个' });
    await guide.putProgrammes([ending, following]);
    const values = await firstValueFrom(watchNowNext(guide, 'w').pipe(take(2), toArray()));
    expect(values.map((v) => [v.now?.id, v.next?.id])).to.deep.equal([['w#1', 'w#2'], ['w#2', undefined]]);
    expect(Date.now()).to.be.at.least(now + 300);

    const later = makeProgramme({ channelId: 'w', eventId: 3, start: now + HOUR, end: now + 2 * HOUR, title: '再下一个' });
    const seen: Array<string | undefined> = [];
    const subscription = watchNowNext(guide, 'w').subscribe((v) => seen.push(v.next?.id));
    await sleep(50);
    await guide.putProgrammes([makeProgramme({ channelId: 'other', start: now, end: now + HOUR, title: 'x' })]);
    await sleep(100);
    await guide.putProgrammes([later]);
    await sleep(150);
    subscription.unsubscribe();
    expect(seen).to.deep.equal([undefined, 'w#3']);
  });

  it('watchNowNext completes when the store closes', async () => {
    const guide = await openTestGuide();
    let completed = false;
    watchNowNext(guide, 'a').subscribe({ complete: () => (completed = true) });
    await sleep(20);
    guide.close();
    expect(completed).to.equal(true);
  });
});

describe('grid', () => {
  it('clips programmes to the window, keeps their own times, and fills gaps', async () => {
    const guide = await openTestGuide();
    await guide.putProgrammes([A, B, C, LATE], { now: T });
    const rows = await grid(guide, { channels: ['a', 'empty', 'b'], from: T + 30 * MINUTE, to: T + 4 * HOUR });
    expect(rows.map((r) => r.channelId)).to.deep.equal(['a', 'empty', 'b']);
    expect(describeCells(rows[0])).to.deep.equal([
      ['programme', 30, 60, 'a#1'], // started before the window
      ['programme', 60, 120, 'a#2'],
      ['gap', 120, 180],
      ['programme', 180, 240, 'a#3'], // runs past the window
    ]);
    const first = rows[0]?.cells[0];
    expect(first?.kind === 'programme' ? [first.programme.start, first.programme.end] : []).to.deep.equal([A.start, A.end]);
    expect(describeCells(rows[1])).to.deep.equal([['gap', 30, 240]]);
    expect(describeCells(rows[2])).to.deep.equal([['gap', 30, 240]]);

    // A window after midnight UTC sees the programme that started the day before.
    const night = await grid(guide, { channels: ['b'], from: T + 6 * HOUR, to: T + 8 * HOUR });
    expect(describeCells(night[0])).to.deep.equal([['programme', 360, 420, 'b#1'], ['gap', 420, 480]]);
  });

  it('lays overlapping programmes one after the other and drops one hidden entirely', async () => {
    const guide = await openTestGuide();
    const long = makeProgramme({ channelId: 'o', eventId: 1, start: T, end: T + 2 * HOUR, title: 'long' });
    const overlapping = makeProgramme({ channelId: 'o', eventId: 2, start: T + HOUR, end: T + 3 * HOUR, title: 'overlapping' });
    const hidden = makeProgramme({ channelId: 'o', eventId: 3, start: T + 30 * MINUTE, end: T + 90 * MINUTE, title: 'hidden' });
    // One import: the store supersedes stored programmes, not those arriving together.
    await guide.putProgrammes([long, overlapping, hidden], { now: T });
    const rows = await grid(guide, { channels: ['o'], from: T, to: T + 3 * HOUR });
    expect(describeCells(rows[0])).to.deep.equal([['programme', 0, 120, 'o#1'], ['programme', 120, 180, 'o#2']]);
  });

  it('rejects an empty or inverted window with EpgArgumentInvalid', async () => {
    const guide = await openTestGuide();
    let error: unknown;
    try {
      await grid(guide, { channels: ['a'], from: T, to: T });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(YiwangError);
    expect((error as YiwangError).code).to.equal(ErrorCode.EpgArgumentInvalid);
  });

  it('watchGrid re-emits after an import touching its channels and window, not after others', async () => {
    const guide = await openTestGuide();
    await guide.putProgrammes([A], { now: T });
    const emitted: GridRow[][] = [];
    const subscription = watchGrid(guide, { channels: ['a'], from: T, to: T + 2 * HOUR }).subscribe((rows) => emitted.push(rows));
    await sleep(50);
    // Another channel, and the same channel outside the window: no re-run.
    await guide.putProgrammes([makeProgramme({ channelId: 'zz', start: T, end: T + HOUR, title: 'x' })], { now: T });
    await guide.putProgrammes([C], { now: T });
    await sleep(150);
    expect(emitted).to.have.length(1);
    await guide.putProgrammes([B], { now: T });
    await sleep(150);
    subscription.unsubscribe();
    expect(emitted.map((rows) => describeCells(rows[0]))).to.deep.equal([
      [['programme', 0, 60, 'a#1'], ['gap', 60, 120]],
      [['programme', 0, 60, 'a#1'], ['programme', 60, 120, 'a#2']],
    ]);
  });
});

// Keep the fixture programmes honest: the grid tests rely on these offsets.
describe('grid fixtures', () => {
  it('cross midnight UTC where the tests say so', () => {
    const day = (p: Programme): number => Math.floor(p.start / DAY);
    expect(day(LATE)).to.equal(day(A));
    expect(Math.floor((T + 6 * HOUR) / DAY)).to.equal(day(A) + 1);
  });
});
