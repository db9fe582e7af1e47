// The viewer's whole path through a parental block: the tuner blocks, the system UI's PIN dialog asks with
// the failure's channel and programme, and the right PIN typed on the remote brings the picture back with no
// further tune call from the app.
import { expect } from '@esm-bundle/chai';
import { mountSystemUi, type SystemUi } from '../../../sdk/overlays/index.js';
import type { Channel, ParentalPinAnswer, ProgrammeRef, TuneFailure, TuneResult } from '../../../sdk/index.js';
import { inLayer, keyboardPlatform, press, textOf, typeDigits } from '../overlays/support/system-ui-support.js';
import { PIN, tunerHarness, type TunerHarness } from './support/tuner-harness.js';
import { sleep, until } from './support/test-live-platform.js';

function failure(result: TuneResult): TuneFailure {
  if (result.ok) throw new Error(`expected a failure, got success on ${result.channel.id}`);
  return result;
}

describe('tuner with the system UI PIN dialog', () => {
  let h: TunerHarness;
  let ui: SystemUi;
  afterEach(async () => {
    ui.unmount();
    await h.close();
  });

  const dialogShown = (): boolean => inLayer(ui, 'yiwang-pin-dialog', '.dialog') !== null;
  const feedback = (): string => textOf(ui, 'yiwang-pin-dialog', '.feedback');

  /** Asks the PIN for the tuner's parental failure, as an app does. */
  function askPin(f: TuneFailure): Promise<ParentalPinAnswer> {
    const channel = f.channel;
    if (!channel || !f.parentalReason) throw new Error('not a parental block');
    return ui.requestParentalPin({
      reason: f.parentalReason, channelId: channel.id, channelName: channel.name,
      ...(f.parentalProgramme ? { programme: f.parentalProgramme } : {}),
    });
  }

  it('a wrong PIN keeps the locked channel blocked; the right one plays it', async () => {
    h = await tunerHarness();
    ui = mountSystemUi({ parental: h.parental, platform: keyboardPlatform(), resultMs: 50 });
    await h.parental.lockChannel('kids', PIN);
    const answer = askPin(failure(await h.tuner.tune(12)));
    await until(dialogShown, 'the PIN dialog');
    typeDigits('0000');
    press('Enter');
    await until(() => feedback().startsWith('密码错误'), 'the wrong PIN refused');
    await sleep(30);
    expect(h.tuner.state.status, 'after the wrong PIN').to.equal('blocked');
    expect(h.player.showing).to.equal(undefined);
    typeDigits(PIN);
    press('Enter');
    expect(await answer).to.equal('correct');
    await until(() => h.tuner.state.status === 'presenting', 'the channel after the right PIN');
    expect(h.player.showing).to.equal('kids');
  });

  it('a rated programme: the PIN unlocks that programme, the next rated one is blocked again', async () => {
    const filmEnd = Date.now() + 1500;
    const programmeAt = (channel: Channel, at: number): ProgrammeRef | undefined =>
      (channel.id === 'movie' ? (at < filmEnd ? { id: 'film', rating: 18, end: filmEnd } : { id: 'late', rating: 18, end: filmEnd + 60_000 }) : undefined);
    h = await tunerHarness({ programmeAt });
    ui = mountSystemUi({ parental: h.parental, platform: keyboardPlatform(), resultMs: 50 });
    await h.parental.setRatingThreshold(16, PIN);
    const answer = askPin(failure(await h.tuner.tune(5)));
    await until(dialogShown, 'the PIN dialog');
    typeDigits(PIN);
    press('Enter');
    expect(await answer).to.equal('correct');
    await until(() => h.tuner.state.status === 'presenting', 'the film after the PIN');
    expect(h.player.showing).to.equal('movie');
    await until(() => h.tuner.state.status === 'blocked', 'the next rated programme blocked', 4000);
    expect(h.tuner.state.failure?.parentalProgramme?.id).to.equal('late');
  });
});
