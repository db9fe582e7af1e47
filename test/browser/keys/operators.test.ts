import { expect } from '@esm-bundle/chai';
import { TestScheduler } from 'rxjs/testing';
import { digitEntry, inferKeyUp, longPress, type KeyEvent, type KeyKind, type KnownKeyName } from '../../../sdk/index.js';

const ev = (key: KnownKeyName, kind: KeyKind, raw = 1): KeyEvent => ({ key, kind, raw, timeStamp: 0 });

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => {
    expect(actual).to.deep.equal(expected);
  });
}

describe('longPress', () => {
  it('inserts one long after the threshold of a hold, repeats or not', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('d 99ms r 99ms r 499ms u', { d: ev('Enter', 'down'), r: ev('Enter', 'repeat'), u: ev('Enter', 'up') });
      expectObservable(source.pipe(longPress(300), (o) => o), '^').toBe('d 99ms r 99ms r 99ms l 399ms u', {
        d: ev('Enter', 'down'), r: ev('Enter', 'repeat'), l: { ...ev('Enter', 'long'), timeStamp: 300 }, u: ev('Enter', 'up'),
      });
    });
  });

  it('is cancelled by the release or by another key', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const values = { a: ev('ArrowUp', 'down'), u: ev('ArrowUp', 'up'), b: ev('ArrowDown', 'down', 2) };
      const source = cold('a 199ms u 9ms a 99ms b 999ms |', values);
      expectObservable(source.pipe(longPress(300)).pipe((o) => o)).toBe('a 199ms u 9ms a 99ms b 299ms l 699ms |', {
        ...values, l: { ...ev('ArrowDown', 'long', 2), timeStamp: 300 },
      });
    });
  });

  it('is not cancelled by the late release of another key', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const values = { a: ev('1', 'down', 49), b: ev('2', 'down', 50), u: ev('1', 'up', 49) };
      expectObservable(cold('a b u 999ms |', values).pipe(longPress(300))).toBe('a b u 298ms l 700ms |', {
        ...values, l: { ...ev('2', 'long', 50), timeStamp: 300 },
      });
    });
  });

  it('passes errors and completion through', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<KeyEvent>('#').pipe(longPress(10))).toBe('#');
      expectObservable(cold<KeyEvent>('|').pipe(longPress(10))).toBe('|');
    });
  });
});

describe('inferKeyUp', () => {
  it('turns same-key downs into repeats and infers up after the gap', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 99ms a 99ms a', { a: ev('ArrowLeft', 'down') });
      expectObservable(source.pipe(inferKeyUp(300))).toBe('d 99ms r 99ms r 299ms u', {
        d: ev('ArrowLeft', 'down'), r: ev('ArrowLeft', 'repeat'), u: { ...ev('ArrowLeft', 'up'), timeStamp: 300 },
      });
    });
  });

  it('ends the held key when another key goes down', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 9ms b', { a: ev('ArrowLeft', 'down', 3), b: ev('Enter', 'down', 13) });
      expectObservable(source.pipe(inferKeyUp(300))).toBe('a 9ms (ub) 296ms v', {
        a: ev('ArrowLeft', 'down', 3), u: ev('ArrowLeft', 'up', 3), b: ev('Enter', 'down', 13), v: { ...ev('Enter', 'up', 13), timeStamp: 300 },
      });
    });
  });
});

describe('digitEntry', () => {
  const keys = {
    1: ev('1', 'down', 49), 2: ev('2', 'down', 50), 3: ev('3', 'down', 51), 9: ev('9', 'down', 57),
    e: ev('Enter', 'down', 13), b: ev('BrowserBack', 'down', 8), u: ev('1', 'up', 49), x: ev('ArrowUp', 'down', 38),
  };

  it('commits after the timeout', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('1 499ms 2', keys).pipe(digitEntry({ timeoutMs: 1000 }))).toBe('a 499ms b 999ms c', {
        a: { done: false, digits: '1' }, b: { done: false, digits: '12' }, c: { done: true, digits: '12', value: 12, reason: 'timeout' },
      });
    });
  });

  it('commits early on Enter and at the maximum length; ignores ups and other keys', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('9 u x e 100ms 1 2 3', keys).pipe(digitEntry({ maxDigits: 3 }))).toBe('a 2ms b 100ms c d (ef)', {
        a: { done: false, digits: '9' }, b: { done: true, digits: '9', value: 9, reason: 'commit' },
        c: { done: false, digits: '1' }, d: { done: false, digits: '12' }, e: { done: false, digits: '123' },
        f: { done: true, digits: '123', value: 123, reason: 'max' },
      });
    });
  });

  it('cancels on Back, and ignores Enter with nothing typed', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('e 1 b', keys).pipe(digitEntry())).toBe('- a b', {
        a: { done: false, digits: '1' }, b: { done: true, digits: '1', reason: 'cancel' },
      });
    });
  });

  it('keeps leading zeros in digits', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const zeros = { 0: ev('0', 'down', 48), 5: ev('5', 'down', 53), e: ev('Enter', 'down', 13) };
      expectObservable(cold('0 5 e', zeros).pipe(digitEntry())).toBe('a b c', {
        a: { done: false, digits: '0' }, b: { done: false, digits: '05' }, c: { done: true, digits: '05', value: 5, reason: 'commit' },
      });
    });
  });
});
