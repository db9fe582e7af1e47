import { expect } from '@esm-bundle/chai';
import {
  HOUR, MINUTE, T0, TestClock, activeKeys, cleanUp, current, makeAlert, openManager, referencing, sleep, waitFor,
} from './manager-support.js';

afterEach(cleanUp);

/** Real time plus an offset a test can jump, as when NTP or the EB clock-set command corrects the box. */
function jumpingClock(): { now: () => number; jump: (ms: number) => void } {
  let offset = 0;
  return { now: () => Date.now() + offset, jump: (ms) => { offset += ms; } };
}

describe('alert manager: expiry (R6)', () => {
  it('removes an alert at its expiry, by itself', async () => {
    const m = await openManager();
    const now = Date.now();
    const alert = makeAlert({ sent: now, expires: now + 300 });
    await m.ingest(alert, 'broadcast');
    const [shown] = await current(m.active);
    expect(shown?.until).to.equal(now + 300);
    await waitFor(m.active, (list) => list.length === 0, 2000);
    expect(Date.now()).to.be.at.least(now + 300);
  });

  it('an alert without expires lasts effective + defaultLifetimeMs', async () => {
    const m = await openManager({ defaultLifetimeMs: 400 });
    const now = Date.now();
    await m.ingest(makeAlert({ sent: now }), 'broadcast');
    expect((await current(m.active))[0]?.until).to.equal(now + 400);
    await sleep(150);
    expect(await current(m.active)).to.have.length(1);
    await waitFor(m.active, (list) => list.length === 0, 2000);
  });

  it('SCTE 18 displaySeconds bounds the presentation even when expires is later', async () => {
    const m = await openManager();
    const now = Date.now();
    await m.ingest(makeAlert({ format: 'scte18', identifier: '9', sequence: 0, sent: now, expires: now + HOUR, displaySeconds: 1 }), 'inband');
    const until = (await current(m.active))[0]?.until ?? 0;
    expect(until).to.be.within(now, now + 1100);
    await waitFor(m.active, (list) => list.length === 0, 3000);
  });

  it('re-arms the timer when an update brings the expiry closer', async () => {
    const m = await openManager();
    const now = Date.now();
    const original = makeAlert({ identifier: 'E', sent: now, expires: now + HOUR });
    await m.ingest(original, 'broadcast');
    const update = makeAlert({ identifier: 'E-u', msgType: 'update', sent: now + 1, expires: now + 300, ...referencing(original) });
    await m.ingest(update, 'broadcast');
    expect(await activeKeys(m)).to.deep.equal([update.key]);
    await waitFor(m.active, (list) => list.length === 0, 2000);
  });
});

describe('alert manager: scheduled start', () => {
  it('accepts an alert effective later and shows it from its effective time', async () => {
    const m = await openManager();
    const now = Date.now();
    const later = makeAlert({ sent: now, effective: now + 300, onset: now + HOUR });
    expect(await m.ingest(later, 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await current(m.active)).to.deep.equal([]);
    const list = await waitFor(m.active, (l) => l.length === 1, 2000);
    expect(Date.now()).to.be.at.least(now + 300);
    expect(list[0]?.alert).to.equal(later);
  });

  it('a future onset alone does not delay a warning (the event is later, the warning is now)', async () => {
    const clock = new TestClock();
    const m = await openManager({ now: clock.now });
    await m.ingest(makeAlert({ onset: T0 + 6 * HOUR, expires: T0 + 12 * HOUR }), 'broadcast');
    expect(await current(m.active)).to.have.length(1);
  });

  it('shows an immediate alert even when the box clock lags behind the sender', async () => {
    // Boxes boot with a stale clock until time is set; "effective = sent" must not wait for the clock.
    const clock = new TestClock(T0 - 3 * HOUR);
    const m = await openManager({ now: clock.now });
    expect(await m.ingest(makeAlert({ expires: T0 + HOUR }), 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await current(m.active)).to.have.length(1);
  });
});

describe('alert manager: clock changes', () => {
  it('re-evaluates when the page becomes visible (standby) after the clock moved on', async () => {
    const clock = jumpingClock();
    const m = await openManager({ now: clock.now });
    const now = clock.now();
    await m.ingest(makeAlert({ sent: now, expires: now + HOUR }), 'broadcast');
    const scheduled = makeAlert({ sent: now, effective: now + 90 * MINUTE, expires: now + 3 * HOUR });
    await m.ingest(scheduled, 'broadcast');
    expect(await current(m.active)).to.have.length(1);
    clock.jump(2 * HOUR);
    document.dispatchEvent(new Event('visibilitychange'));
    expect((await current(m.active)).map((a) => a.alert)).to.deep.equal([scheduled]);
  });

  it('re-evaluates periodically (checkIntervalMs) when the wall clock jumps', async () => {
    const clock = jumpingClock();
    const m = await openManager({ now: clock.now, checkIntervalMs: 50 });
    const now = clock.now();
    await m.ingest(makeAlert({ sent: now, expires: now + HOUR }), 'broadcast');
    clock.jump(HOUR + MINUTE);
    await waitFor(m.active, (list) => list.length === 0, 1000);
  });
});
