import { expect } from '@esm-bundle/chai';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import { epgStoreHooks } from '../../../sdk/epg/store/hooks.js';
import type { EpgStore, StoreChange } from '../../../sdk/epg/store/index.js';
import { guideBatches, makeProgramme } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide } from '../support/test-guides.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T = Math.floor(Date.now() / DAY) * DAY + 12 * HOUR; // midday UTC: days split cleanly around it

async function ids(guide: EpgStore): Promise<string[]> {
  const records = await guide.db.getAll('schedules');
  return records.flatMap((r) => r.programmes.map((p) => p.id)).sort();
}

afterEach(async () => {
  epgStoreHooks.beforeWrite = undefined;
  await deleteTestGuides();
});

describe('EpgStore prune', () => {
  it('deletes programmes that ended before now − retention, whole days and within a day', async () => {
    const guide = await openTestGuide({ retentionMs: 24 * HOUR });
    const p = (id: number, start: number, end: number) => makeProgramme({ channelId: 'c', eventId: id, start, end, title: `P${id}` });
    await guide.putProgrammes([
      p(1, T - 3 * DAY, T - 3 * DAY + HOUR), // its day ends long before the cutoff
      p(2, T - 2 * DAY, T - 2 * DAY + HOUR),
      p(3, T - 26 * HOUR, T - 25 * HOUR), // same day as the cutoff, ended before it
      p(4, T - 25 * HOUR, T - 23 * HOUR), // still running at the cutoff
      p(5, T, T + HOUR),
    ], { now: T - 10 * DAY });
    const changes: StoreChange[] = [];
    guide.changes.subscribe((c) => changes.push(c));

    expect(await guide.prune(T)).to.equal(3);
    expect(await ids(guide)).to.deep.equal(['c#4', 'c#5']);
    expect(Object.keys((await guide.db.get('directory', 'c'))?.days ?? {}).sort()).to.deep.equal(['c#4', 'c#5']);
    expect(changes).to.deep.equal([{ kind: 'pruned', to: T - DAY, count: 3, origin: 'local' }]);
    expect(await guide.prune(T)).to.equal(0);
    expect(changes).to.have.length(1);
  });
});

describe('EpgStore quota handling', () => {
  const old = makeProgramme({ channelId: 'old', eventId: 1, start: T - 3 * DAY, end: T - 3 * DAY + HOUR, title: 'old' });
  const fresh = makeProgramme({ channelId: 'new', eventId: 1, start: T, end: T + HOUR, title: 'new' });

  it('prunes and retries once when a write fails with QuotaExceededError', async () => {
    const guide = await openTestGuide();
    await guide.putProgrammes([old], { now: T - 5 * DAY });
    const attempts: number[] = [];
    epgStoreHooks.beforeWrite = ({ attempt }) => {
      attempts.push(attempt);
      if (attempt === 1) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const summary = await guide.putProgrammes([fresh]);
    expect(attempts).to.deep.equal([1, 2]);
    expect(summary).to.include({ programmes: 1, pruned: 1 });
    expect(await ids(guide)).to.deep.equal(['new#1']);
  });

  it('throws EpgStoreQuotaExceeded when the retry fails too, keeping what was committed', async () => {
    const guide = await openTestGuide({ chunkSize: 100 });
    await guide.putProgrammes([old], { now: T - 5 * DAY });
    let writes = 0;
    epgStoreHooks.beforeWrite = () => {
      writes++;
      if (writes > 1) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    let error: unknown;
    try {
      await guide.importBatches(guideBatches({ channels: 4, hours: 48, start: T }, 30));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(YiwangError);
    const quota = error as YiwangError;
    expect(quota.code).to.equal(ErrorCode.EpgStoreQuotaExceeded);
    expect(quota.data).to.deep.equal({ needed: 100, pruned: 1 });
    expect(quota.message).to.contain('out of storage');
    // The first transaction committed; the failed one left nothing behind.
    expect(await ids(guide)).to.have.length(96);
  });

  it('reports other write errors as EpgStoreWriteFailed, without a retry', async () => {
    const guide = await openTestGuide();
    let attempts = 0;
    epgStoreHooks.beforeWrite = () => {
      attempts++;
      throw new DOMException('disk failure', 'UnknownError');
    };
    let error: unknown;
    try {
      await guide.putProgrammes([fresh]);
    } catch (e) {
      error = e;
    }
    expect(attempts).to.equal(1);
    expect((error as YiwangError).code).to.equal(ErrorCode.EpgStoreWriteFailed);
    expect((error as YiwangError).data).to.deep.equal({ name: guide.name, reason: 'UnknownError: disk failure' });
  });
});
