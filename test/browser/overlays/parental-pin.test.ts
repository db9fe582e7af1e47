import { expect } from '@esm-bundle/chai';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import { mountSystemUi, type ParentalPinAnswer, type SystemUi } from '../../../sdk/overlays/index.js';
import type { ParentalControl } from '../../../sdk/parental/index.js';
import {
  appKeyLog, frame, inLayer, keyboardPlatform, must, parentalWithPin, press, textOf, typeDigits, until,
} from './support/system-ui-support.js';

/** Settles to the answer, or to `pending` while the promise is still open after a frame. */
async function state(answer: Promise<ParentalPinAnswer>): Promise<ParentalPinAnswer | 'pending'> {
  return Promise.race([answer, frame().then(() => 'pending' as const)]);
}

describe('system UI: parental PIN', () => {
  let parental: ParentalControl;
  let ui: SystemUi;
  let log: ReturnType<typeof appKeyLog>;

  const dialogText = (): string => textOf(ui, 'yiwang-pin-dialog', '.dialog');
  const feedback = (): string => textOf(ui, 'yiwang-pin-dialog', '.feedback');
  const dialogShown = (): boolean => inLayer(ui, 'yiwang-pin-dialog', '.dialog') !== null;

  beforeEach(async () => {
    parental = await parentalWithPin('1234');
    ui = mountSystemUi({ parental, platform: keyboardPlatform(), resultMs: 200 });
    log = appKeyLog();
  });

  afterEach(() => {
    log.stop();
    ui.unmount();
    parental.close();
  });

  it('asks with the reason and the channel, masks the digits and resolves correct', async () => {
    const answer = ui.requestParentalPin({ reason: 'channelLock', channelName: '101 CCTV-1 综合', programmeTitle: '新闻联播' });
    await until(dialogShown, 'the PIN dialog');
    expect(dialogText()).to.contain('该频道已加锁');
    expect(dialogText()).to.contain('101 CCTV-1 综合 · 新闻联播');
    expect(must(inLayer(ui, 'yiwang-pin-dialog', '.dialog')).getAttribute('role')).to.equal('alertdialog');
    typeDigits('1234');
    await frame();
    expect(dialogText()).to.not.contain('1234');
    expect(dialogText().match(/●/g)?.length).to.equal(4);
    press('Enter');
    expect(await answer).to.equal('correct');
    await until(() => !dialogShown(), 'the dialog to close');
    expect(log.keys).to.deep.equal([]);
  });

  describe('unlocking what the PIN is asked for', () => {
    const channelId = '1.2.101';

    async function answerWith(answer: Promise<ParentalPinAnswer>, ...pins: string[]): Promise<ParentalPinAnswer> {
      await until(dialogShown, 'the PIN dialog');
      for (const pin of pins.slice(0, -1)) {
        typeDigits(pin);
        press('Enter');
        await until(() => feedback().startsWith('密码错误'), `${pin} to be refused`);
      }
      typeDigits(pins[pins.length - 1] ?? '');
      press('Enter');
      return answer;
    }

    it('unlocks the locked channel given with the right PIN, and not with a wrong one', async () => {
      await parental.lockChannel(channelId, '1234');
      expect(parental.check(channelId)).to.deep.equal({ allowed: false, reason: 'channelLock' });
      const answer = ui.requestParentalPin({ reason: 'channelLock', channelId, channelName: '101 CCTV-1 综合' });
      await until(dialogShown, 'the PIN dialog');
      typeDigits('9999');
      press('Enter');
      await until(() => feedback() === '密码错误，还可尝试 2 次', 'the attempts left');
      expect(parental.check(channelId).allowed, 'after a wrong PIN').to.equal(false);
      expect(await answerWith(answer, '1234')).to.equal('correct');
      expect(parental.check(channelId)).to.deep.equal({ allowed: true });
      // Another locked channel stays locked.
      await parental.lockChannel('1.2.102', '1234');
      expect(parental.check('1.2.102').allowed).to.equal(false);
    });

    it('unlocks only the programme given, until it ends', async () => {
      await parental.setRatingThreshold(16, '1234');
      const now = Date.now();
      const film = { id: 'evt-film', rating: 18, end: now + 60_000 };
      const next = { id: 'evt-next', rating: 18, end: now + 120_000 };
      expect(parental.check(channelId, film)).to.deep.equal({ allowed: false, reason: 'rating' });
      const answer = ui.requestParentalPin({ reason: 'rating', channelId, programme: film, programmeTitle: '午夜电影' });
      expect(await answerWith(answer, '1234')).to.equal('correct');
      expect(parental.check(channelId, film)).to.deep.equal({ allowed: true });
      expect(parental.check(channelId, next), 'the next programme').to.deep.equal({ allowed: false, reason: 'rating' });
      expect(parental.check(channelId, film, film.end), 'after its end').to.deep.equal({ allowed: false, reason: 'rating' });
    });

    it('only checks the PIN when no channel is given: nothing is unlocked', async () => {
      await parental.lockChannel(channelId, '1234');
      const answer = ui.requestParentalPin({ reason: 'channelLock', title: '进入家长控制设置' });
      expect(await answerWith(answer, '1234')).to.equal('correct');
      expect(parental.check(channelId)).to.deep.equal({ allowed: false, reason: 'channelLock' });
    });

    it('refuses an empty channel id, and a programme without its channel', async () => {
      const programme = { id: 'evt-film', rating: 18, end: Date.now() + 60_000 };
      for (const [request, what] of [
        [{ reason: 'channelLock', channelId: '' }, 'an empty channel id'],
        [{ reason: 'rating', programme }, 'a programme without a channel'],
      ] as const) {
        const error = await ui.requestParentalPin(request).then(() => undefined, (e: unknown) => e);
        expect(error, what).to.be.instanceOf(YiwangError);
        expect((error as YiwangError).code, what).to.equal(ErrorCode.ConfigInvalid);
        expect((error as YiwangError).message, what).to.contain('request.');
      }
      expect(dialogShown()).to.equal(false);
    });
  });

  it('shows the attempts left after a wrong PIN, asks again, and Back cancels once no digit is left', async () => {
    const answer = ui.requestParentalPin({ reason: 'rating', title: '节目需要家长授权' });
    await until(dialogShown, 'the PIN dialog');
    expect(dialogText()).to.contain('节目需要家长授权');
    typeDigits('9999');
    press('Enter');
    await until(() => feedback() === '密码错误，还可尝试 2 次', 'the attempts left');
    expect(await state(answer)).to.equal('pending');
    typeDigits('12');
    press('BrowserBack');
    expect(await state(answer)).to.equal('pending');
    press('BrowserBack');
    press('BrowserBack');
    expect(await answer).to.equal('cancelled');
    await until(() => !dialogShown(), 'the dialog to close');
    expect(parental.settings.failedAttempts).to.equal(1);
  });

  it('resolves locked after the last wrong PIN, shows until when, and answers locked at once while locked out', async () => {
    const answer = ui.requestParentalPin({ reason: 'viewingWindow' });
    await until(dialogShown, 'the PIN dialog');
    expect(dialogText()).to.contain('当前时段不允许观看');
    for (const [attempt, left] of [['1111', 2], ['2222', 1]] as const) {
      typeDigits(attempt);
      press('Enter');
      await until(() => feedback() === `密码错误，还可尝试 ${left} 次`, `${left} attempts left`);
    }
    typeDigits('3333');
    press('Enter');
    expect(await answer).to.equal('locked');
    const until_ = must(parental.settings.lockedUntil, 'lockedUntil');
    const clock = new Date(until_).toTimeString().slice(0, 5);
    await until(() => feedback() === `密码错误次数过多，已锁定至 ${clock}`, 'the lock-out time');
    // Shown for resultMs, then gone.
    await until(() => !dialogShown(), 'the dialog to close');

    const again = ui.requestParentalPin({ reason: 'channelLock' });
    expect(await again).to.equal('locked');
    await until(() => feedback().includes('已锁定至'), 'the lock-out notice');
    press('Enter');
    await until(() => !dialogShown(), 'OK to close the notice');
  });

  it('cancels on abort and when a newer request replaces it', async () => {
    const controller = new AbortController();
    const first = ui.requestParentalPin({ reason: 'channelLock', channelName: '5 CCTV-5', signal: controller.signal });
    await until(dialogShown, 'the PIN dialog');
    const second = ui.requestParentalPin({ reason: 'channelLock', channelName: '6 CCTV-6' });
    expect(await first).to.equal('cancelled');
    await until(() => dialogText().includes('6 CCTV-6'), 'the second request');
    const third = ui.requestParentalPin({ reason: 'channelLock', signal: controller.signal });
    expect(await second).to.equal('cancelled');
    controller.abort();
    expect(await third).to.equal('cancelled');
    await until(() => !dialogShown(), 'the dialog to close');
  });

  it('takes digits, OK and Back only while the dialog is open; other keys always go to the app', async () => {
    press('5');
    press('Enter');
    expect(log.keys).to.deep.equal(['5', 'Enter']);
    const answer = ui.requestParentalPin({ reason: 'channelLock' });
    await until(dialogShown, 'the PIN dialog');
    press('3');
    press('ArrowLeft');
    const up = press('ArrowUp');
    press('ChannelDown');
    press('Exit');
    expect(up.defaultPrevented).to.equal(false);
    expect(log.keys).to.deep.equal(['5', 'Enter', 'ArrowUp', '-', 'Escape']);
    press('BrowserBack');
    press('BrowserBack');
    expect(await answer).to.equal('cancelled');
    await frame();
    press('3');
    press('BrowserBack');
    expect(log.keys).to.deep.equal(['5', 'Enter', 'ArrowUp', '-', 'Escape', '3', 'Backspace']);
  });

  it('refuses without parental control, and when no PIN is set', async () => {
    ui.unmount();
    ui = mountSystemUi({ platform: keyboardPlatform() });
    const error = await ui.requestParentalPin({ reason: 'channelLock' }).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(YiwangError);
    expect((error as YiwangError).code).to.equal(ErrorCode.ConfigInvalid);
    ui.unmount();
    const unset = await (await import('../../../sdk/parental/index.js')).openParentalControl({ dbName: `yiwang-overlays-unset-${Date.now()}`, iterations: 1000 });
    ui = mountSystemUi({ parental: unset, platform: keyboardPlatform() });
    const notSet = await ui.requestParentalPin({ reason: 'channelLock' }).then(() => undefined, (e: unknown) => e);
    expect((notSet as YiwangError).code).to.equal(ErrorCode.ParentalPinNotSet);
    unset.close();
  });
});
