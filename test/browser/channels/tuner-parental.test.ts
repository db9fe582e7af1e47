import { expect } from '@esm-bundle/chai';
import type { Channel, ProgrammeRef, TuneFailure, TuneOptions, TuneResult } from '../../../sdk/index.js';
import { PIN, tunerHarness, type TunerHarness } from './support/tuner-harness.js';
import { sleep, until } from './support/test-live-platform.js';

function failure(result: TuneResult): TuneFailure {
  if (result.ok) throw new Error(`expected a failure, got success on ${result.channel.id}`);
  return result;
}

/** A parental clock running at real speed, which `set(wall)` makes read `wall` (a UTC instant) at once. */
function settableClock(): { readonly now: () => number; set(wall: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    set(wall) {
      offset = wall - Date.now();
    },
  };
}

describe('tuner: parental control', () => {
  let h: TunerHarness;
  afterEach(async () => {
    await h.close();
  });

  it('a locked channel cannot be tuned without the PIN; the right PIN plays it without another tune', async () => {
    h = await tunerHarness();
    await h.tuner.tune(1);
    await h.parental.lockChannel('kids', PIN);
    const f = failure(await h.tuner.tune(12));
    expect([f.error, f.hbbtvErrorState, f.parentalReason]).to.deep.equal(['parentalLock', 3, 'channelLock']);
    expect(f.parentalProgramme, 'no programme for a channel lock').to.equal(undefined);
    expect(h.tuner.state.status).to.equal('blocked');
    expect(h.tuner.state.channel?.id).to.equal('kids');
    expect(h.player.showing).to.equal(undefined);
    // A PIN check that unlocks nothing, or tuning again, does not get past the lock.
    expect((await h.parental.verifyPin(PIN)).status).to.equal('correct');
    expect(failure(await h.tuner.tune(12)).error).to.equal('parentalLock');
    // The old `parentalUnlocked` flag (still passed by a JavaScript app) is no way around the PIN.
    const oldFlag = { parentalUnlocked: true } as unknown as TuneOptions;
    expect(failure(await h.tuner.tune(12, oldFlag)).error, 'parentalUnlocked ignored').to.equal('parentalLock');
    // A wrong PIN does not unlock.
    expect(await h.parental.unlockTemporarily({ channelId: 'kids' }, '0000')).to.deep.equal({ status: 'incorrect', attemptsLeft: 2 });
    await sleep(30);
    expect(h.tuner.state.status).to.equal('blocked');
    expect(h.player.showing).to.equal(undefined);
    expect(failure(await h.tuner.tune(12)).error, 'still locked after the wrong PIN').to.equal('parentalLock');
    // The right PIN: the tuner plays the channel by itself.
    expect((await h.parental.unlockTemporarily({ channelId: 'kids' }, PIN)).status).to.equal('correct');
    await until(() => h.tuner.state.status === 'presenting', 'the channel to play after the PIN');
    expect(h.player.showing).to.equal('kids');
    expect(h.tuner.state.channel?.id).to.equal('kids');
    // Tuning away and back asks again.
    await h.tuner.tune(1);
    expect(failure(await h.tuner.tune(12)).error).to.equal('parentalLock');
  });

  it('after the PIN the app may also tune the channel again itself', async () => {
    h = await tunerHarness();
    await h.parental.lockChannel('kids', PIN);
    expect(failure(await h.tuner.tune(12)).error).to.equal('parentalLock');
    const unlocking = h.parental.unlockTemporarily({ channelId: 'kids' }, PIN);
    expect((await unlocking).status).to.equal('correct');
    const again = await h.tuner.tune(12);
    expect(again.ok, 'the tune after the PIN').to.equal(true);
    await until(() => h.tuner.state.status === 'presenting', 'the picture');
    expect(h.player.showing).to.equal('kids');
  });

  it('a temporary channel unlock lasts until the viewer tunes away, or stops', async () => {
    h = await tunerHarness();
    await h.parental.lockChannel('kids', PIN);
    await h.parental.unlockTemporarily({ channelId: 'kids' }, PIN);
    expect((await h.tuner.tune(12)).ok).to.equal(true);
    await h.tuner.tune(1);
    expect(failure(await h.tuner.tune(12)).error).to.equal('parentalLock');
    await h.parental.unlockTemporarily({ channelId: 'kids' }, PIN);
    await until(() => h.tuner.state.status === 'presenting', 'the picture');
    await h.tuner.stop();
    expect(failure(await h.tuner.tune(12)).error, 'after stop()').to.equal('parentalLock');
  });

  it('a PIN unlock survives a signal loss on the channel', async () => {
    h = await tunerHarness();
    await h.parental.lockChannel('kids', PIN);
    await h.tuner.tune(12);
    await h.parental.unlockTemporarily({ channelId: 'kids' }, PIN);
    await until(() => h.tuner.state.status === 'presenting', 'the picture');
    h.platform.signalSubject.next(false);
    await until(() => h.tuner.state.status === 'failed', 'the signal loss');
    h.platform.signalSubject.next(true);
    await until(() => h.tuner.state.status === 'presenting', 'the picture after the signal came back');
    expect(h.player.showing).to.equal('kids');
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

  it('a rating block names the programme; unlocking it plays it until it ends, and the next rated one is blocked', async () => {
    const filmEnd = Date.now() + 1200;
    const film: ProgrammeRef = { id: 'film', rating: 16, end: filmEnd };
    const lateFilm: ProgrammeRef = { id: 'late-film', rating: 18, end: filmEnd + 3_600_000 };
    const programmeAt = (channel: Channel, at: number): ProgrammeRef | undefined =>
      (channel.id === 'movie' ? (at < filmEnd ? film : lateFilm) : undefined);
    h = await tunerHarness({ programmeAt });
    await h.parental.setRatingThreshold(12, PIN);
    const f = failure(await h.tuner.tune(5));
    expect([f.error, f.parentalReason]).to.deep.equal(['parentalLock', 'rating']);
    expect(f.parentalProgramme).to.deep.equal(film);
    expect(h.player.showing).to.equal(undefined);
    expect((await h.parental.unlockTemporarily({ channelId: 'movie', ...(f.parentalProgramme ? { programme: f.parentalProgramme } : {}) }, PIN)).status)
      .to.equal('correct');
    await until(() => h.tuner.state.status === 'presenting', 'the unlocked programme');
    expect(h.player.showing).to.equal('movie');
    await until(() => h.tuner.state.status === 'blocked', 'the block when the film ends', 3000);
    expect(h.tuner.state.failure?.parentalReason).to.equal('rating');
    expect(h.tuner.state.failure?.parentalProgramme?.id).to.equal('late-film');
    expect(h.player.showing).to.equal(undefined);
  });

  it('the viewing window closing blocks the channel being watched (operator time zone)', async () => {
    const clock = settableClock();
    h = await tunerHarness({ parentalNow: clock.now, timeZone: 'Asia/Shanghai' });
    clock.set(Date.UTC(2026, 0, 1, 12)); // 20:00 in Shanghai
    await h.parental.setViewingWindow({ start: '08:00', end: '21:00' }, PIN);
    clock.set(Date.UTC(2026, 0, 1, 12, 59, 59)); // one second before the window ends at 21:00
    expect((await h.tuner.tune(1)).ok, 'still inside the window').to.equal(true);
    await until(() => h.tuner.state.status === 'blocked', 'the block at 21:00', 3000);
    expect(h.tuner.state.failure?.parentalReason).to.equal('viewingWindow');
    expect(h.player.showing).to.equal(undefined);
  });

  it('a channel blocked by the viewing window plays when the window opens', async () => {
    const clock = settableClock();
    h = await tunerHarness({ parentalNow: clock.now, timeZone: 'Asia/Shanghai' });
    clock.set(Date.UTC(2026, 0, 1, 12)); // 20:00 in Shanghai
    await h.parental.setViewingWindow({ start: '08:00', end: '21:00' }, PIN);
    clock.set(Date.UTC(2026, 0, 1, 23, 59, 59)); // one second before the window opens at 08:00
    const f = failure(await h.tuner.tune(1));
    expect(f.parentalReason).to.equal('viewingWindow');
    await until(() => h.tuner.state.status === 'presenting', 'the picture at 08:00', 3000);
    expect(h.player.showing).to.equal('8448.1.101');
  });

  it('a CA block lifting on a programme rated above the threshold does not show it', async () => {
    const newsEnd = Date.now() + 600;
    const programmeAt = (channel: Channel, at: number): ProgrammeRef | undefined => {
      if (channel.id !== 'movie') return undefined;
      return at < newsEnd ? { id: 'news', end: newsEnd } : { id: 'film', rating: 18, end: newsEnd + 3_600_000 };
    };
    h = await tunerHarness({ programmeAt, entitled: [20] });
    await h.parental.setRatingThreshold(16, PIN);
    expect(failure(await h.tuner.tune(5)).error, 'not entitled during the news').to.equal('notEntitled');
    await until(() => Date.now() > newsEnd + 5, 'the film to start', 3000);
    h.sim.entitle(10);
    await until(() => h.tuner.state.failure?.error === 'parentalLock', 'the parental block of the film');
    expect(h.tuner.state.status).to.equal('blocked');
    expect(h.tuner.state.failure?.parentalProgramme?.id).to.equal('film');
    await sleep(30);
    expect(h.player.showing).to.equal(undefined);
  });

  it('after a CA block lifts, the programme end is still watched: a rated programme that follows is blocked', async () => {
    const newsEnd = Date.now() + 1200;
    const programmeAt = (channel: Channel, at: number): ProgrammeRef | undefined => {
      if (channel.id !== 'movie') return undefined;
      return at < newsEnd ? { id: 'news', end: newsEnd } : { id: 'film', rating: 18, end: newsEnd + 3_600_000 };
    };
    h = await tunerHarness({ programmeAt, entitled: [20] });
    await h.parental.setRatingThreshold(16, PIN);
    expect(failure(await h.tuner.tune(5)).error).to.equal('notEntitled');
    h.sim.entitle(10);
    await until(() => h.tuner.state.status === 'presenting', 'the news after the entitlement');
    expect(Date.now(), 'the news still on').to.be.below(newsEnd);
    await until(() => h.tuner.state.status === 'blocked', 'the block when the film starts', 3000);
    expect(h.tuner.state.failure?.parentalReason).to.equal('rating');
    expect(h.player.showing).to.equal(undefined);
  });
});
