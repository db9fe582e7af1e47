import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import { byGenre, programme, search } from '../../../sdk/epg/queries/index.js';
import { EPG_DB_VERSION } from '../../../sdk/epg/store/index.js';
import { dayOf, migrations, upgradeEpgDB, type EpgDB } from '../../../sdk/epg/store/schema.js';
import { makeProgramme } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide, uniqueGuideName } from '../support/test-guides.js';

const HOUR = 3_600_000;
const T = Math.floor(Date.now() / HOUR) * HOUR;

afterEach(deleteTestGuides);

describe('EpgStore schema migrations', () => {
  it('lists one step per version up to the current one', () => {
    expect(migrations.map((m) => m.version)).to.deep.equal([1, 2]);
    expect(EPG_DB_VERSION).to.equal(2);
  });

  it('migrates a version 1 database: new indexes, derived keys for stored days, data kept', async () => {
    const name = uniqueGuideName('v1');
    const news = makeProgramme({ channelId: 'cctv13', eventId: 7, start: T, end: T + HOUR, title: '午间新闻', genres: ['news'] });
    const v1 = await openDB<EpgDB>(name, 1, {
      upgrade(db, oldVersion, newVersion, tx) {
        upgradeEpgDB(db, tx, oldVersion, newVersion ?? 1, (error) => {
          throw error;
        });
      },
    });
    expect([...v1.transaction('schedules').store.indexNames]).to.deep.equal(['byDay']);
    // A version 1 record: no end, no genre or term keys.
    await v1.put('schedules', { channelId: 'cctv13', day: dayOf(T), programmes: [news] } as never);
    await v1.put('directory', { channelId: 'cctv13', days: { [news.id]: dayOf(T) } });
    await v1.put('channels', { id: 'cctv13', names: { zh: 'CCTV-13 新闻' } });
    v1.close();

    const guide = await openTestGuide({ name });
    expect(guide.db.version).to.equal(EPG_DB_VERSION);
    expect([...guide.db.transaction('schedules').store.indexNames].sort())
      .to.deep.equal(['byDay', 'byEnd', 'byGenre', 'byTerm']);
    const record = await guide.db.get('schedules', ['cctv13', dayOf(T)]);
    expect(record?.end).to.equal(T + HOUR);
    expect(record?.terms).to.deep.include(['新闻', dayOf(T)]);
    expect((await search(guide, '新闻')).map((p) => p.id)).to.deep.equal([news.id]);
    expect((await byGenre(guide, 'news')).map((p) => p.id)).to.deep.equal([news.id]);
    expect(await guide.db.count('channels')).to.equal(1);
    expect(await programme(guide, news.id)).to.deep.equal(news);
    expect(await guide.prune(T + 3 * 24 * HOUR)).to.equal(1);
  });

  it('refuses a database from a newer SDK with EpgStoreOpenFailed', async () => {
    const name = uniqueGuideName('newer');
    (await openDB(name, EPG_DB_VERSION + 1)).close();
    let error: unknown;
    try {
      await openTestGuide({ name });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(YiwangError);
    expect((error as YiwangError).code).to.equal(ErrorCode.EpgStoreOpenFailed);
    expect((error as YiwangError).data.reason).to.match(/^VersionError/);
  });

  it('steps aside when another tab opens a newer schema: closed, then EpgStoreClosed (versionchange)', async () => {
    const name = uniqueGuideName('upgrade');
    const guide = await openTestGuide({ name });
    const newer = await openDB(name, EPG_DB_VERSION + 1);
    expect(guide.closed).to.equal(true);
    newer.close();
    let error: unknown;
    try {
      await guide.prune();
    } catch (e) {
      error = e;
    }
    expect((error as YiwangError).code).to.equal(ErrorCode.EpgStoreClosed);
    expect((error as YiwangError).data).to.deep.equal({ name, reason: 'versionchange' });
  });
});
