import { expect } from '@esm-bundle/chai';
import { openConditionalAccess, SimulatedCardCa, SYNTHETIC_ECM_BASE, type CaService } from '../../../sdk/index.js';
import { clearChannel, delayedStart, scrambledChannel, sleep } from './ca-test-helpers.js';

describe('CA prompt rules', () => {
  it('a clear channel makes no CA call and resolves undefined', async () => {
    const card = new SimulatedCardCa({ card: 'absent' });
    const ca = openConditionalAccess(card);
    expect(await ca.startService(clearChannel('c1'))).to.equal(undefined);
    expect(card.state().services).to.deep.equal([]);
    expect(ca.view.prompt).to.equal(undefined);
    ca.close();
  });

  it('a scrambled channel resolves with the prompt the module decided at once, in the operator text', async () => {
    const card = new SimulatedCardCa({ card: 'absent' });
    const ca = openConditionalAccess(card, { prompts: { noCard: { code: 'E04', text: '请插入智能卡' } } });
    const prompt = await ca.startService(scrambledChannel('s1', [101], 0x1001));
    expect(prompt).to.deep.equal({
      reason: 'noCard', ecmPid: 0x1001, displayCode: 'E04', text: '请插入智能卡',
      raw: { vendor: 'sim-card', code: 0x03, name: 'CDCA_MESSAGE_INSERTCARD_TYPE' },
    });
    expect(ca.view.prompt).to.deep.equal(prompt);
    expect(ca.currentBlock()).to.deep.equal(prompt);
    const started = card.state().services.map((s) => s.service);
    expect(started).to.deep.equal([{ channelId: 's1', ecmPid: 0x1001, caSystemIds: [0x4A02], productIds: [101] }] satisfies CaService[]);
    ca.close();
  });

  it('an ecmPid-0 prompt is never overwritten by ECM prompts; those show once it clears', async () => {
    const card = new SimulatedCardCa({ card: 'ready' });
    const ca = openConditionalAccess(card);
    card.entitle(101);
    await ca.startService(scrambledChannel('s1', [101], 0x1001));
    expect(ca.view.prompt).to.equal(undefined);

    card.sendPrompt(0x12); // card sleeping, not tied to an ECM
    expect(ca.view.prompt).to.deep.include({ reason: 'cardSleeping', ecmPid: 0 });
    card.revoke(101); // ECM prompt: not entitled
    expect(ca.view.prompt).to.deep.include({ reason: 'cardSleeping', ecmPid: 0 });
    expect(ca.currentBlock()).to.deep.include({ reason: 'notEntitled', ecmPid: 0x1001 });
    card.clearPrompt(0);
    expect(ca.view.prompt).to.deep.include({ reason: 'notEntitled', ecmPid: 0x1001 });
    ca.close();
  });

  it('the ecmPid-0 prompt is kept across channel changes but shows only while a scrambled service runs', async () => {
    const card = new SimulatedCardCa({ card: 'ready' });
    const ca = openConditionalAccess(card);
    card.entitle(303);
    await ca.startService(scrambledChannel('s1', [101], 0x1001));
    expect(ca.view.prompt).to.deep.include({ reason: 'notEntitled', ecmPid: 0x1001 });
    card.sendPrompt(0x13);
    expect(ca.view.prompt).to.deep.include({ reason: 'cardFrozen', ecmPid: 0 });
    // A clear channel plays without the card: its picture is not covered, and the ECM prompt of s1 is gone.
    await ca.startService(clearChannel('c2'));
    expect(ca.view.prompt).to.equal(undefined);
    expect(ca.currentBlock()).to.equal(undefined);
    // Back on a scrambled service (entitled, so no ECM prompt of its own): the stored ecmPid-0 prompt shows again.
    expect(await ca.startService(scrambledChannel('s3', [303], 0x1003))).to.deep.include({ reason: 'cardFrozen', ecmPid: 0 });
    expect(ca.view.prompt).to.deep.include({ reason: 'cardFrozen', ecmPid: 0 });
    await ca.stopService();
    expect(ca.view.prompt).to.equal(undefined);
    await ca.startService(scrambledChannel('s3', [303], 0x1003));
    expect(ca.view.prompt).to.deep.include({ reason: 'cardFrozen', ecmPid: 0 });
    card.clearPrompt();
    expect(ca.view.prompt).to.equal(undefined);
    ca.close();
  });

  it('an ecmPid-0 prompt that arrives while a clear channel plays waits for a scrambled service', async () => {
    const card = new SimulatedCardCa({ card: 'ready' });
    const ca = openConditionalAccess(card);
    card.entitle(101);
    const views: (string | undefined)[] = [];
    const subscription = ca.view$.subscribe((view) => views.push(view.prompt?.reason));
    await ca.startService(clearChannel('c1'));
    card.sendPrompt(0x12);
    expect(ca.view.prompt).to.equal(undefined);
    expect(views.every((reason) => reason === undefined)).to.equal(true, views.join(','));
    await ca.startService(scrambledChannel('s1', [101], 0x1001));
    expect(ca.view.prompt).to.deep.include({ reason: 'cardSleeping', ecmPid: 0 });
    subscription.unsubscribe();
    ca.close();
  });

  it('clears the previous service ECM prompts on a channel change and on stopService', async () => {
    const card = new SimulatedCardCa({ card: 'ready' });
    const ca = openConditionalAccess(card);
    card.entitle(202);
    expect(await ca.startService(scrambledChannel('s1', [101], 0x1001))).to.deep.include({ reason: 'notEntitled' });
    expect(await ca.startService(scrambledChannel('s2', [202], 0x1002))).to.equal(undefined);
    expect(ca.view.prompt).to.equal(undefined);
    expect(card.state().services.map((s) => s.service.channelId)).to.deep.equal(['s2']);
    card.revoke(202);
    expect(ca.view.prompt).to.deep.include({ reason: 'notEntitled', ecmPid: 0x1002 });
    await ca.stopService();
    expect(ca.view.prompt).to.equal(undefined);
    expect(ca.currentBlock()).to.equal(undefined);
    expect(card.state().services).to.deep.equal([]);
    ca.close();
  });

  it('gives channels without an ECM PID a synthetic per-channel key, so per-ECM clearing still works', async () => {
    const card = new SimulatedCardCa({ card: 'absent' });
    const ca = openConditionalAccess(card);
    const first = await ca.startService(scrambledChannel('s1', [101]));
    expect(first?.ecmPid).to.be.at.least(SYNTHETIC_ECM_BASE);
    const second = await ca.startService(scrambledChannel('s2', [101]));
    expect(second?.ecmPid).to.be.at.least(SYNTHETIC_ECM_BASE).and.not.equal(first?.ecmPid);
    expect(ca.view.prompt?.ecmPid).to.equal(second?.ecmPid);
    const again = await ca.startService(scrambledChannel('s1', [101]));
    expect(again?.ecmPid).to.equal(first?.ecmPid);
    ca.close();
  });

  it('a slow startService for a channel left meanwhile sets no prompt and resolves undefined', async () => {
    const card = new SimulatedCardCa({ card: 'ready' });
    card.entitle(202);
    const ca = openConditionalAccess(delayedStart(card, (id) => (id === 's1' ? 60 : 0)));
    const slow = ca.startService(scrambledChannel('s1', [101], 0x1001));
    const fast = await ca.startService(scrambledChannel('s2', [202], 0x1002));
    expect(fast).to.equal(undefined);
    expect(await slow).to.equal(undefined);
    await sleep(10);
    expect(ca.view.prompt).to.equal(undefined);
    expect(ca.currentBlock()).to.equal(undefined);
    // The late start reached the card after the session had stopped it: the session stopped it again.
    expect(card.state().services.map((x) => x.service.channelId)).to.deep.equal(['s2']);
    card.revoke(202);
    expect(ca.view.prompt).to.deep.include({ reason: 'notEntitled', ecmPid: 0x1002 });
    ca.close();
  });

  it('later block and unblock events update the view and currentBlock (entitle, revoke)', async () => {
    const card = new SimulatedCardCa({ card: 'ready' });
    const ca = openConditionalAccess(card);
    await ca.startService(scrambledChannel('s1', [101], 0x1001));
    const reasons: (string | undefined)[] = [];
    const sub = ca.view$.subscribe((v) => reasons.push(v.prompt?.reason));
    card.entitle(101);
    card.revoke(101);
    sub.unsubscribe();
    expect(reasons).to.deep.equal(['notEntitled', undefined, 'notEntitled']);
    expect(ca.currentBlock()?.reason).to.equal('notEntitled');
    ca.close();
  });

  it('re-evaluates the current channel when the module reports an entitlement change', async () => {
    const card = new SimulatedCardCa({ card: 'ready' });
    const ca = openConditionalAccess(card);
    await ca.startService(scrambledChannel('s1', [101], 0x1001));
    const starts: number[] = [];
    const sub = card.events.subscribe((e) => { if (e.type === 'block' || e.type === 'unblock') starts.push(e.ecmPid); });
    card.entitle(101);
    await sleep(0);
    sub.unsubscribe();
    // Once from the card's own re-evaluation, once from the session's startService on entitlementChanged.
    expect(starts).to.deep.equal([0x1001, 0x1001]);
    expect(ca.view.prompt).to.equal(undefined);
    ca.close();
  });
});
