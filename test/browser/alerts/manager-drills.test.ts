import { expect } from '@esm-bundle/chai';
import type { AlertReceipt } from '../../../sdk/alerts/manager/alert-manager-types.js';
import {
  T0, TestClock, activeKeys, cleanUp, current, makeAlert, openManager, referencing, uniqueDbName,
} from './manager-support.js';

afterEach(cleanUp);

describe('alert manager: drills and tests (R3)', () => {
  it('drill mode off: test, exercise and system messages are dropped, with a receipt', async () => {
    const m = await openManager({ now: new TestClock().now });
    const receipts: AlertReceipt[] = [];
    m.receipts.subscribe((r) => receipts.push(r));
    // SCTE 18 priority 0 and EB MsgType 3–5 reach the manager as test / exercise.
    for (const status of ['test', 'exercise', 'system'] as const) {
      expect(await m.ingest(makeAlert({ status, level: 1 }), 'broadcast')).to.deep.equal({ accepted: false, reason: 'drill-suppressed' });
    }
    expect(receipts.map((r) => r.outcome)).to.deep.equal(Array(3).fill({ accepted: false, reason: 'drill-suppressed' }));
    expect(await current(m.active)).to.deep.equal([]);
    expect(await current(m.drills)).to.deep.equal([]);
  });

  it('drill mode on: drills go to the drills stream, labelled, never to active', async () => {
    const m = await openManager({ now: new TestClock().now, drillMode: true });
    const drill = makeAlert({ identifier: 'D', status: 'exercise', level: 1 });
    const real = makeAlert({ identifier: 'R', level: 3 });
    expect(await m.ingest(drill, 'broadcast')).to.deep.equal({ accepted: true, action: 'drill' });
    expect(await m.ingest(real, 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await activeKeys(m)).to.deep.equal([real.key]);
    const drills = await current(m.drills);
    expect(drills.map((d) => [d.alert.key, d.drill])).to.deep.equal([[drill.key, true]]);
    expect((await current(m.active))[0]?.drill).to.equal(false);
  });

  it('a drill message never updates or cancels a real alert', async () => {
    const m = await openManager({ now: new TestClock().now, drillMode: true });
    const real = makeAlert({ identifier: 'SAME-ID' });
    await m.ingest(real, 'broadcast');
    const drillCancel = makeAlert({ identifier: 'c', status: 'exercise', msgType: 'cancel', sent: T0 + 1000, ...referencing(real) });
    expect(await m.ingest(drillCancel, 'broadcast')).to.deep.equal({ accepted: false, reason: 'nothing-to-cancel' });
    const drillUpdate = makeAlert({ identifier: 'u', status: 'test', msgType: 'update', sent: T0 + 2000, ...referencing(real) });
    expect(await m.ingest(drillUpdate, 'broadcast')).to.deep.equal({ accepted: true, action: 'drill' });
    expect(await activeKeys(m)).to.deep.equal([real.key]);
    // A newer real version replaces the real alert and leaves the drill alone.
    expect(await m.ingest({ ...real, sent: T0 + 3000 }, 'broadcast')).to.deep.equal({ accepted: true, action: 'updated' });
    expect((await current(m.drills)).map((d) => d.alert.key)).to.deep.equal([drillUpdate.key]);
  });

  it('drills are updated and cancelled among themselves', async () => {
    const m = await openManager({ now: new TestClock().now, drillMode: true });
    const drill = makeAlert({ identifier: 'DX', status: 'exercise' });
    await m.ingest(drill, 'broadcast');
    const cancel = makeAlert({ identifier: 'DX-c', status: 'exercise', msgType: 'cancel', sent: T0 + 1000, ...referencing(drill) });
    expect(await m.ingest(cancel, 'broadcast')).to.deep.equal({ accepted: true, action: 'drill' });
    expect(await current(m.drills)).to.deep.equal([]);
  });

  it('turning drill mode off drops the held drills, also from the database', async () => {
    const dbName = uniqueDbName('drills');
    const clock = new TestClock();
    const m = await openManager({ dbName, now: clock.now, drillMode: true });
    await m.ingest(makeAlert({ status: 'test' }), 'broadcast');
    expect(await current(m.drills)).to.have.length(1);
    m.setDrillMode(false);
    expect(await current(m.drills)).to.deep.equal([]);
    m.setDrillMode(true);
    expect(await current(m.drills)).to.deep.equal([]);
    m.close();
    const after = await openManager({ dbName, now: clock.now, drillMode: true });
    expect(await current(after.drills)).to.deep.equal([]);
  });

  it('held drills are not restored when drill mode is off after a reload', async () => {
    const dbName = uniqueDbName('drills-restore');
    const clock = new TestClock();
    const before = await openManager({ dbName, now: clock.now, drillMode: true });
    await before.ingest(makeAlert({ status: 'exercise' }), 'broadcast');
    before.close();
    const off = await openManager({ dbName, now: clock.now });
    expect(await current(off.drills)).to.deep.equal([]);
    off.close();
    const on = await openManager({ dbName, now: clock.now, drillMode: true });
    expect(await current(on.drills)).to.deep.equal([]);
  });
});

describe('alert manager: dismissal (R12)', () => {
  it('removes an alert for this device, persisted; an update shows again', async () => {
    const dbName = uniqueDbName('dismiss');
    const clock = new TestClock();
    const m = await openManager({ dbName, now: clock.now });
    const orange = makeAlert({ identifier: 'OR', level: 2 });
    await m.ingest(orange, 'broadcast');
    expect(await m.dismiss(orange.key)).to.equal(true);
    expect(await current(m.active)).to.deep.equal([]);
    expect(await m.dismiss(orange.key)).to.equal(false);
    // A carousel repeat does not bring it back.
    expect(await m.ingest(orange, 'broadcast')).to.deep.equal({ accepted: false, reason: 'duplicate' });
    m.close();

    const after = await openManager({ dbName, now: clock.now });
    expect(await current(after.active)).to.deep.equal([]);
    const update = makeAlert({ identifier: 'OR-u', msgType: 'update', sent: T0 + 1000, ...referencing(orange) });
    expect(await after.ingest(update, 'broadcast')).to.deep.equal({ accepted: true, action: 'updated' });
    expect(await activeKeys(after)).to.deep.equal([update.key]);
  });

  it('never dismisses a real level-1 alert; a level-1 drill may be', async () => {
    const m = await openManager({ now: new TestClock().now, drillMode: true });
    const red = makeAlert({ identifier: 'RED', level: 1 });
    const redDrill = makeAlert({ identifier: 'RED-D', level: 1, status: 'exercise' });
    await m.ingest(red, 'broadcast');
    await m.ingest(redDrill, 'broadcast');
    expect(await m.dismiss(red.key)).to.equal(false);
    expect(await activeKeys(m)).to.deep.equal([red.key]);
    expect(await m.dismiss(redDrill.key)).to.equal(true);
    expect(await current(m.drills)).to.deep.equal([]);
    expect(await m.dismiss('cap:nobody/none')).to.equal(false);
  });
});
