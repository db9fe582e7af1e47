import { expect } from '@esm-bundle/chai';
import { firstValueFrom, filter, take, toArray } from 'rxjs';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import { programme } from '../../../sdk/epg/queries/index.js';
import type { EpgStore, StoreChange } from '../../../sdk/epg/store/index.js';
import { generateGuide, guideBatches, makeChannel, makeProgramme } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide, uniqueGuideName } from '../support/test-guides.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T = Math.floor(Date.now() / HOUR) * HOUR;

/** Every stored programme, read straight from the day records. */
async function stored(guide: EpgStore): Promise<Array<{ id: string; start: number; title: string | undefined }>> {
  const records = await guide.db.getAll('schedules');
  return records.flatMap((r) => r.programmes.map((p) => ({ id: p.id, start: p.start, title: p.titles.zh })));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

afterEach(deleteTestGuides);

describe('EpgStore import', () => {
  it('upserts by id: a re-import of the same guide does not duplicate', async () => {
    const guide = await openTestGuide();
    const spec = { channels: 3, hours: 30, start: T - 2 * HOUR, seed: 5 };
    const { programmes } = generateGuide(spec);
    const first = await guide.importBatches(guideBatches(spec, 20));
    expect(first.channels).to.equal(3);
    expect(first.programmes).to.equal(programmes.length);
    expect(first.superseded).to.equal(0);
    const again = await guide.importBatches(guideBatches(spec, 7));
    expect(again.programmes).to.equal(programmes.length);
    expect(again.superseded).to.equal(0);

    const rows = await stored(guide);
    expect(rows).to.have.length(programmes.length);
    expect(new Set(rows.map((r) => r.id)).size).to.equal(programmes.length);
    expect(await guide.db.count('channels')).to.equal(3);
  });

  it('moves a rescheduled event with a stable id, near or days away, instead of keeping both', async () => {
    const guide = await openTestGuide();
    const ch = 'cctv1';
    await guide.putProgrammes([
      makeProgramme({ channelId: ch, eventId: 1, start: T + HOUR, end: T + 2 * HOUR, title: '新闻联播' }),
      makeProgramme({ channelId: ch, eventId: 2, start: T + 3 * DAY, end: T + 3 * DAY + HOUR, title: '天气预报' }),
    ]);
    await guide.putProgrammes([
      makeProgramme({ channelId: ch, eventId: 1, start: T + 90 * MINUTE, end: T + 150 * MINUTE, title: '新闻联播（重播）' }),
    ]);
    let rows = await stored(guide);
    expect(rows.filter((r) => r.id === 'cctv1#1')).to.deep.equal([{ id: 'cctv1#1', start: T + 90 * MINUTE, title: '新闻联播（重播）' }]);

    // Five days later: outside the days read around it, found through the id index.
    await guide.putProgrammes([
      makeProgramme({ channelId: ch, eventId: 1, start: T + 5 * DAY, end: T + 5 * DAY + HOUR, title: '新闻联播' }),
    ]);
    rows = await stored(guide);
    expect(rows.map((r) => r.id).sort()).to.deep.equal(['cctv1#1', 'cctv1#2']);
    expect((await programme(guide, 'cctv1#1'))?.start).to.equal(T + 5 * DAY);
  });

  it('supersedes a stored programme that a shifted one (new @start id) overlaps by more than half', async () => {
    const guide = await openTestGuide();
    const ch = 'bbc';
    const at = (h: number, m = 0): number => T + h * HOUR + m * MINUTE;
    await guide.putProgrammes([
      makeProgramme({ channelId: ch, start: at(1), end: at(1, 30), title: 'News' }),
      makeProgramme({ channelId: ch, start: at(1, 30), end: at(2), title: 'Weather' }),
    ]);
    const summary = await guide.putProgrammes([makeProgramme({ channelId: ch, start: at(1, 5), end: at(1, 35), title: 'News' })]);
    expect(summary.superseded).to.equal(1);
    const rows = await stored(guide);
    expect(rows.map((r) => r.id).sort()).to.deep.equal([`bbc@${at(1, 5)}`, `bbc@${at(1, 30)}`]);
  });

  it('commits in chunks, reports progress and yields to the event loop between transactions', async () => {
    const guide = await openTestGuide({ chunkSize: 500 });
    const spec = { channels: 20, hours: 6 * 24, start: T, seed: 9 };
    const total = generateGuide(spec).programmes.length;
    expect(total).to.be.greaterThan(2500);
    const events: string[] = [];
    let ticking = true;
    const tick = (): void => {
      if (!ticking) return;
      events.push('tick');
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const progress: number[] = [];
    const summary = await guide.importBatches(guideBatches(spec, 5000), {
      onProgress: (p) => {
        progress.push(p.programmes);
        events.push('progress');
      },
    });
    ticking = false;

    expect(summary.transactions).to.equal(Math.ceil((total + 20) / 500));
    expect(progress).to.have.length(summary.transactions);
    expect(progress.at(-1)).to.equal(total);
    expect(progress).to.deep.equal([...progress].sort((a, b) => a - b));
    // Timers ran between most transactions, not only before or after the whole import.
    const between = events.join(' ').split('progress').slice(1, -1);
    expect(between.filter((gap) => gap.includes('tick')).length).to.be.greaterThan(between.length / 2);
  });

  it('skips unusable programmes and does not write those already past the retention window', async () => {
    const guide = await openTestGuide({ retentionMs: HOUR });
    const ok = makeProgramme({ channelId: 'c', start: T, end: T + HOUR, title: 'A' });
    const summary = await guide.putProgrammes([
      ok,
      makeProgramme({ channelId: 'c', start: T + 2 * HOUR, end: T + 2 * HOUR, title: 'empty' }),
      makeProgramme({ channelId: 'c', start: Number.NaN, end: T, title: 'nan' }),
      { ...ok, id: '' },
      makeProgramme({ channelId: 'c', start: T - 5 * HOUR, end: T - 3 * HOUR, title: 'old' }),
    ], { now: T });
    expect(summary).to.include({ programmes: 1, skipped: 3, expired: 1 });
    expect((await stored(guide)).map((r) => r.id)).to.deep.equal([ok.id]);
    expect((await guide.lastImport())?.summary.programmes).to.equal(1);
  });

  it('stops at an abort with EpgImportAborted, keeping committed transactions', async () => {
    const guide = await openTestGuide({ chunkSize: 100 });
    const controller = new AbortController();
    const error = await rejection(guide.importBatches(guideBatches({ channels: 5, hours: 48, start: T }, 50), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.transactions === 2) controller.abort();
      },
    }));
    expect(error).to.be.instanceOf(YiwangError);
    expect((error as YiwangError).code).to.equal(ErrorCode.EpgImportAborted);
    const written = (error as YiwangError).data.programmes as number;
    expect(written).to.be.within(190, 200);
    expect(await stored(guide)).to.have.length(written);
  });

  it('announces changes locally and to other store objects (tabs) through BroadcastChannel', async () => {
    const name = uniqueGuideName('bc');
    const a = await openTestGuide({ name });
    const b = await openTestGuide({ name });
    const local: StoreChange[] = [];
    a.changes.subscribe((c) => local.push(c));
    const remote = firstValueFrom(b.changes.pipe(filter((c) => c.kind === 'programmes'), take(2), toArray()));
    await a.putChannels([makeChannel('x')]);
    await a.putProgrammes([
      makeProgramme({ channelId: 'x', start: T, end: T + HOUR, title: 'A' }),
      makeProgramme({ channelId: 'y', start: T + HOUR, end: T + 2 * HOUR, title: 'B' }),
    ]);
    await a.prune(T + 10 * DAY);
    await a.putProgrammes([makeProgramme({ channelId: 'z', start: T, end: T + HOUR, title: 'C' })]);

    expect(local.map((c) => `${c.kind}/${c.origin}`)).to.deep.equal(
      ['channels/local', 'programmes/local', 'pruned/local', 'programmes/local']);
    expect(local[1]).to.deep.include({ channelIds: ['x', 'y'], from: T, to: T + 2 * HOUR, count: 2 });
    const seen = await remote;
    expect(seen.map((c) => c.origin)).to.deep.equal(['remote', 'remote']);
    expect(seen[0]).to.deep.include({ kind: 'programmes', channelIds: ['x', 'y'], from: T, to: T + 2 * HOUR });
    expect(seen[1]?.channelIds).to.deep.equal(['z']);
  });

  it('rejects use after close with EpgStoreClosed and completes its change feed', async () => {
    const guide = await openTestGuide();
    let completed = false;
    guide.changes.subscribe({ complete: () => (completed = true) });
    guide.close();
    expect(completed).to.equal(true);
    expect(guide.closed).to.equal(true);
    const error = await rejection(guide.putProgrammes([makeProgramme({ channelId: 'c', start: T, end: T + HOUR, title: 'A' })]));
    expect((error as YiwangError).code).to.equal(ErrorCode.EpgStoreClosed);
    expect((error as YiwangError).data).to.deep.equal({ name: guide.name, reason: 'closed' });
  });

  it('rejects bad options with EpgArgumentInvalid', async () => {
    const error = await rejection(openTestGuide({ chunkSize: 0 }));
    expect((error as YiwangError).code).to.equal(ErrorCode.EpgArgumentInvalid);
    expect((error as YiwangError).data).to.include({ name: 'chunkSize', value: 0 });
  });
});
