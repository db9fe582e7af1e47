import { expect } from '@esm-bundle/chai';
import type { AlertReceipt } from '../../../sdk/alerts/manager/alert-manager-types.js';
import {
  HOUR, MINUTE, T0, TestClock, activeKeys, cleanUp, current, makeAlert, openManager, referencing,
} from './manager-support.js';

afterEach(cleanUp);

describe('alert manager: what is never shown', () => {
  it('Ack and Error messages, drafts, restricted and private scope', async () => {
    const m = await openManager({ now: new TestClock().now });
    expect(await m.ingest(makeAlert({ msgType: 'ack' }), 'broadcast')).to.deep.equal({ accepted: false, reason: 'ack-or-error' });
    expect(await m.ingest(makeAlert({ msgType: 'error' }), 'broadcast')).to.deep.equal({ accepted: false, reason: 'ack-or-error' });
    expect(await m.ingest(makeAlert({ status: 'draft' }), 'broadcast')).to.deep.equal({ accepted: false, reason: 'draft' });
    expect(await m.ingest(makeAlert({ scope: 'restricted' }), 'broadcast')).to.deep.equal({ accepted: false, reason: 'not-public' });
    expect(await m.ingest(makeAlert({ scope: 'private' }), 'broadcast')).to.deep.equal({ accepted: false, reason: 'not-public' });
    expect(await activeKeys(m)).to.deep.equal([]);
  });

  it('an alert already past its expiry', async () => {
    const clock = new TestClock(T0 + 2 * HOUR);
    const m = await openManager({ now: clock.now });
    expect(await m.ingest(makeAlert({ expires: T0 + HOUR }), 'broadcast')).to.deep.equal({ accepted: false, reason: 'expired' });
    // No expires: effective + the default lifetime (1 h) is past too.
    expect(await m.ingest(makeAlert(), 'broadcast')).to.deep.equal({ accepted: false, reason: 'expired' });
    expect(await activeKeys(m)).to.deep.equal([]);
  });
});

describe('alert manager: de-duplication (R5)', () => {
  it('drops the same key + sent + msgType; a newer sent under the same key replaces', async () => {
    const m = await openManager({ now: new TestClock().now });
    const first = makeAlert({ identifier: 'dup' });
    expect(await m.ingest(first, 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await m.ingest({ ...first }, 'inband')).to.deep.equal({ accepted: false, reason: 'duplicate' });
    const newer = makeAlert({ identifier: 'dup', sent: T0 + 30_000, texts: { 'zh-cn': { headline: '更新' } } });
    expect(await m.ingest(newer, 'broadcast')).to.deep.equal({ accepted: true, action: 'updated' });
    const [shown] = await current(m.active);
    expect(shown?.alert).to.equal(newer);
    expect(shown?.text.headline).to.equal('更新');
    // The older version arriving again (a slow carousel) is stale, not shown.
    expect(await m.ingest({ ...first }, 'broadcast')).to.deep.equal({ accepted: false, reason: 'duplicate' });
    const older = makeAlert({ identifier: 'dup', sent: T0 - 30_000 });
    expect(await m.ingest(older, 'broadcast')).to.deep.equal({ accepted: false, reason: 'superseded' });
    expect((await current(m.active)).map((a) => a.alert)).to.deep.equal([newer]);
  });

  it('SCTE 18: the same sequence is a duplicate whatever its sent time; a new sequence extends', async () => {
    const clock = new TestClock();
    const m = await openManager({ now: clock.now });
    const scte = (sequence: number, displaySeconds: number, sent = T0) => makeAlert({
      format: 'scte18', identifier: '4660', sequence, displaySeconds, sent, level: 2, levelSource: 'scte18-priority',
    });
    const first = scte(3, 60);
    expect(await m.ingest(first, 'inband')).to.deep.equal({ accepted: true, action: 'added' });
    expect((await current(m.active))[0]?.until).to.equal(clock.t + 60_000);

    clock.advance(30_000);
    // The carousel repeats the section; the parser may stamp each with its reception time.
    expect(await m.ingest(scte(3, 60, T0 + 30_000), 'inband')).to.deep.equal({ accepted: false, reason: 'duplicate' });
    expect((await current(m.active))[0]?.until).to.equal(T0 + MINUTE + 60_000);

    // A new sequence with the same event id only restarts the presentation time; the content stays.
    expect(await m.ingest(scte(4, 120, T0 + 30_000), 'inband')).to.deep.equal({ accepted: true, action: 'extended' });
    const [shown] = await current(m.active);
    expect(shown?.alert).to.equal(first);
    expect(shown?.until).to.equal(clock.t + 120_000);
    // Only the last sequence counts as a duplicate: going back to 3 is news again.
    expect(await m.ingest(scte(4, 120), 'inband')).to.deep.equal({ accepted: false, reason: 'duplicate' });
    expect(await m.ingest(scte(3, 10), 'inband')).to.deep.equal({ accepted: true, action: 'extended' });
    expect((await current(m.active))[0]?.until).to.equal(clock.t + 10_000);
  });

  it('SCTE 18: time remaining 0 is indefinite; a repeat with a time remaining ends it', async () => {
    const clock = new TestClock();
    const m = await openManager({ now: clock.now });
    const indefinite = makeAlert({ format: 'scte18', identifier: '7', sequence: 1, displaySeconds: 0 });
    await m.ingest(indefinite, 'inband');
    const [shown] = await current(m.active);
    expect(shown).to.not.have.property('until');
    clock.advance(10 * HOUR);
    expect(await activeKeys(m)).to.deep.equal(['scte18:7']);
    expect(await m.ingest({ ...indefinite, sequence: 2, displaySeconds: 5 }, 'inband'))
      .to.deep.equal({ accepted: true, action: 'extended' });
    expect((await current(m.active))[0]?.until).to.equal(clock.t + 5000);
  });
});

describe('alert manager: updates (R4)', () => {
  it('an Update replaces the referenced alert in place, matched by identifier across senders', async () => {
    const m = await openManager({ now: new TestClock().now });
    const original = makeAlert({ identifier: 'W-1', sender: 'wcatwc@noaa.gov' });
    const other = makeAlert({ identifier: 'W-2', level: 3 });
    await m.ingest(original, 'broadcast');
    await m.ingest(other, 'broadcast');
    // The update comes from another sender and only names the original by identifier (sample 07).
    const update = makeAlert({
      identifier: 'W-1-u1', sender: 'ntwc@noaa.gov', msgType: 'update', sent: T0 + 1000, level: 1,
      references: [{ sender: 'someone-else@noaa.gov', identifier: 'W-1', sent: T0 }], referenceKeys: ['cap:someone-else@noaa.gov/W-1'],
    });
    expect(await m.ingest(update, 'broadcast')).to.deep.equal({ accepted: true, action: 'updated' });
    const list = await current(m.active);
    expect(list.map((a) => a.alert.key)).to.deep.equal([update.key, other.key]);
    expect(list[0]?.supersedes).to.deep.equal([original.key]);
    expect(list[1]).to.not.have.property('supersedes');
  });

  it('an Update chain keeps its lineage; a late original or older update is superseded', async () => {
    const m = await openManager({ now: new TestClock().now });
    const a = makeAlert({ identifier: 'A' });
    const u1 = makeAlert({ identifier: 'A-u1', msgType: 'update', sent: T0 + 1000, ...referencing(a) });
    const u2 = makeAlert({ identifier: 'A-u2', msgType: 'update', sent: T0 + 2000, ...referencing(u1) });
    await m.ingest(a, 'broadcast');
    await m.ingest(u1, 'broadcast');
    expect(await m.ingest(u2, 'broadcast')).to.deep.equal({ accepted: true, action: 'updated' });
    expect((await current(m.active))[0]?.supersedes).to.deep.equal([a.key, u1.key]);
    expect(await m.ingest({ ...u1, sequence: undefined, sent: T0 + 1000, parameters: [] }, 'inband'))
      .to.deep.equal({ accepted: false, reason: 'duplicate' });
    const u1Other = makeAlert({ identifier: 'A-u1b', msgType: 'update', sent: T0 + 1500, ...referencing(a) });
    expect(await m.ingest(u1Other, 'broadcast')).to.deep.equal({ accepted: false, reason: 'superseded' });
    expect(await activeKeys(m)).to.deep.equal([u2.key]);
  });

  it('an Update that arrives before its original is shown; the original then is stale', async () => {
    const m = await openManager({ now: new TestClock().now });
    const original = makeAlert({ identifier: 'B' });
    const update = makeAlert({ identifier: 'B-u', msgType: 'update', sent: T0 + 1000, ...referencing(original) });
    expect(await m.ingest(update, 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await m.ingest(original, 'broadcast')).to.deep.equal({ accepted: false, reason: 'superseded' });
    expect(await activeKeys(m)).to.deep.equal([update.key]);
  });

  it('an Update already expired still ends what it replaces (an all-clear)', async () => {
    const clock = new TestClock(T0 + 10 * MINUTE);
    const m = await openManager({ now: clock.now });
    const original = makeAlert({ identifier: 'C', expires: T0 + HOUR });
    await m.ingest(original, 'broadcast');
    const allClear = makeAlert({
      identifier: 'C-u', msgType: 'update', sent: T0 + 5 * MINUTE, expires: T0 + 6 * MINUTE, ...referencing(original),
    });
    expect(await m.ingest(allClear, 'broadcast')).to.deep.equal({ accepted: false, reason: 'expired' });
    expect(await activeKeys(m)).to.deep.equal([]);
  });
});

describe('alert manager: cancels (R4)', () => {
  it('a Cancel removes the referenced alerts at once', async () => {
    const m = await openManager({ now: new TestClock().now });
    const a = makeAlert({ identifier: 'T-1' });
    const b = makeAlert({ identifier: 'T-2', level: 1 });
    const keep = makeAlert({ identifier: 'T-3' });
    for (const x of [a, b, keep]) await m.ingest(x, 'broadcast');
    const cancel = makeAlert({ identifier: 'T-c', msgType: 'cancel', sent: T0 + 1000, texts: {}, ...referencing(a, b) });
    expect(await m.ingest(cancel, 'broadcast')).to.deep.equal({ accepted: true, action: 'cancelled' });
    expect(await activeKeys(m)).to.deep.equal([keep.key]);
  });

  it('a Cancel by identifier only (another sender) removes the alert and what it replaced', async () => {
    const m = await openManager({ now: new TestClock().now });
    const a = makeAlert({ identifier: 'X', sender: 'one@example.cn' });
    const u = makeAlert({ identifier: 'X-u', sender: 'one@example.cn', msgType: 'update', sent: T0 + 1000, ...referencing(a) });
    await m.ingest(a, 'broadcast');
    await m.ingest(u, 'broadcast');
    const cancel = makeAlert({
      identifier: 'X-c', sender: 'two@example.cn', msgType: 'cancel', sent: T0 + 2000,
      references: [{ sender: 'two@example.cn', identifier: 'X', sent: T0 }], referenceKeys: ['cap:two@example.cn/X'],
    });
    expect(await m.ingest(cancel, 'broadcast')).to.deep.equal({ accepted: true, action: 'cancelled' });
    expect(await activeKeys(m)).to.deep.equal([]);
    // Late copies of the original and its update are not shown.
    expect(await m.ingest(makeAlert({ ...a, parameters: [{ name: 'copy', value: '1' }] }), 'broadcast'))
      .to.deep.equal({ accepted: false, reason: 'duplicate' });
    const lateUpdate = makeAlert({ identifier: 'X-u2', sender: 'one@example.cn', msgType: 'update', sent: T0 + 1500, ...referencing(a) });
    expect(await m.ingest(lateUpdate, 'broadcast')).to.deep.equal({ accepted: false, reason: 'superseded' });
    expect(await activeKeys(m)).to.deep.equal([]);
  });

  it('a Cancel for nothing held is remembered: the original arriving late with an older sent is not shown', async () => {
    const m = await openManager({ now: new TestClock().now });
    const original = makeAlert({ identifier: 'L' });
    const cancel = makeAlert({ identifier: 'L-c', msgType: 'cancel', sent: T0 + 1000, ...referencing(original) });
    expect(await m.ingest(cancel, 'broadcast')).to.deep.equal({ accepted: false, reason: 'nothing-to-cancel' });
    expect(await m.ingest(original, 'broadcast')).to.deep.equal({ accepted: false, reason: 'superseded' });
    // Re-issued after the cancel: shown.
    const reissued = makeAlert({ identifier: 'L', sent: T0 + 2000 });
    expect(await m.ingest(reissued, 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await activeKeys(m)).to.deep.equal([reissued.key]);
  });

  it('a Cancel sent before the version held does not remove it', async () => {
    const m = await openManager({ now: new TestClock().now });
    const a = makeAlert({ identifier: 'Q' });
    const u = makeAlert({ identifier: 'Q-u', msgType: 'update', sent: T0 + 2000, ...referencing(a) });
    await m.ingest(a, 'broadcast');
    await m.ingest(u, 'broadcast');
    const staleCancel = makeAlert({ identifier: 'Q-c', msgType: 'cancel', sent: T0 + 1000, ...referencing(a) });
    expect(await m.ingest(staleCancel, 'broadcast')).to.deep.equal({ accepted: false, reason: 'superseded' });
    expect(await activeKeys(m)).to.deep.equal([u.key]);
  });

  it('a Cancel under the key of the alert it cancels (no references) removes it and keeps it away', async () => {
    const m = await openManager({ now: new TestClock().now });
    const alert = makeAlert({ format: 'ebd', identifier: 'EBM-9' });
    const cancel = makeAlert({ format: 'ebd', identifier: 'EBM-9', msgType: 'cancel', sent: T0 + 1000 });
    await m.ingest(alert, 'broadcast');
    expect(await m.ingest(cancel, 'broadcast')).to.deep.equal({ accepted: true, action: 'cancelled' });
    const other = await openManager({ now: new TestClock().now });
    expect(await other.ingest(cancel, 'broadcast')).to.deep.equal({ accepted: false, reason: 'nothing-to-cancel' });
    expect(await other.ingest(alert, 'broadcast')).to.deep.equal({ accepted: false, reason: 'superseded' });
  });

  it('China EB MsgType 2: a cancel carrying the EBM it names', async () => {
    const m = await openManager({ now: new TestClock().now });
    const ebm = makeAlert({ format: 'ebd', identifier: '34152300000000001010101012025060100010001', level: 1 });
    await m.ingest(ebm, 'broadcast');
    const cancel = makeAlert({
      format: 'ebd', identifier: '34152300000000001010101012025060100010002', msgType: 'cancel', sent: T0 + 1000,
      references: [{ sender: '', identifier: ebm.identifier }], referenceKeys: [ebm.key],
    });
    expect(await m.ingest(cancel, 'broadcast')).to.deep.equal({ accepted: true, action: 'cancelled' });
    expect(await activeKeys(m)).to.deep.equal([]);
  });
});

describe('alert manager: receipts and ordering', () => {
  it('one receipt per ingested message, rejected ones included, with origin and time', async () => {
    const clock = new TestClock();
    const m = await openManager({ now: clock.now });
    const receipts: AlertReceipt[] = [];
    m.receipts.subscribe((r) => receipts.push(r));
    const a = makeAlert({ identifier: 'R-1' });
    await m.ingest(a, 'broadcast');
    await m.ingest(a, 'inband');
    await m.ingest(makeAlert({ identifier: 'R-2', msgType: 'ack' }), 'local');
    expect(receipts).to.deep.equal([
      { key: a.key, identifier: 'R-1', origin: 'broadcast', outcome: { accepted: true, action: 'added' }, at: clock.t },
      { key: a.key, identifier: 'R-1', origin: 'inband', outcome: { accepted: false, reason: 'duplicate' }, at: clock.t },
      { key: 'cap:cma@example.cn/R-2', identifier: 'R-2', origin: 'local', outcome: { accepted: false, reason: 'ack-or-error' }, at: clock.t },
    ]);
  });

  it('orders by level (1 first), then effective (newest first); emits the current set on subscribe', async () => {
    const m = await openManager({ now: new TestClock(T0 + 10 * MINUTE).now });
    const blueOld = makeAlert({ identifier: 'O-1', level: 4, effective: T0 - MINUTE, sent: T0 - MINUTE });
    const blueNew = makeAlert({ identifier: 'O-2', level: 4, sent: T0 + MINUTE });
    const red = makeAlert({ identifier: 'O-3', level: 1, sent: T0 - 5 * MINUTE });
    const orange = makeAlert({ identifier: 'O-4', level: 2 });
    const emissions: string[][] = [];
    m.active.subscribe((list) => emissions.push(list.map((a) => a.alert.identifier)));
    for (const x of [blueOld, blueNew, red, orange]) await m.ingest(x, 'broadcast');
    expect(await activeKeys(m)).to.deep.equal([red.key, orange.key, blueNew.key, blueOld.key]);
    expect(emissions).to.deep.equal([[], ['O-1'], ['O-2', 'O-1'], ['O-3', 'O-2', 'O-1'], ['O-3', 'O-4', 'O-2', 'O-1']]);
    // A rejected message does not re-emit.
    await m.ingest(orange, 'broadcast');
    expect(emissions).to.have.length(5);
  });
});
