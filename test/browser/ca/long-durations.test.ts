import { expect } from '@esm-bundle/chai';
import { openConditionalAccess, SimulatedCardCa } from '../../../sdk/index.js';
import { MAX_TIMEOUT_MS, setLongTimeout } from '../../../sdk/ca/long-timer.js';
import { scrambledChannel, sleep } from './ca-test-helpers.js';

/** Longer than setTimeout accepts: a browser would fire such a timeout at once. */
const BEYOND_SET_TIMEOUT = 0xFFFFFFFF;

describe('CA durations beyond setTimeout\'s limit', () => {
  it('a fingerprint for 0xFFFFFFFF ms stays until hidden, with until that far ahead', async () => {
    const card = new SimulatedCardCa({ cardId: '8000 0000 0000 0002' });
    const ca = openConditionalAccess(card, { now: () => 1_000 });
    card.fingerprint(BEYOND_SET_TIMEOUT);
    expect(ca.view.fingerprint?.until).to.equal(1_000 + BEYOND_SET_TIMEOUT);
    await sleep(30);
    expect(ca.view.fingerprint?.text).to.equal('8000 0000 0000 0002');
    card.hideFingerprint();
    expect(ca.view.fingerprint).to.equal(undefined);
    ca.close();
  });

  it('a full-screen OSD for 0xFFFFFFFF ms stays until hidden', async () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card);
    card.sendOsd('long notice', 'full', { durationMs: BEYOND_SET_TIMEOUT });
    await sleep(30);
    expect(ca.view.osd.full?.text).to.equal('long notice');
    card.hideOsd('full');
    expect(ca.view.osd.full).to.equal(undefined);
    ca.close();
  });

  it('an IPPV offer expiring in 0xFFFFFFFF ms stays offered', async () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card);
    await ca.startService(scrambledChannel('s9', [901], 0x1009));
    card.offerIppv({ productId: 901, price: 300, expiresInMs: BEYOND_SET_TIMEOUT });
    await sleep(30);
    expect(ca.view.ippv?.productId).to.equal(901);
    ca.close();
  });

  it('setLongTimeout waits the whole duration in pieces, and cancels between pieces', async () => {
    expect(MAX_TIMEOUT_MS).to.equal(2147483647);
    const started = performance.now();
    let firedAfter: number | undefined;
    setLongTimeout(() => { firedAfter = performance.now() - started; }, 90, 20);
    await sleep(45);
    expect(firedAfter).to.equal(undefined);
    await sleep(120);
    expect(firedAfter).to.be.within(85, 160);

    let fired = false;
    const cancel = setLongTimeout(() => { fired = true; }, 60, 20);
    await sleep(30);
    cancel();
    await sleep(60);
    expect(fired).to.equal(false);
  });
});
