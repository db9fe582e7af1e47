import { expect } from '@esm-bundle/chai';
import { deleteDB, openDB } from 'idb';
import { createAlertManager } from '../../../sdk/alerts/manager/alert-manager.js';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import {
  HOUR, MINUTE, T0, TestClock, activeKeys, cleanUp, current, makeAlert, openManager, referencing, uniqueDbName,
} from './manager-support.js';

afterEach(cleanUp);

async function storedIds(dbName: string): Promise<string[]> {
  const db = await openDB(dbName);
  try {
    return (await db.getAllKeys('held')).map(String);
  } finally {
    db.close();
  }
}

describe('alert manager: persistence (R16)', () => {
  it('a level-1 alert is still active after a reload', async () => {
    const dbName = uniqueDbName('reload');
    const clock = new TestClock();
    const before = await openManager({ dbName, now: clock.now });
    const red = makeAlert({ identifier: 'RED', level: 1, levelSource: 'china-level', expires: T0 + 6 * HOUR });
    await before.ingest(red, 'broadcast');
    const [shownBefore] = await current(before.active);
    before.close();

    clock.advance(10 * MINUTE);
    const after = await openManager({ dbName, now: clock.now });
    const [shown] = await current(after.active);
    expect(shown?.alert).to.deep.equal(red);
    expect(shown?.receivedAt).to.equal(shownBefore?.receivedAt);
    expect(shown?.until).to.equal(T0 + 6 * HOUR);
    expect(shown?.language).to.equal('zh-cn');
  });

  it('drops what expired while the box was off, from memory and from the database', async () => {
    const dbName = uniqueDbName('expired');
    const clock = new TestClock();
    const before = await openManager({ dbName, now: clock.now });
    await before.ingest(makeAlert({ identifier: 'SHORT', expires: T0 + HOUR }), 'broadcast');
    const long = makeAlert({ identifier: 'LONG', expires: T0 + 5 * HOUR });
    await before.ingest(long, 'broadcast');
    before.close();

    clock.advance(2 * HOUR);
    const after = await openManager({ dbName, now: clock.now });
    expect(await activeKeys(after)).to.deep.equal([long.key]);
    after.close();
    expect(await storedIds(dbName)).to.deep.equal([`a:${long.key}`]);
  });

  it('remembers seen messages, cancels and update lineage across a reload', async () => {
    const dbName = uniqueDbName('memory');
    const clock = new TestClock();
    const before = await openManager({ dbName, now: clock.now });
    const a = makeAlert({ identifier: 'A' });
    const u = makeAlert({ identifier: 'A-u', msgType: 'update', sent: T0 + 1000, ...referencing(a) });
    const gone = makeAlert({ identifier: 'G' });
    await before.ingest(a, 'broadcast');
    await before.ingest(u, 'broadcast');
    await before.ingest(makeAlert({ identifier: 'G-c', msgType: 'cancel', sent: T0 + 1000, ...referencing(gone) }), 'broadcast');
    before.close();

    const after = await openManager({ dbName, now: clock.now });
    expect(await after.ingest(u, 'broadcast')).to.deep.equal({ accepted: false, reason: 'duplicate' });
    expect(await after.ingest(gone, 'broadcast')).to.deep.equal({ accepted: false, reason: 'superseded' });
    // A cancel naming only the original still finds the update that replaced it.
    const cancel = makeAlert({ identifier: 'A-c', msgType: 'cancel', sent: T0 + 2000, ...referencing(a) });
    expect(await after.ingest(cancel, 'broadcast')).to.deep.equal({ accepted: true, action: 'cancelled' });
    expect(await activeKeys(after)).to.deep.equal([]);
  });

  it('SCTE 18: the last sequence per event is remembered across a reload', async () => {
    const dbName = uniqueDbName('sequence');
    const clock = new TestClock();
    const scte = (sequence: number) => makeAlert({ format: 'scte18', identifier: '77', sequence, displaySeconds: 0 });
    const before = await openManager({ dbName, now: clock.now });
    await before.ingest(scte(1), 'inband');
    expect(await before.ingest(scte(2), 'inband')).to.deep.equal({ accepted: true, action: 'extended' });
    before.close();
    const after = await openManager({ dbName, now: clock.now });
    expect(await after.ingest(scte(2), 'inband')).to.deep.equal({ accepted: false, reason: 'duplicate' });
    expect(await after.ingest(scte(1), 'inband')).to.deep.equal({ accepted: true, action: 'extended' });
  });

  it('keeps working in memory when the database cannot be opened, and says so', async () => {
    const dbName = uniqueDbName('newer');
    // A newer schema on disk (a later SDK ran on this box): this version cannot open it.
    (await openDB(dbName, 9, { upgrade: (db) => { db.createObjectStore('other'); } })).close();
    const errors: YiwangError[] = [];
    const m = await openManager({ dbName, now: new TestClock().now, onError: (e) => errors.push(e) });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(YiwangError);
    expect(errors[0]?.code).to.equal(ErrorCode.AlertStoreFailed);
    expect(errors[0]?.data).to.deep.include({ name: dbName, operation: 'open' });
    const red = makeAlert({ level: 1 });
    expect(await m.ingest(red, 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await activeKeys(m)).to.deep.equal([red.key]);
  });

  it('does not wait on a stuck database: ready resolves, alerts show, and are stored once it opens', async () => {
    const dbName = uniqueDbName('stuck');
    const clock = new TestClock();
    const held = makeAlert({ identifier: 'OLD', level: 3 });
    const first = await openManager({ dbName, now: clock.now });
    await first.ingest(held, 'broadcast');
    first.close();
    // An open connection that ignores versionchange blocks a delete, and the delete blocks every open behind it.
    const blocker = await openDB(dbName);
    const deleting = deleteDB(dbName);

    const errors: YiwangError[] = [];
    const m = createAlertManager({ dbName, now: clock.now, restoreTimeoutMs: 200, onError: (e) => errors.push(e) });
    const started = Date.now();
    await m.ready;
    expect(Date.now() - started).to.be.below(1000);
    expect(errors.map((e) => e.data.operation)).to.deep.equal(['open']);
    const red = makeAlert({ identifier: 'NEW', level: 1 });
    expect(await m.ingest(red, 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await activeKeys(m)).to.deep.equal([red.key]);

    blocker.close();
    await deleting;
    // The manager's open goes through on an empty database; what it holds is written there.
    for (let i = 0; i < 50 && !(await storedIds(dbName).catch((): string[] => [])).includes(`a:${red.key}`); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    m.close();
    const after = await openManager({ dbName, now: clock.now });
    expect(await activeKeys(after)).to.deep.equal([red.key]);
  });

  it('rejects ingest after close with AlertManagerClosed', async () => {
    const m = await openManager({ now: new TestClock().now });
    m.close();
    m.close();
    try {
      await m.ingest(makeAlert(), 'broadcast');
      expect.fail('expected a rejection');
    } catch (error) {
      expect(error).to.be.instanceOf(YiwangError);
      expect((error as YiwangError).code).to.equal(ErrorCode.AlertManagerClosed);
    }
    expect(await m.dismiss('x')).to.equal(false);
  });
});
