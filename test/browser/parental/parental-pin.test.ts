import { expect } from '@esm-bundle/chai';
import { firstValueFrom } from 'rxjs';
import { ErrorCode, YiwangError, openParentalControl, type ParentalControl, type ParentalControlOptions } from '../../../sdk/index.js';
import { deleteDb, until, uniqueDbName } from '../channels/support/test-live-platform.js';

async function rejection(promise: Promise<unknown>): Promise<YiwangError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof YiwangError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

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
