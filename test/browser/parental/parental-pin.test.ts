import { expect } from '@esm-bundle/chai';
import { firstValueFrom } from 'rxjs';
import { ErrorCode, openParentalControl, type ParentalControl, type ParentalControlOptions } from '../../../sdk/index.js';
import { deleteDb, until, uniqueDbName } from '../channels/support/test-live-platform.js';
import { rejection } from '../support/rejections.js';

/** Every value stored in the database, as text, to look for the PIN in it. */
async function dumpDatabase(name: string): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  const values: unknown[] = [];
  for (const storeName of Array.from(db.objectStoreNames)) {
    values.push(...await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(storeName).objectStore(storeName).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    }));
  }
  db.close();
  return JSON.stringify(values, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value));
}

describe('parental control: PIN', () => {
  let clock = Date.UTC(2026, 0, 1, 12);
  const opened: ParentalControl[] = [];
  const dbs: string[] = [];
  beforeEach(() => {
    clock = Date.UTC(2026, 0, 1, 12);
  });
  afterEach(async () => {
    for (const p of opened.splice(0)) p.close();
    for (const name of dbs.splice(0)) await deleteDb(name);
  });
  const db = (): string => {
    const name = uniqueDbName('parental-test');
    dbs.push(name);
    return name;
  };
  const open = async (options: ParentalControlOptions): Promise<ParentalControl> => {
    const control = await openParentalControl({ iterations: 1000, lockoutMs: 60_000, now: () => clock, ...options });
    opened.push(control);
    return control;
  };

  it('stores the PIN as a salted PBKDF2 hash, never the PIN itself', async () => {
    const name = db();
    const parental = await open({ dbName: name });
    expect(parental.settings.pinSet).to.equal(false);
    expect(await parental.setPin('73915')).to.deep.equal({ status: 'correct' });
    expect(parental.settings.pinSet).to.equal(true);
    const stored = await dumpDatabase(name);
    expect(stored).to.contain('PBKDF2-SHA-256');
    expect(stored).not.to.contain('73915');
    expect(stored).not.to.contain('[55,51,57,49,53]'); // the PIN's bytes
    expect(await parental.verifyPin('73915')).to.deep.equal({ status: 'correct' });
    expect(await parental.verifyPin('73916')).to.deep.equal({ status: 'incorrect', attemptsLeft: 2 });
  });

  it('two PINs set the same get different salts and hashes', async () => {
    const a = db();
    const b = db();
    await (await open({ dbName: a })).setPin('1234');
    await (await open({ dbName: b })).setPin('1234');
    const hashOf = (dump: string): unknown => (JSON.parse(dump) as Array<{ pin: { salt: number[]; hash: number[] } }>)[0]?.pin;
    const pinA = hashOf(await dumpDatabase(a)) as { salt: number[]; hash: number[] };
    const pinB = hashOf(await dumpDatabase(b)) as { salt: number[]; hash: number[] };
    expect(pinA.salt).to.have.length(16);
    expect(pinA.hash).to.have.length(32);
    expect(pinA.salt).not.to.deep.equal(pinB.salt);
    expect(pinA.hash).not.to.deep.equal(pinB.hash);
  });

  it('refuses PINs that are not 4–8 ASCII digits with ParentalPinInvalid', async () => {
    const parental = await open({ dbName: db() });
    for (const bad of ['123', '123456789', '12a4', '١٢٣٤', ' 1234', '']) {
      const error = await rejection(parental.setPin(bad));
      expect(error.code, bad).to.equal(ErrorCode.ParentalPinInvalid);
      expect(error.data['reason']).to.be.a('string');
    }
    expect(parental.settings.pinSet).to.equal(false);
    await parental.setPin('12345678');
    expect(parental.settings.pinSet).to.equal(true);
  });

  it('operations needing a PIN before one is set reject ParentalPinNotSet', async () => {
    const parental = await open({ dbName: db() });
    const calls: Array<[string, Promise<unknown>]> = [
      ['verifyPin', parental.verifyPin('1234')],
      ['lockChannel', parental.lockChannel('a', '1234')],
      ['unlockChannel', parental.unlockChannel('a', '1234')],
      ['setRatingThreshold', parental.setRatingThreshold(12, '1234')],
      ['setViewingWindow', parental.setViewingWindow({ start: '08:00', end: '20:00' }, '1234')],
      ['unlockTemporarily', parental.unlockTemporarily({ channelId: 'a' }, '1234')],
    ];
    for (const [operation, call] of calls) {
      const error = await rejection(call);
      expect(error.code, operation).to.equal(ErrorCode.ParentalPinNotSet);
      expect(error.data).to.deep.equal({ operation });
    }
  });

  it('changing the PIN needs the current one', async () => {
    const parental = await open({ dbName: db() });
    await parental.setPin('1111');
    expect(await parental.setPin('2222')).to.deep.equal({ status: 'incorrect', attemptsLeft: 3 });
    expect(await parental.setPin('2222', '9999')).to.deep.equal({ status: 'incorrect', attemptsLeft: 2 });
    expect(await parental.setPin('2222', '1111')).to.deep.equal({ status: 'correct' });
    expect(parental.settings.failedAttempts, 'a correct PIN resets the count').to.equal(0);
    expect((await parental.verifyPin('1111')).status).to.equal('incorrect');
    expect((await parental.verifyPin('2222')).status).to.equal('correct');
  });

  it('locks out after maxAttempts wrong PINs in a row; a correct one in between resets the count', async () => {
    const parental = await open({ dbName: db(), maxAttempts: 3 });
    await parental.setPin('4321');
    expect(await parental.verifyPin('0000')).to.deep.equal({ status: 'incorrect', attemptsLeft: 2 });
    expect(await parental.verifyPin('4321')).to.deep.equal({ status: 'correct' });
    expect(await parental.verifyPin('0000')).to.deep.equal({ status: 'incorrect', attemptsLeft: 2 });
    expect(await parental.verifyPin('0001')).to.deep.equal({ status: 'incorrect', attemptsLeft: 1 });
    const lockedUntil = clock + 60_000;
    expect(await parental.verifyPin('0002')).to.deep.equal({ status: 'locked', lockedUntil });
    expect(parental.settings.lockedUntil).to.equal(lockedUntil);
    expect(await parental.verifyPin('4321'), 'even the right PIN waits').to.deep.equal({ status: 'locked', lockedUntil });
    expect(await parental.lockChannel('x', '4321')).to.deep.equal({ status: 'locked', lockedUntil });
    expect(parental.isChannelLocked('x')).to.equal(false);
  });

  it('the lock-out and the wrong-PIN count survive a re-open, and end at lockedUntil', async () => {
    const name = db();
    const first = await open({ dbName: name, maxAttempts: 2 });
    await first.setPin('2468');
    await first.verifyPin('1111');
    first.close();
    const second = await open({ dbName: name, maxAttempts: 2 });
    expect(second.settings.failedAttempts, 'count persisted').to.equal(1);
    expect(await second.verifyPin('1112')).to.deep.equal({ status: 'locked', lockedUntil: clock + 60_000 });
    second.close();

    const third = await open({ dbName: name, maxAttempts: 2 });
    expect(third.settings.lockedUntil).to.equal(clock + 60_000);
    expect(await third.verifyPin('2468')).to.deep.equal({ status: 'locked', lockedUntil: clock + 60_000 });
    clock += 60_001;
    expect(await third.verifyPin('1111'), 'a full set of tries after the lock-out').to.deep.equal({ status: 'incorrect', attemptsLeft: 1 });
    expect(await third.verifyPin('2468')).to.deep.equal({ status: 'correct' });
    expect(third.settings.lockedUntil).to.equal(undefined);
    expect(third.settings.failedAttempts).to.equal(0);
  });

  it('wrong PINs fired at once cannot outrun the lock-out: the right one sent after them is refused', async () => {
    const parental = await open({ dbName: db(), maxAttempts: 3 });
    await parental.setPin('4321');
    const guesses = Array.from({ length: 20 }, (_, i) => parental.verifyPin(String(1000 + i)));
    const right = parental.verifyPin('4321');
    const results = await Promise.all(guesses);
    const counts = { incorrect: 0, locked: 0, correct: 0 };
    for (const result of results) counts[result.status]++;
    expect(counts, 'two wrong tries left, the third locks').to.deep.equal({ incorrect: 2, locked: 18, correct: 0 });
    expect(await right).to.deep.equal({ status: 'locked', lockedUntil: clock + 60_000 });
    expect(parental.settings.lockedUntil).to.equal(clock + 60_000);
  });

  it('guesses fired at once from two apps on one database share the count', async () => {
    const name = db();
    const a = await open({ dbName: name, maxAttempts: 3 });
    const b = await open({ dbName: name, maxAttempts: 3 });
    await a.setPin('4321');
    const fromA = Array.from({ length: 10 }, (_, i) => a.verifyPin(String(2000 + i)));
    const fromB = Array.from({ length: 10 }, (_, i) => b.verifyPin(String(3000 + i)));
    const right = b.verifyPin('4321');
    const results = await Promise.all([...fromA, ...fromB]);
    expect(results.filter((r) => r.status === 'incorrect'), 'only two wrong PINs were ever derived').to.have.length(2);
    expect((await right).status).to.equal('locked');
  });

  it('a correct PIN as the last allowed try still unlocks and clears the count', async () => {
    const parental = await open({ dbName: db(), maxAttempts: 2 });
    await parental.setPin('4321');
    expect(await parental.verifyPin('0000')).to.deep.equal({ status: 'incorrect', attemptsLeft: 1 });
    expect(await parental.verifyPin('4321')).to.deep.equal({ status: 'correct' });
    expect(parental.settings.failedAttempts).to.equal(0);
    expect(parental.settings.lockedUntil).to.equal(undefined);
  });

  it('a lock-out written with the clock ahead restarts from now when the clock is corrected', async () => {
    const name = db();
    const parental = await open({ dbName: name, maxAttempts: 1 });
    await parental.setPin('4321');
    const corrected = clock;
    clock += 365 * 24 * 3_600_000; // the box booted with its clock a year ahead
    expect((await parental.verifyPin('0000')).status).to.equal('locked');
    clock = corrected;
    expect(await parental.verifyPin('4321'), 'the lock-out lasts its length from now').to.deep.equal({ status: 'locked', lockedUntil: corrected + 60_000 });
    parental.close();
    const reopened = await open({ dbName: name, maxAttempts: 1 });
    expect(reopened.settings.lockedUntil, 'the corrected lock-out was stored').to.equal(corrected + 60_000);
    clock = corrected + 60_001;
    expect(await reopened.verifyPin('4321')).to.deep.equal({ status: 'correct' });
  });

  it('a lock-out is never longer than lockoutMs from now, and the clock going back restarts it', async () => {
    const name = db();
    const long = await open({ dbName: name, maxAttempts: 1, lockoutMs: 3_600_000 });
    await long.setPin('4321');
    await long.verifyPin('0000');
    expect(long.settings.lockedUntil).to.equal(clock + 3_600_000);
    long.close();
    const short = await open({ dbName: name, maxAttempts: 1 });
    expect(short.settings.lockedUntil, 'cut to the configured 60 s').to.equal(clock + 60_000);
    const lockedAt = clock;
    clock -= 24 * 3_600_000; // the clock went back a day: the lock-out does not last a day longer, nor end
    expect(await short.verifyPin('4321')).to.deep.equal({ status: 'locked', lockedUntil: clock + 60_000 });
    expect(clock + 60_000).to.be.below(lockedAt);
  });

  it('setPin without the current PIN after a lock-out ended reports a full set of tries', async () => {
    const parental = await open({ dbName: db(), maxAttempts: 3 });
    await parental.setPin('4321');
    for (const wrong of ['0000', '0001', '0002']) await parental.verifyPin(wrong);
    expect(await parental.setPin('1111')).to.deep.equal({ status: 'locked', lockedUntil: clock + 60_000 });
    clock += 60_001;
    expect(await parental.setPin('1111')).to.deep.equal({ status: 'incorrect', attemptsLeft: 3 });
  });

  it('unlocks$ announces a temporary unlock once the PIN is right, and nothing for a wrong one', async () => {
    const parental = await open({ dbName: db() });
    await parental.setPin('4321');
    const seen: unknown[] = [];
    const sub = parental.unlocks$.subscribe((unlock) => seen.push(unlock));
    await parental.unlockTemporarily({ channelId: 'adult' }, '0000');
    expect(seen).to.deep.equal([]);
    await parental.unlockTemporarily({ channelId: 'adult' }, '4321');
    await parental.unlockTemporarily({ channelId: 'movies', programme: { id: 'film', rating: 18, end: clock + 1000 } }, '4321');
    expect(seen).to.deep.equal([{ channelId: 'adult' }, { channelId: 'movies', programmeId: 'film' }]);
    sub.unsubscribe();
  });

  it('settings$ replays and announces the end of a lock-out', async () => {
    const parental = await openParentalControl({ dbName: db(), iterations: 1000, lockoutMs: 150, maxAttempts: 1 });
    opened.push(parental);
    await parental.setPin('1357');
    expect((await parental.verifyPin('0000')).status).to.equal('locked');
    expect((await firstValueFrom(parental.settings$)).lockedUntil).to.be.a('number');
    await until(() => parental.settings.lockedUntil === undefined, 'the lock-out to end', 2000);
    expect((await parental.verifyPin('1357')).status).to.equal('correct');
  });

  it('two apps on the same database share the PIN, the count and settings', async () => {
    const name = db();
    const a = await open({ dbName: name });
    const b = await open({ dbName: name });
    await a.setPin('8642');
    expect(await b.verifyPin('8642')).to.deep.equal({ status: 'correct' });
    await a.verifyPin('0000');
    expect(await b.verifyPin('0001'), "b counts a's wrong PIN too").to.deep.equal({ status: 'incorrect', attemptsLeft: 1 });
    await a.verifyPin('8642');
    await b.lockChannel('adult', '8642');
    await until(() => a.isChannelLocked('adult'), 'the other app to see the lock');
  });

  it('reports ParentalStoreFailed when the database cannot be opened (a newer schema on disk)', async () => {
    const name = db();
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 99);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    newer.close();
    const error = await rejection(openParentalControl({ dbName: name }));
    expect(error.code).to.equal(ErrorCode.ParentalStoreFailed);
    expect(error.data['operation']).to.equal('open');
    expect(error.data['name']).to.equal(name);
  });

  it('rejects bad options and settings with ParentalSettingInvalid', async () => {
    expect((await rejection(openParentalControl({ dbName: db(), maxAttempts: 0 }))).code).to.equal(ErrorCode.ParentalSettingInvalid);
    const parental = await open({ dbName: db() });
    await parental.setPin('1234');
    for (const age of [3, 19, 12.5, Number.NaN]) {
      expect((await rejection(parental.setRatingThreshold(age, '1234'))).code, String(age)).to.equal(ErrorCode.ParentalSettingInvalid);
    }
    for (const window of [{ start: '8:00', end: '20:00' }, { start: '24:00', end: '06:00' }, { start: '08:00', end: '20:60' }]) {
      expect((await rejection(parental.setViewingWindow(window, '1234'))).code).to.equal(ErrorCode.ParentalSettingInvalid);
    }
    expect(parental.settings.failedAttempts, 'bad arguments cost no PIN try').to.equal(0);
  });
});
