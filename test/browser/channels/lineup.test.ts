import { expect } from '@esm-bundle/chai';
import { firstValueFrom } from 'rxjs';
import { ErrorCode, openLineup, type Channel, type Lineup } from '../../../sdk/index.js';
import { TEST_LINEUP } from './support/lineup-fixture.js';
import { deleteDb, testLivePlatform, uniqueDbName } from './support/test-live-platform.js';
import { rejection } from '../support/rejections.js';

function service(id: string, number: number, name: string, extra: Partial<Channel> = {}): Channel {
  return { id, number, name, kind: 'tv', scrambled: false, origin: 'platform', ...extra };
}

describe('openLineup', () => {
  const opened: Lineup[] = [];
  const dbs: string[] = [];
  const db = (): string => {
    const name = uniqueDbName('channels-test');
    dbs.push(name);
    return name;
  };
  afterEach(async () => {
    for (const lineup of opened.splice(0)) lineup.close();
    for (const name of dbs.splice(0)) await deleteDb(name);
  });
  const open = async (...args: Parameters<typeof openLineup>): Promise<Lineup> => {
    const lineup = await openLineup(...args);
    opened.push(lineup);
    return lineup;
  };

  it('merges the JSON lineup with the service list: lineup wins on id or number, box-only services kept, sorted', async () => {
    const platform = testLivePlatform([
      service('8448.1.101', 101, 'CCTV-1 from the scan', { triplet: { onid: 8448, tsid: 1, sid: 101 } }),
      service('local-news', 5, 'Local news (number taken by the lineup)'),
      service('9.9.9', 4, 'Box-only', { triplet: { onid: 9, tsid: 9, sid: 9 } }),
      service('dup', 4, 'Repeats number 4'),
    ]);
    const lineup = await open({ json: TEST_LINEUP, platform, dbName: db() });
    expect(lineup.channels.map((c) => [c.number, c.id, c.origin])).to.deep.equal([
      [1, '8448.1.101', 'lineup'], [2, '8448.1.102', 'lineup'], [3, 'data-1', 'lineup'], [4, '9.9.9', 'platform'],
      [5, 'movie', 'lineup'], [8, 'radio-1', 'lineup'], [10, 'sports', 'lineup'], [12, 'kids', 'lineup'],
    ]);
    expect(lineup.byId('8448.1.101')?.name).to.equal('CCTV-1');
    expect(lineup.warnings).to.deep.equal([{ path: 'serviceList[3]', message: 'dup (4) repeats 9.9.9 (4); skipped' }]);
    expect(lineup.byNumber(4)?.id).to.equal('9.9.9');
    expect(lineup.byTriplet({ onid: 9, tsid: 9, sid: 9 })?.name).to.equal('Box-only');
    expect(lineup.byTriplet({ onid: 8448, tsid: 1, sid: 102 })?.number).to.equal(2);
    expect(lineup.byId('nope')).to.equal(undefined);
    expect(await firstValueFrom(lineup.channels$)).to.equal(lineup.channels);
  });

  it('fetches the lineup URL and resolves relative logos against it', async () => {
    // Served by the test server as plain text (a .json file would be turned into a JS module).
    const url = new URL('./fixtures/small-lineup.txt', import.meta.url).href;
    const lineup = await open({ url, dbName: db() });
    expect(lineup.channels.map((c) => c.id)).to.deep.equal(['a']);
    expect(lineup.channels[0]?.logo).to.equal(new URL('./fixtures/logo-a.png', import.meta.url).href);
  });

  it('rejects LineupInvalid when nothing could be read, and keeps going on the service list when only the URL fails', async () => {
    const missing = new URL('/no-such-lineup.json', location.href).href;
    const error = await rejection(openLineup({ url: missing, dbName: db() }));
    expect(error.code).to.equal(ErrorCode.LineupInvalid);
    expect(error.data).to.deep.equal({ source: missing, reason: 'HTTP 404' });
    expect((await rejection(openLineup({ dbName: db() }))).code).to.equal(ErrorCode.LineupInvalid);

    const lineup = await open({ url: missing, platform: testLivePlatform([service('s', 7, 'Scanned')]), dbName: db() });
    expect(lineup.channels.map((c) => c.id)).to.deep.equal(['s']);
    expect(lineup.warnings[0]?.path).to.equal('lineup');
    expect(lineup.warnings[0]?.message).to.contain('HTTP 404');
  });

  it('refresh re-reads the sources and emits the new list', async () => {
    let services: Channel[] = [service('a', 1, 'A')];
    const platform = { ...testLivePlatform(), serviceList: () => Promise.resolve(services) };
    const lineup = await open({ platform, dbName: db() });
    const seen: string[][] = [];
    const sub = lineup.channels$.subscribe((list) => seen.push(list.map((c) => c.id)));
    services = [service('b', 2, 'B'), service('a', 1, 'A')];
    await lineup.refresh();
    sub.unsubscribe();
    expect(seen).to.deep.equal([['a'], ['a', 'b']]);
    expect(lineup.byNumber(2)?.id).to.equal('b');
  });

  it('persists favourites (in order) and recents (newest first, deduplicated, capped) across re-open', async () => {
    const name = db();
    const first = await open({ json: TEST_LINEUP, dbName: name, maxRecents: 3 });
    await first.setFavourite('kids', true);
    await first.setFavourite('movie', true);
    await first.setFavourite('8448.1.101', true);
    await first.setFavourite('movie', true);
    await first.setFavourite('kids', false);
    for (const id of ['kids', 'movie', 'sports', 'kids', 'radio-1']) await first.addRecent(id);
    expect(await firstValueFrom(first.favourites$)).to.deep.equal(['movie', '8448.1.101']);
    expect(await firstValueFrom(first.recents$)).to.deep.equal(['radio-1', 'kids', 'sports']);
    first.close();
    opened.splice(opened.indexOf(first), 1);

    const second = await open({ json: TEST_LINEUP, dbName: name, maxRecents: 3 });
    expect(await firstValueFrom(second.favourites$)).to.deep.equal(['movie', '8448.1.101']);
    expect(await firstValueFrom(second.recents$)).to.deep.equal(['radio-1', 'kids', 'sports']);
    expect(second.isFavourite('movie')).to.equal(true);
    expect(second.isFavourite('kids')).to.equal(false);
  });

  it('keeps favourites and recents of channels gone from the lineup, unlisted until they come back', async () => {
    const name = db();
    const full = await open({ json: TEST_LINEUP, dbName: name });
    await full.setFavourite('sports', true);
    await full.setFavourite('kids', true);
    await full.addRecent('sports');
    full.close();
    opened.splice(opened.indexOf(full), 1);

    const withoutSports = { ...TEST_LINEUP, channels: TEST_LINEUP.channels.filter((c) => !('id' in c) || c.id !== 'sports') };
    const reduced = await open({ json: withoutSports, dbName: name });
    expect(await firstValueFrom(reduced.favourites$)).to.deep.equal(['kids']);
    expect(await firstValueFrom(reduced.recents$)).to.deep.equal([]);
    expect(reduced.isFavourite('sports'), 'still stored').to.equal(true);
    reduced.close();
    opened.splice(opened.indexOf(reduced), 1);

    const back = await open({ json: TEST_LINEUP, dbName: name });
    expect(await firstValueFrom(back.favourites$)).to.deep.equal(['sports', 'kids']);
    expect(await firstValueFrom(back.recents$)).to.deep.equal(['sports']);
  });

  it('rejects ChannelUnknown for a favourite or recent not in the lineup', async () => {
    const lineup = await open({ json: TEST_LINEUP, dbName: db() });
    expect((await rejection(lineup.setFavourite('nope', true))).code).to.equal(ErrorCode.ChannelUnknown);
    expect((await rejection(lineup.addRecent('nope'))).code).to.equal(ErrorCode.ChannelUnknown);
    await lineup.setFavourite('nope', false); // removing an unknown id is harmless
  });

  it('a second lineup on the same database sees the first one\'s changes live', async () => {
    const name = db();
    const a = await open({ json: TEST_LINEUP, dbName: name });
    const b = await open({ json: TEST_LINEUP, dbName: name });
    const seen = new Promise<readonly string[]>((resolve) => {
      const sub = b.favourites$.subscribe((ids) => {
        if (ids.length > 0) {
          resolve(ids);
          queueMicrotask(() => sub.unsubscribe());
        }
      });
    });
    await a.setFavourite('movie', true);
    expect(await seen).to.deep.equal(['movie']);
  });

  it('reports ChannelStoreFailed when the database cannot be opened', async () => {
    const name = db();
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 99);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    newer.close();
    const error = await rejection(openLineup({ json: TEST_LINEUP, dbName: name }));
    expect(error.code).to.equal(ErrorCode.ChannelStoreFailed);
    expect(error.data['operation']).to.equal('open');
  });
});
