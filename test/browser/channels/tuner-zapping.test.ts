import { expect } from '@esm-bundle/chai';
import { Subject, type Subscription } from 'rxjs';
import { channelNumberEntry, type ChannelNumberEntryEvent, type KeyEvent, type KeyName, type TuneResult, type TunerState } from '../../../sdk/index.js';
import { PIN, tunerHarness, type TunerHarness } from './support/tuner-harness.js';
import { sleep, until } from './support/test-live-platform.js';

const numberOf = (result: TuneResult): number | undefined => (result.ok ? result.channel.number : result.channel?.number);

describe('tuner: zapping', () => {
  let h: TunerHarness;
  afterEach(async () => {
    await h.close();
  });

  it('next/previous go in number order, wrap around, and skip hidden and locked channels', async () => {
    h = await tunerHarness();
    await h.parental.lockChannel('movie', PIN);
    const up: Array<number | undefined> = [];
    for (let i = 0; i < 6; i++) up.push(numberOf(await h.tuner.next()));
    expect(up, 'from no channel: 1 first; 3 hidden and 5 locked skipped').to.deep.equal([1, 2, 8, 10, 12, 1]);
    const down: Array<number | undefined> = [];
    for (let i = 0; i < 3; i++) down.push(numberOf(await h.tuner.previous()));
    expect(down).to.deep.equal([12, 10, 8]);
  });

  it('goes on from a channel that is itself skipped (a hidden channel tuned by number)', async () => {
    h = await tunerHarness();
    await h.tuner.tune(3);
    expect(numberOf(await h.tuner.next())).to.equal(5);
    await h.tuner.tune(3);
    expect(numberOf(await h.tuner.previous())).to.equal(2);
  });

  it('skip settings: locked and hidden offered when asked, favourites only, one kind only', async () => {
    h = await tunerHarness({ skip: { locked: false, hidden: false } });
    await h.parental.lockChannel('movie', PIN);
    await h.tuner.tune(2);
    expect(numberOf(await h.tuner.next())).to.equal(3);
    expect(numberOf(await h.tuner.next()), 'locked but offered: blocked by parental control').to.equal(5);
    expect(h.tuner.state.status).to.equal('blocked');
    await h.close();

    h = await tunerHarness({ skip: { favouritesOnly: true } });
    await h.lineup.setFavourite('kids', true);
    await h.lineup.setFavourite('8448.1.102', true);
    expect(numberOf(await h.tuner.next())).to.equal(2);
    expect(numberOf(await h.tuner.next())).to.equal(12);
    expect(numberOf(await h.tuner.next())).to.equal(2);
    await h.close();

    h = await tunerHarness({ skip: { kind: 'radio' } });
    await h.tuner.tune(1);
    expect(numberOf(await h.tuner.next())).to.equal(8);
    expect(numberOf(await h.tuner.next()), 'the only radio channel again').to.equal(8);
  });

  it('no channel to zap to: noChannelList (10)', async () => {
    h = await tunerHarness({ skip: { favouritesOnly: true } });
    for (const result of [await h.tuner.next(), await h.tuner.previous()]) {
      expect(result.ok).to.equal(false);
      expect(!result.ok && [result.error, result.hbbtvErrorState]).to.deep.equal(['noChannelList', 10]);
    }
    expect(h.zaps.map((z) => z.to)).to.deep.equal(['next', 'previous']);
  });

  it('toggleLast goes back to the channel watched before; noChannelList before there is one', async () => {
    h = await tunerHarness();
    const none = await h.tuner.toggleLast();
    expect(!none.ok && none.error).to.equal('noChannelList');
    await h.tuner.tune(1);
    const still = await h.tuner.toggleLast();
    expect(!still.ok && still.error, 'one channel watched').to.equal('noChannelList');
    await h.tuner.tune(12);
    expect(numberOf(await h.tuner.toggleLast())).to.equal(1);
    expect(numberOf(await h.tuner.toggleLast())).to.equal(12);
    expect(numberOf(await h.tuner.toggleLast())).to.equal(1);
  });

  it('a newer tune supersedes an older one: the older resolves interrupted (6) at once and changes nothing after', async () => {
    h = await tunerHarness({ delayMs: (source) => (source.kind === 'channel' && source.channel.id === 'kids' ? 60 : 15) });
    const states: TunerState[] = [];
    const sub = h.tuner.state$.subscribe((s) => states.push(s));
    const slow = h.tuner.tune(12);
    const fast = h.tuner.tune(2);
    const first = await Promise.race([slow.then(() => 'slow'), fast.then(() => 'fast')]);
    expect(first, 'the older one resolves first, without waiting for its player').to.equal('slow');
    const older = await slow;
    expect(!older.ok && [older.error, older.hbbtvErrorState]).to.deep.equal(['interrupted', 6]);
    expect((await fast).ok).to.equal(true);
    await sleep(80);
    sub.unsubscribe();
    expect(states.filter((s) => s.channel?.id === 'kids' && s.status !== 'tuning'), 'kids never settled').to.deep.equal([]);
    expect(h.tuner.state.channel?.number).to.equal(2);
    expect(h.player.showing).to.equal('8448.1.102');
    expect(h.zaps.map((z) => [z.to, z.result.ok])).to.deep.equal([['kids', false], ['8448.1.102', true]]);
  });

  it('holding Channel Up: every press moves on from the channel being tuned, and the last one lands', async () => {
    h = await tunerHarness({ delayMs: 100 });
    await h.tuner.tune(1);
    const presses: Array<Promise<TuneResult>> = [];
    for (let i = 0; i < 7; i++) {
      presses.push(h.tuner.next());
      await Promise.resolve(); // auto-repeat faster than a tune (no timers, so machine load cannot reorder it)
    }
    const results = await Promise.all(presses);
    expect(results.map((r) => (r.ok ? 'ok' : r.error))).to.deep.equal([
      'interrupted', 'interrupted', 'interrupted', 'interrupted', 'interrupted', 'interrupted', 'ok',
    ]);
    // From 1: 2, 5, 8, 10, 12, wrap to 1, 2 (3 is hidden).
    expect(h.zaps.slice(1).map((z) => h.lineup.byId(z.to)?.number)).to.deep.equal([2, 5, 8, 10, 12, 1, 2]);
    expect(h.tuner.state.status).to.equal('presenting');
    expect(h.tuner.state.channel?.number).to.equal(2);
    expect(h.player.showing).to.equal('8448.1.102');
    expect(numberOf(await h.tuner.toggleLast()), 'the channels skipped through are not "last"').to.equal(1);
  });
});

describe('channelNumberEntry', () => {
  let h: TunerHarness;
  let sub: Subscription | undefined;
  afterEach(async () => {
    sub?.unsubscribe();
    await h.close();
  });

  const key = (name: KeyName, timeStamp = performance.now()): KeyEvent => ({ key: name, kind: 'down', raw: 0, timeStamp });

  it('tunes to the typed number, counting zap time from the commit key', async () => {
    h = await tunerHarness({ delayMs: 10 });
    const keys = new Subject<KeyEvent>();
    const events: ChannelNumberEntryEvent[] = [];
    sub = keys.pipe(channelNumberEntry(h.tuner)).subscribe((e) => events.push(e));
    keys.next(key('1'));
    keys.next(key('2'));
    const enterAt = performance.now() - 50;
    keys.next(key('Enter', enterAt));
    await until(() => events.some((e) => e.type === 'tuned'), 'the tune');
    expect(events.slice(0, 3)).to.deep.equal([
      { type: 'typing', digits: '1' }, { type: 'typing', digits: '12' }, { type: 'entered', number: 12, startedAt: enterAt },
    ]);
    const tuned = events[3];
    expect(tuned?.type === 'tuned' && tuned.result.ok).to.equal(true);
    expect(h.tuner.state.channel?.id).to.equal('kids');
    expect(h.zaps[0]?.zapMs).to.be.within(55, 1000);
  });

  it('reports an unknown number, and a cancelled entry tunes nothing', async () => {
    h = await tunerHarness();
    const keys = new Subject<KeyEvent>();
    const events: ChannelNumberEntryEvent[] = [];
    sub = keys.pipe(channelNumberEntry(h.tuner, { maxDigits: 2, timeoutMs: 50 })).subscribe((e) => events.push(e));
    keys.next(key('4'));
    keys.next(key('BrowserBack'));
    keys.next(key('9'));
    keys.next(key('9'));
    await until(() => events.some((e) => e.type === 'tuned'), 'the tune');
    expect(events.map((e) => e.type)).to.deep.equal(['typing', 'cancelled', 'typing', 'typing', 'entered', 'tuned']);
    const tuned = events.at(-1);
    expect(tuned?.type === 'tuned' && !tuned.result.ok && tuned.result.error).to.equal('unknownChannel');
    keys.next(key('8'));
    await until(() => events.filter((e) => e.type === 'tuned').length === 2, 'the tune after the timeout');
    expect(h.tuner.state.channel?.id).to.equal('radio-1');
  });
});
