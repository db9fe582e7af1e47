import { expect } from '@esm-bundle/chai';
import {
  ErrorCode, YiwangError, nextTimeWindowChange, openParentalControl, withinTimeWindow, type ParentalControl, type ProgrammeRef,
} from '../../../sdk/index.js';
import { deleteDb, uniqueDbName } from '../channels/support/test-live-platform.js';

const PIN = '5678';
/** Local time on 1 Jan 2026 (the viewing window is local time). */
const at = (hours: number, minutes = 0): number => new Date(2026, 0, 1, hours, minutes).getTime();

describe('parental control: decisions', () => {
  let clock = at(12);
  let parental: ParentalControl;
  let name: string;
  beforeEach(async () => {
    clock = at(12);
    name = uniqueDbName('parental-check');
    parental = await openParentalControl({ dbName: name, iterations: 1000, now: () => clock });
    await parental.setPin(PIN);
  });
  afterEach(async () => {
    parental.close();
    await deleteDb(name);
  });

  it('allows everything when nothing is locked', () => {
    expect(parental.check('a', { id: 'p', rating: 18, end: at(13) })).to.deep.equal({ allowed: true });
  });

  it('locks and unlocks channels with the PIN; a wrong PIN changes nothing', async () => {
    expect(await parental.lockChannel('adult', '0000')).to.deep.equal({ status: 'incorrect', attemptsLeft: 2 });
    expect(parental.isChannelLocked('adult')).to.equal(false);
    expect(await parental.lockChannel('adult', PIN)).to.deep.equal({ status: 'correct' });
    expect(parental.isChannelLocked('adult')).to.equal(true);
    expect(parental.settings.lockedChannels).to.deep.equal(['adult']);
    expect(parental.check('adult')).to.deep.equal({ allowed: false, reason: 'channelLock' });
    expect(parental.check('news')).to.deep.equal({ allowed: true });
    await parental.unlockChannel('adult', PIN);
    expect(parental.check('adult')).to.deep.equal({ allowed: true });
  });

  it('blocks programmes rated at or above the threshold', async () => {
    await parental.setRatingThreshold(16, PIN);
    expect(parental.settings.ratingThreshold).to.equal(16);
    expect(parental.check('a', { id: 'p1', rating: 15, end: at(13) })).to.deep.equal({ allowed: true });
    expect(parental.check('a', { id: 'p2', rating: 16, end: at(13) })).to.deep.equal({ allowed: false, reason: 'rating' });
    expect(parental.check('a', { id: 'p3', end: at(13) }), 'unrated').to.deep.equal({ allowed: true });
    await parental.setRatingThreshold(undefined, PIN);
    expect(parental.check('a', { id: 'p2', rating: 18, end: at(13) })).to.deep.equal({ allowed: true });
  });

  it('applies a daily viewing window, wrapping past midnight', async () => {
    await parental.setViewingWindow({ start: '21:00', end: '06:30' }, PIN);
    expect(parental.settings.viewingWindow).to.deep.equal({ start: '21:00', end: '06:30' });
    expect(parental.check('a', undefined, at(22))).to.deep.equal({ allowed: true });
    expect(parental.check('a', undefined, at(3))).to.deep.equal({ allowed: true });
    expect(parental.check('a', undefined, at(6, 29))).to.deep.equal({ allowed: true });
    expect(parental.check('a', undefined, at(6, 30))).to.deep.equal({ allowed: false, reason: 'viewingWindow' });
    expect(parental.check('a', undefined, at(20, 59))).to.deep.equal({ allowed: false, reason: 'viewingWindow' });
    clock = at(12);
    expect(parental.check('a'), 'uses the clock when no time given').to.deep.equal({ allowed: false, reason: 'viewingWindow' });
  });

  it('withinTimeWindow: plain, wrapping, and whole-day windows', () => {
    expect(withinTimeWindow({ start: '08:00', end: '20:00' }, at(8))).to.equal(true);
    expect(withinTimeWindow({ start: '08:00', end: '20:00' }, at(20))).to.equal(false);
    expect(withinTimeWindow({ start: '08:00', end: '20:00' }, at(7, 59))).to.equal(false);
    expect(withinTimeWindow({ start: '22:00', end: '02:00' }, at(0, 0))).to.equal(true);
    expect(withinTimeWindow({ start: '22:00', end: '02:00' }, at(2, 0))).to.equal(false);
    expect(withinTimeWindow({ start: '00:00', end: '00:00' }, at(13))).to.equal(true);
  });

  it('withinTimeWindow and nextTimeWindowChange in a given time zone (Asia/Shanghai is UTC+8)', () => {
    const window = { start: '08:00', end: '21:00' };
    const utc = (hours: number, minutes = 0): number => Date.UTC(2026, 0, 1, hours, minutes);
    expect(withinTimeWindow(window, utc(12, 59), 'Asia/Shanghai'), '20:59 in Shanghai').to.equal(true);
    expect(withinTimeWindow(window, utc(13), 'Asia/Shanghai'), '21:00 in Shanghai').to.equal(false);
    expect(withinTimeWindow(window, utc(0), 'Asia/Shanghai'), '08:00 in Shanghai').to.equal(true);
    expect(nextTimeWindowChange(window, utc(12, 59) + 30_000, 'Asia/Shanghai'), 'closes at 21:00').to.equal(utc(13));
    expect(nextTimeWindowChange(window, utc(13), 'Asia/Shanghai'), 'then opens at 08:00').to.equal(Date.UTC(2026, 0, 2, 0));
    expect(nextTimeWindowChange({ start: '06:00', end: '06:00' }, utc(13), 'Asia/Shanghai'), 'whole day').to.equal(undefined);
  });

  it('nextTimeWindowChange follows a daylight-saving change (Berlin, 29 March 2026, 02:00 → 03:00)', () => {
    const window = { start: '01:00', end: '06:00' };
    // 01:30 CET = 00:30 UTC; the window closes at 06:00 CEST = 04:00 UTC, five wall-clock hours but four real ones.
    expect(nextTimeWindowChange(window, Date.UTC(2026, 2, 29, 0, 30), 'Europe/Berlin')).to.equal(Date.UTC(2026, 2, 29, 4));
    expect(nextTimeWindowChange(window, Date.UTC(2026, 2, 28, 23, 30), 'Europe/Berlin'), 'opens at 01:00 CET').to.equal(Date.UTC(2026, 2, 29, 0));
  });

  it('decides the viewing window in the timeZone option, whatever the box\'s own zone', async () => {
    const shanghai = uniqueDbName('parental-zone');
    let utcClock = Date.UTC(2026, 0, 1, 12, 59);
    const zoned = await openParentalControl({ dbName: shanghai, iterations: 1000, now: () => utcClock, timeZone: 'Asia/Shanghai' });
    try {
      await zoned.setPin(PIN);
      await zoned.setViewingWindow({ start: '08:00', end: '21:00' }, PIN);
      expect(zoned.check('a'), '20:59 in Shanghai').to.deep.equal({ allowed: true });
      expect(zoned.msUntilViewingWindowChange(), 'one minute to 21:00').to.equal(60_000);
      utcClock = Date.UTC(2026, 0, 1, 13);
      expect(zoned.check('a'), '21:00 in Shanghai').to.deep.equal({ allowed: false, reason: 'viewingWindow' });
      expect(zoned.msUntilViewingWindowChange(), 'eleven hours to 08:00').to.equal(11 * 3_600_000);
    } finally {
      zoned.close();
      await deleteDb(shanghai);
    }
  });

  it('rejects an unknown timeZone with ParentalSettingInvalid', async () => {
    try {
      await openParentalControl({ dbName: uniqueDbName('parental-zone'), timeZone: 'Asia/Atlantis' });
      expect.fail('expected a rejection');
    } catch (error) {
      expect(error).to.be.instanceOf(YiwangError);
      expect((error as YiwangError).code).to.equal(ErrorCode.ParentalSettingInvalid);
      expect((error as YiwangError).data['name']).to.equal('timeZone');
    }
  });

  it('msUntilViewingWindowChange is undefined without a window', () => {
    expect(parental.msUntilViewingWindowChange()).to.equal(undefined);
  });

  it('a programme unlock lasts until the programme ends and does not unlock the next one', async () => {
    await parental.setRatingThreshold(12, PIN);
    const film: ProgrammeRef = { id: 'film', rating: 16, end: at(14) };
    const next: ProgrammeRef = { id: 'late-film', rating: 16, end: at(16) };
    expect(parental.check('movies', film, at(12))).to.deep.equal({ allowed: false, reason: 'rating' });
    expect(await parental.unlockTemporarily({ channelId: 'movies', programme: film }, '1111')).to.deep.equal({ status: 'incorrect', attemptsLeft: 2 });
    expect(parental.check('movies', film, at(12))).to.deep.equal({ allowed: false, reason: 'rating' });
    expect(await parental.unlockTemporarily({ channelId: 'movies', programme: film }, PIN)).to.deep.equal({ status: 'correct' });
    expect(parental.check('movies', film, at(13, 59))).to.deep.equal({ allowed: true });
    expect(parental.check('movies', next, at(13, 59)), 'another programme').to.deep.equal({ allowed: false, reason: 'rating' });
    expect(parental.check('movies', next, at(14)), 'the next programme').to.deep.equal({ allowed: false, reason: 'rating' });
    expect(parental.check('movies', film, at(14)), 'after its end').to.deep.equal({ allowed: false, reason: 'rating' });
    expect(parental.check('other', film, at(13)), 'another channel').to.deep.equal({ allowed: false, reason: 'rating' });
  });

  it('a channel unlock lasts until the viewer tunes away', async () => {
    await parental.lockChannel('adult', PIN);
    await parental.unlockTemporarily({ channelId: 'adult' }, PIN);
    expect(parental.check('adult')).to.deep.equal({ allowed: true });
    parental.endTemporaryUnlocks('adult');
    expect(parental.check('adult'), 'still on it').to.deep.equal({ allowed: true });
    parental.endTemporaryUnlocks('news');
    expect(parental.check('adult')).to.deep.equal({ allowed: false, reason: 'channelLock' });
    expect(parental.isChannelLocked('adult'), 'the lock itself stays').to.equal(true);
  });

  it('settings persist across re-open', async () => {
    await parental.lockChannel('adult', PIN);
    await parental.setRatingThreshold(14, PIN);
    await parental.setViewingWindow({ start: '07:00', end: '22:00' }, PIN);
    parental.close();
    parental = await openParentalControl({ dbName: name, iterations: 1000, now: () => clock });
    expect(parental.settings).to.deep.equal({
      pinSet: true, lockedChannels: ['adult'], failedAttempts: 0, ratingThreshold: 14,
      viewingWindow: { start: '07:00', end: '22:00' },
    });
    expect(parental.check('adult')).to.deep.equal({ allowed: false, reason: 'channelLock' });
  });
});
