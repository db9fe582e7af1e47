import { expect } from '@esm-bundle/chai';
import { openParentalControl, withinTimeWindow, type ParentalControl, type ProgrammeRef } from '../../../sdk/index.js';
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
