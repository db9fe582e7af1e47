import { expect } from '@esm-bundle/chai';
import type { Channel, ProgrammeRef, TuneFailure, TuneResult } from '../../../sdk/index.js';
import { PIN, tunerHarness, type TunerHarness } from './support/tuner-harness.js';
import { until } from './support/test-live-platform.js';

function failure(result: TuneResult): TuneFailure {
  if (result.ok) throw new Error(`expected a failure, got success on ${result.channel.id}`);
  return result;
}

describe('tuner: parental control', () => {
  let h: TunerHarness;
  afterEach(async () => {
    await h.close();
  });

  it('a locked channel is blocked (parentalLock, 3) with no picture; the PIN then parentalUnlocked plays it', async () => {
    h = await tunerHarness();
    await h.tuner.tune(1);
    await h.parental.lockChannel('kids', PIN);
    const f = failure(await h.tuner.tune(12));
    expect([f.error, f.hbbtvErrorState, f.parentalReason]).to.deep.equal(['parentalLock', 3, 'channelLock']);
    expect(h.tuner.state.status).to.equal('blocked');
    expect(h.tuner.state.channel?.id).to.equal('kids');
    expect(h.player.showing).to.equal(undefined);
    expect((await h.parental.verifyPin('0000')).status).to.equal('incorrect');
    expect((await h.parental.verifyPin(PIN)).status).to.equal('correct');
    expect((await h.tuner.tune(12, { parentalUnlocked: true })).ok).to.equal(true);
    expect(h.player.showing).to.equal('kids');
    // Tuning away and back asks again.
    await h.tuner.tune(1);
    expect(failure(await h.tuner.tune(12)).error).to.equal('parentalLock');
  });

  it('a temporary channel unlock lasts until the viewer tunes away', async () => {
    h = await tunerHarness();
    await h.parental.lockChannel('kids', PIN);
    await h.parental.unlockTemporarily({ channelId: 'kids' }, PIN);
    expect((await h.tuner.tune(12)).ok).to.equal(true);
    await h.tuner.tune(1);
    expect(failure(await h.tuner.tune(12)).error).to.equal('parentalLock');
  });

  it('a CA service is stopped on a parental block', async () => {
    h = await tunerHarness();
    await h.parental.lockChannel('movie', PIN);
    await h.tuner.tune(5);
    expect(h.sim.state().services, 'no service descrambling').to.deep.equal([]);
  });

  it('locking the channel being watched blocks it; unlocking it plays it again', async () => {
    h = await tunerHarness();
    await h.tuner.tune(12);
    await h.parental.lockChannel('kids', PIN);
    await until(() => h.tuner.state.status === 'blocked', 'the block');
    expect(h.tuner.state.failure?.parentalReason).to.equal('channelLock');
    await h.parental.unlockChannel('kids', PIN);
    await until(() => h.tuner.state.status === 'presenting', 'the picture again');
    expect(h.player.showing).to.equal('kids');
  });

  it('a programme unlock ends with the programme: the next rated programme is blocked again', async () => {
    const filmEnd = Date.now() + 400;
    const film: ProgrammeRef = { id: 'film', rating: 16, end: filmEnd };
    const lateFilm: ProgrammeRef = { id: 'late-film', rating: 18, end: filmEnd + 3_600_000 };
    const programmeAt = (channel: Channel, at: number): ProgrammeRef | undefined =>
      (channel.id === 'movie' ? (at < filmEnd ? film : lateFilm) : undefined);
    h = await tunerHarness({ programmeAt });
    await h.parental.setRatingThreshold(12, PIN);
    const f = failure(await h.tuner.tune(5));
    expect([f.error, f.parentalReason]).to.deep.equal(['parentalLock', 'rating']);
    expect((await h.tuner.tune(1)).ok, 'an unrated channel').to.equal(true);
    expect((await h.parental.unlockTemporarily({ channelId: 'movie', programme: film }, PIN)).status).to.equal('correct');
    expect((await h.tuner.tune(5)).ok, 'the unlocked programme').to.equal(true);
    expect(h.player.showing).to.equal('movie');
    await until(() => h.tuner.state.status === 'blocked', 'the block when the film ends', 3000);
    expect(h.tuner.state.failure?.parentalReason).to.equal('rating');
    expect(h.player.showing).to.equal(undefined);
  });

  it('parentalUnlocked covers the programme on now, not the next one', async () => {
    const firstEnd = Date.now() + 300;
    const programmeAt = (channel: Channel, at: number): ProgrammeRef | undefined =>
      (channel.id === 'kids' ? (at < firstEnd ? { id: 'a', rating: 18, end: firstEnd } : { id: 'b', rating: 18, end: firstEnd + 60_000 }) : undefined);
    h = await tunerHarness({ programmeAt });
    await h.parental.setRatingThreshold(16, PIN);
    expect((await h.tuner.tune(12, { parentalUnlocked: true })).ok).to.equal(true);
    await until(() => h.tuner.state.status === 'blocked', 'the block at the next programme', 3000);
  });
});
