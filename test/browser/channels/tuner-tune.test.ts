import { expect } from '@esm-bundle/chai';
import { ErrorCode, TUNE_ERRORS, type TuneFailure, type TuneResult } from '../../../sdk/index.js';
import { tunerHarness, type TunerHarness } from './support/tuner-harness.js';
import { sleep, until } from './support/test-live-platform.js';

function failure(result: TuneResult): TuneFailure {
  if (result.ok) throw new Error(`expected a failure, got success on ${result.channel.id}`);
  return result;
}

describe('tuner: tune', () => {
  let h: TunerHarness;
  afterEach(async () => {
    await h.close();
  });

  it('tunes by number, id, triplet, triplet id and Channel, presenting the picture and measuring zap time', async () => {
    h = await tunerHarness({ delayMs: 20 });
    const targets = [
      [2, '8448.1.102'],
      ['kids', 'kids'],
      [{ onid: 8448, tsid: 1, sid: 101 }, '8448.1.101'],
      ['8448.1.102', '8448.1.102'],
      [h.lineup.byId('radio-1'), 'radio-1'],
    ] as const;
    for (const [target, id] of targets) {
      if (target === undefined) throw new Error('fixture');
      const result = await h.tuner.tune(target);
      expect(result.ok, JSON.stringify(target)).to.equal(true);
      expect(result.ok && result.channel.id).to.equal(id);
      expect(h.tuner.state).to.deep.include({ status: 'presenting' });
      expect(h.tuner.state.channel?.id).to.equal(id);
      expect(h.player.showing).to.equal(id);
    }
    const tv = h.zaps.find((z) => z.to === 'kids');
    expect(tv?.zapMs).to.be.within(15, 1000);
    expect(h.zaps.find((z) => z.to === 'radio-1')?.zapMs, 'no frame time for radio').to.equal(undefined);
    expect(h.zaps.map((z) => [z.from, z.to])).to.deep.equal([
      [undefined, '8448.1.102'], ['8448.1.102', 'kids'], ['kids', '8448.1.101'], ['8448.1.101', '8448.1.102'], ['8448.1.102', 'radio-1'],
    ]);
    expect(h.platform.reports).to.have.length(5);
    expect(h.platform.reports[0]?.request).to.equal(undefined);
    // Recents are written after the result (the write does not delay the tune).
    let recents: readonly string[] = [];
    const sub = h.lineup.recents$.subscribe((ids) => (recents = ids));
    await until(() => recents.length === 4, 'four recents');
    sub.unsubscribe();
    expect(recents).to.deep.equal(['radio-1', '8448.1.102', '8448.1.101', 'kids']);
  });

  it('counts zap time from startedAt (the key press)', async () => {
    h = await tunerHarness({ delayMs: 10 });
    const pressedAt = performance.now() - 100;
    const result = await h.tuner.tune(12, { startedAt: pressedAt });
    expect(result.ok && result.zapMs).to.be.within(105, 1000);
  });

  it('unknown channels fail with unknownChannel (5) and change nothing', async () => {
    h = await tunerHarness();
    await h.tuner.tune(1);
    const plays = h.player.plays.length;
    for (const target of [99, 1.5, 'nope', { onid: 1, tsid: 2, sid: 3 }, '1.2.3']) {
      const f = failure(await h.tuner.tune(target));
      expect(f.error).to.equal('unknownChannel');
      expect(f.hbbtvErrorState).to.equal(5);
      expect(f.channel).to.equal(undefined);
    }
    expect(h.tuner.state.status).to.equal('presenting');
    expect(h.tuner.state.channel?.number).to.equal(1);
    expect(h.player.plays.length).to.equal(plays);
    expect(h.zaps.at(-1)?.to).to.equal('1.2.3');
  });

  it('a hidden channel is tunable by number', async () => {
    h = await tunerHarness();
    expect((await h.tuner.tune(3)).ok).to.equal(true);
  });

  it('maps player errors: load → cannotResolveUri (8), unsupported → notSupported (0), others → unidentified (100)', async () => {
    h = await tunerHarness();
    h.player.failures.set('kids', ErrorCode.PlayerLoadFailed);
    h.player.failures.set('8448.1.101', ErrorCode.PlayerSourceUnsupported);
    h.player.failures.set('8448.1.102', ErrorCode.PlayerDecodeFailed);
    const cases = [[12, 'cannotResolveUri', 8], [1, 'notSupported', 0], [2, 'unidentified', 100]] as const;
    for (const [number, error, state] of cases) {
      const f = failure(await h.tuner.tune(number));
      expect(f.error).to.equal(error);
      expect(f.hbbtvErrorState).to.equal(state);
      expect(f.channel?.number).to.equal(number);
      expect(h.tuner.state.status).to.equal('failed');
      expect(h.tuner.state.failure).to.equal(f);
    }
  });

  it('no signal: fails noSignal (1) on the channel; the signal coming back retunes it', async () => {
    h = await tunerHarness();
    h.platform.signalSubject.next(false);
    const f = failure(await h.tuner.tune(12));
    expect(f.error).to.equal('noSignal');
    expect(f.hbbtvErrorState).to.equal(TUNE_ERRORS.noSignal);
    expect(f.channel?.id).to.equal('kids');
    expect(h.tuner.state).to.deep.include({ status: 'failed' });
    expect(h.tuner.state.channel?.id).to.equal('kids');
    expect(h.player.showing).to.equal(undefined);
    h.platform.signalSubject.next(true);
    await until(() => h.tuner.state.status === 'presenting', 'the retune after the signal came back');
    expect(h.player.showing).to.equal('kids');
  });

  it('losing the signal while presenting stops the picture; a tune under way resolves noSignal', async () => {
    h = await tunerHarness({ delayMs: 30 });
    await h.tuner.tune(1);
    h.platform.signalSubject.next(false);
    expect(h.tuner.state.status).to.equal('failed');
    expect(h.tuner.state.failure?.error).to.equal('noSignal');
    await sleep(0);
    expect(h.player.state.status).to.equal('stopped');
    h.platform.signalSubject.next(true);
    await until(() => h.tuner.state.status === 'presenting', 'retune');

    const tuning = h.tuner.tune(2);
    await Promise.resolve();
    expect(h.tuner.state.status).to.equal('tuning');
    h.platform.signalSubject.next(false);
    expect(failure(await tuning).error).to.equal('noSignal');
    expect(h.tuner.state.channel?.number).to.equal(2);
  });

  it('platform tune requests tune and are answered with their request', async () => {
    h = await tunerHarness();
    h.platform.requests.next({ id: 'r1', target: 12 });
    h.platform.requests.next({ id: 'r2', target: 404 });
    await until(() => h.platform.reports.length === 2, 'two reports');
    const [first, second] = h.platform.reports;
    expect(first?.request?.id).to.equal('r2');
    expect(first?.result.ok === false && first.result.error).to.equal('unknownChannel');
    expect(second?.request?.id).to.equal('r1');
    expect(second?.result.ok).to.equal(true);
    expect(h.tuner.state.channel?.id).to.equal('kids');
  });

  it('stop() blanks the picture and goes idle', async () => {
    h = await tunerHarness();
    await h.tuner.tune(12);
    await h.tuner.stop();
    expect(h.tuner.state).to.deep.equal({ status: 'idle' });
    expect(h.player.state.status).to.equal('stopped');
  });
});
