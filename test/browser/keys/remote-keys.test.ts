import { expect } from '@esm-bundle/chai';
import { firstValueFrom, take, toArray } from 'rxjs';
import { remoteKeys, type KeyEvent, YiwangError, type KeyGroup, type KnownKeyName } from '../../../sdk/index.js';
import { sleep, testPlatform } from './test-platform.js';

const brief = (events: readonly KeyEvent[]): string[] => events.map((e) => `${e.key}:${e.kind}`);

describe('remoteKeys', () => {
  it('emits down, repeat and up with the raw code and group', () => {
    const platform = testPlatform('hbbtv');
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform }).subscribe((e) => seen.push(e));
    platform.send('keydown', 'ColorF0Red');
    platform.send('keydown', 'ColorF0Red', true);
    platform.send('keydown', 'ColorF0Red'); // no repeat flag, but the key is still held
    platform.send('keyup', 'ColorF0Red');
    sub.unsubscribe();
    expect(brief(seen)).to.deep.equal(['ColorF0Red:down', 'ColorF0Red:repeat', 'ColorF0Red:repeat', 'ColorF0Red:up']);
    expect(seen[0]).to.include({ raw: 403, group: 'colour' });
  });

  it('emits an unknown code as Unidentified with its raw code, without cancelling it', () => {
    const platform = testPlatform('tizen');
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform }).subscribe((e) => seen.push(e));
    const down = platform.sendRaw('keydown', 12345, 'XF86Mystery');
    platform.sendRaw('keyup', 12345, 'XF86Mystery');
    sub.unsubscribe();
    expect(seen.map((e) => [e.key, e.kind, e.raw, e.rawKey])).to.deep.equal([
      ['Unidentified', 'down', 12345, 'XF86Mystery'],
      ['Unidentified', 'up', 12345, 'XF86Mystery'],
    ]);
    expect(down.defaultPrevented).to.equal(false);
  });

  it('cancels the default action of delivered keys (no history back on BrowserBack)', () => {
    const platform = testPlatform('webos');
    const sub = remoteKeys({ platform }).subscribe();
    expect(platform.send('keydown', 'BrowserBack').defaultPrevented).to.equal(true);
    sub.unsubscribe();
  });

  it('emits long once for a held key, whether or not the box repeats', async () => {
    for (const repeats of [true, false]) {
      const platform = testPlatform('keyboard');
      const seen: KeyEvent[] = [];
      const sub = remoteKeys({ platform, longPressMs: 120 }).subscribe((e) => seen.push(e));
      platform.send('keydown', 'Enter');
      for (let i = 0; i < 4; i++) {
        await sleep(50);
        if (repeats) platform.send('keydown', 'Enter', true);
      }
      platform.send('keyup', 'Enter');
      sub.unsubscribe();
      const kinds = seen.map((e) => e.kind);
      expect(kinds.filter((k) => k === 'long')).to.have.length(1);
      expect(kinds[0]).to.equal('down');
      expect(kinds.at(-1)).to.equal('up');
      expect(kinds.filter((k) => k === 'repeat')).to.have.length(repeats ? 4 : 0);
    }
  });

  it('does not emit long for a short press', async () => {
    const platform = testPlatform('keyboard');
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform, longPressMs: 100 }).subscribe((e) => seen.push(e));
    platform.send('keydown', 'ArrowLeft');
    platform.send('keyup', 'ArrowLeft');
    await sleep(150);
    sub.unsubscribe();
    expect(brief(seen)).to.deep.equal(['ArrowLeft:down', 'ArrowLeft:up']);
  });

  it('uses the default long-press threshold of about 700 ms', async () => {
    const platform = testPlatform('keyboard');
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform }).subscribe((e) => seen.push(e));
    platform.send('keydown', 'Enter');
    await sleep(600);
    expect(seen.some((e) => e.kind === 'long')).to.equal(false);
    await sleep(200);
    expect(seen.some((e) => e.kind === 'long')).to.equal(true);
    platform.send('keyup', 'Enter');
    sub.unsubscribe();
  });

  it('infers the release on boxes that send keypress and no keyup (iPanel)', async () => {
    const platform = testPlatform('ipanel');
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform, releaseGapMs: 80, longPressMs: 150 }).subscribe((e) => seen.push(e));
    platform.send('keypress', 'ArrowUp');
    for (let i = 0; i < 5; i++) {
      await sleep(40);
      platform.send('keypress', 'ArrowUp');
    }
    await sleep(150);
    platform.send('keypress', 'Enter');
    platform.send('keypress', 'ArrowDown'); // another key ends the Enter press at once
    await sleep(150);
    sub.unsubscribe();
    expect(brief(seen)).to.deep.equal([
      'ArrowUp:down', 'ArrowUp:repeat', 'ArrowUp:repeat', 'ArrowUp:repeat', 'ArrowUp:long', 'ArrowUp:repeat',
      'ArrowUp:repeat', 'ArrowUp:up', 'Enter:down', 'Enter:up', 'ArrowDown:down', 'ArrowDown:up',
    ]);
    expect(seen[0]?.raw).to.equal(1);
  });

  it('delivers only the declared groups and registers them with the box', async () => {
    const platform = testPlatform('tizen');
    const groups: KeyGroup[] = ['navigation', 'colour'];
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform, groups }).subscribe((e) => seen.push(e));
    const digit = platform.send('keydown', '5');
    platform.send('keyup', '5');
    platform.send('keydown', 'ColorF1Green');
    platform.send('keyup', 'ColorF1Green');
    expect(digit.defaultPrevented, 'an undeclared key is left to the box').to.equal(false);
    expect(brief(seen)).to.deep.equal(['ColorF1Green:down', 'ColorF1Green:up']);
    expect(platform.registered).to.have.length(1);
    expect(platform.registered[0]).to.include.members(['ArrowUp', 'Enter', 'ColorF0Red', 'ColorF3Blue']);
    expect(platform.registered[0]).to.not.include('5');
    sub.unsubscribe();
    await sleep(0);
    expect(platform.unregistered).to.deep.equal(platform.registered);
  });

  it('takes single keys on top of groups without taking the rest of their group', async () => {
    const platform = testPlatform('tizen');
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform, groups: ['navigation'], keys: ['ChannelUp', 'ChannelDown'] }).subscribe((e) => seen.push(e));
    platform.send('keydown', 'ChannelUp');
    const volume = platform.send('keydown', 'AudioVolumeUp');
    sub.unsubscribe();
    await sleep(0);
    expect(brief(seen)).to.deep.equal(['ChannelUp:down']);
    expect(volume.defaultPrevented, 'volume stays with the box').to.equal(false);
    expect(platform.registered[0]).to.include.members(['ArrowUp', 'ChannelUp', 'ChannelDown']);
    expect(platform.registered[0]).to.not.include('AudioVolumeUp');
    expect(() => remoteKeys({ platform, keys: ['Volume' as KnownKeyName] })).to.throw(YiwangError, /"Volume" is not a normalized key name/);
  });

  it('keeps a key registered until the last stream that wants it ends', async () => {
    const platform = testPlatform('tizen');
    const navigation = remoteKeys({ platform, groups: ['navigation'] }).subscribe();
    const popup = remoteKeys({ platform, groups: ['navigation', 'numeric'] }).subscribe();
    popup.unsubscribe();
    await sleep(0);
    expect(platform.registered.map((keys) => keys.length)).to.deep.equal([6, 10]);
    expect(platform.unregistered, 'only the digits go back to the box').to.deep.equal([['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']]);
    navigation.unsubscribe();
    await sleep(0);
    expect(platform.unregistered[1]).to.include.members(['ArrowUp', 'Enter', 'BrowserBack']);
  });

  it('does not repeat releases on blur on boxes without keyup', async () => {
    const platform = testPlatform('ipanel');
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform, releaseGapMs: 30 }).subscribe((e) => seen.push(e));
    platform.send('keypress', 'ArrowUp');
    await sleep(60);
    platform.send('keypress', 'Enter');
    await sleep(60);
    window.dispatchEvent(new FocusEvent('blur'));
    await sleep(60);
    sub.unsubscribe();
    expect(brief(seen)).to.deep.equal(['ArrowUp:down', 'ArrowUp:up', 'Enter:down', 'Enter:up']);
  });

  it('shares one listener between subscribers and reports every event to the platform', async () => {
    const platform = testPlatform('keyboard');
    const keys = remoteKeys({ platform });
    const a = firstValueFrom(keys.pipe(take(2), toArray()));
    const b = firstValueFrom(keys.pipe(take(2), toArray()));
    platform.send('keydown', '7');
    platform.send('keyup', '7');
    expect(brief(await a)).to.deep.equal(['7:down', '7:up']);
    expect(brief(await b)).to.deep.equal(['7:down', '7:up']);
    expect(brief(platform.observed)).to.deep.equal(['7:down', '7:up']);
  });

  it('ends a held press when the window loses focus', () => {
    const platform = testPlatform('keyboard');
    const seen: KeyEvent[] = [];
    const sub = remoteKeys({ platform }).subscribe((e) => seen.push(e));
    platform.send('keydown', 'ArrowDown');
    window.dispatchEvent(new FocusEvent('blur'));
    platform.send('keyup', 'ArrowDown'); // late keyup after refocus: already ended, not repeated
    sub.unsubscribe();
    expect(brief(seen)).to.deep.equal(['ArrowDown:down', 'ArrowDown:up']);
  });

  it('rejects an unknown group with a typed error', () => {
    expect(() => remoteKeys({ groups: ['colours' as KeyGroup] })).to.throw(YiwangError, /Unknown key group "colours"/);
  });

  it('fails on subscribe when the profile is unknown', () => {
    const platform = testPlatform('keyboard');
    let error: unknown;
    remoteKeys({ platform, profile: 'sky-q' }).subscribe({ error: (e: unknown) => (error = e) });
    expect(error).to.be.instanceOf(YiwangError);
    expect((error as YiwangError).code).to.equal(3001);
  });
});
