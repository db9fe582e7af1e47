import { expect } from '@esm-bundle/chai';
import type { TuneFailure, TuneResult } from '../../../sdk/index.js';
import { tunerHarness, type TunerHarness } from './support/tuner-harness.js';
import { sleep, until } from './support/test-live-platform.js';

function failure(result: TuneResult): TuneFailure {
  if (result.ok) throw new Error(`expected a failure, got success on ${result.channel.id}`);
  return result;
}

describe('tuner: conditional access', () => {
  let h: TunerHarness;
  afterEach(async () => {
    await h.close();
  });

  it('no card: a scrambled channel fails encrypted (4) with the operator prompt; a clear channel plays', async () => {
    h = await tunerHarness({ card: 'absent' });
    const f = failure(await h.tuner.tune(5));
    expect(f.error).to.equal('encrypted');
    expect(f.hbbtvErrorState).to.equal(4);
    expect(f.channel?.id).to.equal('movie');
    const expected = h.ca.describe('noCard');
    expect(f.ca).to.deep.equal({ reason: 'noCard', text: expected.text, ...(expected.code === undefined ? {} : { displayCode: expected.code }) });
    expect(h.tuner.state.status).to.equal('blocked');
    expect(h.tuner.state.channel?.id).to.equal('movie');
    expect(h.player.showing, 'no picture').to.equal(undefined);
    expect((await h.tuner.tune(1)).ok, 'a clear channel').to.equal(true);
    expect(h.player.showing).to.equal('8448.1.101');
  });

  it('not entitled: notEntitled, reported to HbbTV as 4', async () => {
    h = await tunerHarness({ entitled: [20] });
    const f = failure(await h.tuner.tune('movie'));
    expect([f.error, f.hbbtvErrorState, f.ca?.reason]).to.deep.equal(['notEntitled', 4, 'notEntitled']);
    expect((await h.tuner.tune('sports')).ok, 'entitled to the other product').to.equal(true);
  });

  it('a blocked channel starts playing when the card goes in and the entitlement arrives, without a key press', async () => {
    h = await tunerHarness({ card: 'absent', entitled: [] });
    await h.tuner.tune(10);
    expect(h.tuner.state.failure?.ca?.reason).to.equal('noCard');
    h.sim.setCard('ready');
    await until(() => h.tuner.state.failure?.ca?.reason === 'notEntitled', 'the prompt to change to not entitled');
    expect(h.tuner.state.status).to.equal('blocked');
    expect(h.player.showing).to.equal(undefined);
    h.sim.entitle(20);
    await until(() => h.tuner.state.status === 'presenting', 'the picture after the entitlement');
    expect(h.player.showing).to.equal('sports');
    expect(h.tuner.state.channel?.id).to.equal('sports');
  });

  it('a block arriving while presenting stops the picture; lifting it plays again', async () => {
    h = await tunerHarness();
    expect((await h.tuner.tune(5)).ok).to.equal(true);
    h.sim.revoke(10);
    await until(() => h.tuner.state.status === 'blocked', 'the block');
    expect(h.tuner.state.failure?.error).to.equal('notEntitled');
    await sleep(0);
    expect(h.player.showing).to.equal(undefined);
    h.sim.entitle(10);
    await until(() => h.player.showing === 'movie', 'the picture again');
    expect(h.tuner.state.status).to.equal('presenting');
  });

  it('a block on a channel tuned away from does not touch the new one', async () => {
    h = await tunerHarness();
    expect((await h.tuner.tune(10)).ok, 'sports (ECM PID 0x1f0)').to.equal(true);
    expect((await h.tuner.tune(5)).ok, 'movie, another scrambled channel').to.equal(true);
    h.sim.sendPrompt(0x03, 0x1f0); // a late block for the sports ECM
    await sleep(30);
    expect(h.tuner.state.channel?.id).to.equal('movie');
    expect(h.tuner.state.status).to.equal('presenting');
    expect(h.player.showing).to.equal('movie');
    expect(h.ca.view.prompt, 'no prompt drawn').to.equal(undefined);
    // The same prompt not tied to an ECM does block it: the check above could fail.
    h.sim.sendPrompt(0x03);
    await until(() => h.tuner.state.status === 'blocked', 'the block by an ECM-0 prompt');
  });

  it('a force-tune to a channel not in the lineup is reported and leaves the tuner to the viewer', async () => {
    h = await tunerHarness();
    await h.tuner.tune(2);
    h.sim.forceTune({ number: 999 });
    await until(() => h.zaps.some((zap) => !zap.result.ok && zap.result.error === 'unknownChannel'), 'the unknown force-tune reported');
    expect(h.zaps.at(-1)?.to).to.equal('999');
    expect((await h.tuner.tune(1)).ok, 'viewer tunes still work').to.equal(true);
    expect((await h.tuner.next()).ok, 'zapping still works').to.equal(true);
    // A force-tune the lineup knows still takes the tuner, and its release goes back.
    h.sim.forceTune({ number: 12 });
    await until(() => h.tuner.state.channel?.id === 'kids' && h.tuner.state.status === 'presenting', 'the forced channel');
    expect(failure(await h.tuner.tune(1)).error).to.equal('tunerLocked');
    h.sim.releaseTune();
    await until(() => h.tuner.state.channel?.number === 2 && h.tuner.state.status === 'presenting', 'back to the viewer channel');
  });

  it('a CA force-tune takes the tuner (viewer tunes fail tunerLocked, 2) and the release goes back', async () => {
    h = await tunerHarness();
    await h.tuner.tune(2);
    h.sim.forceTune({ number: 12 });
    await until(() => h.tuner.state.channel?.id === 'kids' && h.tuner.state.status === 'presenting', 'the forced channel');
    const locked = failure(await h.tuner.tune(1));
    expect([locked.error, locked.hbbtvErrorState]).to.deep.equal(['tunerLocked', 2]);
    expect(failure(await h.tuner.next()).error).to.equal('tunerLocked');
    expect(h.tuner.state.channel?.id).to.equal('kids');
    h.sim.releaseTune();
    await until(() => h.tuner.state.channel?.number === 2 && h.tuner.state.status === 'presenting', 'back to the viewer channel');
    expect((await h.tuner.tune(1)).ok).to.equal(true);
  });

  it('a force-tune by triplet', async () => {
    h = await tunerHarness();
    await h.tuner.tune(12);
    h.sim.forceTune({ onid: 8448, tsid: 1, sid: 101 });
    await until(() => h.tuner.state.channel?.number === 1 && h.tuner.state.status === 'presenting', 'the forced channel');
  });

  it('a clear channel ignores CA prompts', async () => {
    h = await tunerHarness({ card: 'absent' });
    await h.tuner.tune(12);
    h.sim.sendPrompt(0x03);
    await sleep(20);
    expect(h.tuner.state.status).to.equal('presenting');
  });

  it('without a CA session a scrambled channel is simply played (IPTV without CA)', async () => {
    h = await tunerHarness({ card: 'absent', withCa: false });
    expect((await h.tuner.tune(5)).ok).to.equal(true);
  });
});
