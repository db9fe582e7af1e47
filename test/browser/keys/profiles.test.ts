import { expect } from '@esm-bundle/chai';
import { findKeyProfile, KeyMap, keyProfileIds, KEY_NAMES, primaryBinding, type KeyName } from '../../../sdk/index.js';

/** Real codes per platform, from the vendors' key tables (see each profile file for its source). */
const REAL_CODES: Record<string, Array<[number, KeyName, string?]>> = {
  keyboard: [[37, 'ArrowLeft'], [38, 'ArrowUp'], [39, 'ArrowRight'], [40, 'ArrowDown'], [13, 'Enter'], [8, 'BrowserBack'],
    [27, 'Exit'], [82, 'ColorF0Red'], [85, 'ColorF3Blue'], [48, '0'], [57, '9'], [32, 'MediaPlayPause'], [187, 'ChannelUp'],
    [189, 'ChannelDown']],
  hbbtv: [[37, 'ArrowLeft'], [38, 'ArrowUp'], [39, 'ArrowRight'], [40, 'ArrowDown'], [13, 'Enter'], [461, 'BrowserBack'],
    [403, 'ColorF0Red'], [404, 'ColorF1Green'], [405, 'ColorF2Yellow'], [406, 'ColorF3Blue'], [48, '0'], [53, '5'], [57, '9'],
    [415, 'MediaPlay'], [19, 'MediaPause'], [402, 'MediaPlayPause'], [413, 'MediaStop'], [417, 'MediaFastForward'],
    [412, 'MediaRewind'], [416, 'MediaRecord'], [427, 'ChannelUp'], [428, 'ChannelDown'], [457, 'Info'], [458, 'Guide'],
    [33, 'PageUp'], [34, 'PageDown']],
  tizen: [[37, 'ArrowLeft'], [39, 'ArrowRight'], [13, 'Enter'], [10009, 'BrowserBack'], [10182, 'Exit'], [403, 'ColorF0Red'],
    [406, 'ColorF3Blue'], [48, '0'], [57, '9'], [10252, 'MediaPlayPause'], [415, 'MediaPlay'], [19, 'MediaPause'],
    [413, 'MediaStop'], [412, 'MediaRewind'], [417, 'MediaFastForward'], [416, 'MediaRecord'], [10232, 'MediaTrackPrevious'],
    [10233, 'MediaTrackNext'], [427, 'ChannelUp'], [428, 'ChannelDown'], [447, 'AudioVolumeUp'], [448, 'AudioVolumeDown'],
    [449, 'AudioVolumeMute'], [457, 'Info'], [458, 'Guide']],
  webos: [[37, 'ArrowLeft'], [38, 'ArrowUp'], [13, 'Enter'], [461, 'BrowserBack', 'GoBack'], [0, 'BrowserBack', 'GoBack'],
    [403, 'ColorF0Red'], [405, 'ColorF2Yellow'], [48, '0'], [415, 'MediaPlay'], [19, 'MediaPause'], [413, 'MediaStop'],
    [417, 'MediaFastForward'], [412, 'MediaRewind'], [33, 'ChannelUp'], [34, 'ChannelDown']],
  'cn-iptv': [[0x25, 'ArrowLeft'], [0x26, 'ArrowUp'], [0x27, 'ArrowRight'], [0x28, 'ArrowDown'], [0x0d, 'Enter'],
    [0x08, 'BrowserBack'], [0x21, 'PageUp'], [0x22, 'PageDown'], [0x30, '0'], [0x39, '9'], [0x100, 'Power'],
    [0x101, 'ChannelUp'], [0x102, 'ChannelDown'], [0x103, 'AudioVolumeUp'], [0x104, 'AudioVolumeDown'],
    [0x105, 'AudioVolumeMute'], [0x107, 'MediaPlayPause'], [0x108, 'MediaFastForward'], [0x109, 'MediaRewind'],
    [0x10c, 'Info'], [0x10e, 'MediaStop'], [0x110, 'Home'], [0x113, 'ColorF0Red'], [0x114, 'ColorF1Green'],
    [0x115, 'ColorF2Yellow'], [0x116, 'ColorF3Blue'], [0x11d, 'Search']],
  ipanel: [[1, 'ArrowUp'], [2, 'ArrowDown'], [3, 'ArrowLeft'], [4, 'ArrowRight'], [13, 'Enter'], [4097, 'Enter'],
    [340, 'BrowserBack'], [339, 'Exit'], [372, 'PageUp'], [373, 'PageDown'], [48, '0'], [57, '9'], [832, 'ColorF0Red'],
    [2308, 'ColorF3Blue'], [4160, 'MediaPlay'], [4161, 'MediaStop'], [4162, 'MediaPause'], [595, 'AudioVolumeUp'],
    [596, 'AudioVolumeDown'], [4100, 'Info']],
};

describe('key profiles', () => {
  it('registers the six built-in profiles', () => {
    expect(keyProfileIds()).to.include.members(['keyboard', 'hbbtv', 'tizen', 'webos', 'cn-iptv', 'ipanel']);
  });

  for (const [id, rows] of Object.entries(REAL_CODES)) {
    describe(id, () => {
      const map = new KeyMap(findKeyProfile(id));
      for (const [code, name, key] of rows) {
        it(`maps ${code}${key ? ` (${key})` : ''} to ${name}`, () => {
          expect(map.resolve(key === undefined ? { keyCode: code } : { keyCode: code, key }).key).to.equal(name);
        });
      }
      it('maps a code it does not know to Unidentified', () => {
        expect(map.resolve({ keyCode: 99999 })).to.deep.equal({ key: 'Unidentified', group: undefined });
      });
      it('has navigation, OK, back, colour and digit keys on its remote', () => {
        const profile = findKeyProfile(id);
        for (const name of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'BrowserBack', 'ColorF0Red',
          'ColorF1Green', 'ColorF2Yellow', 'ColorF3Blue', '0', '9'] as const) {
          expect(primaryBinding(profile, name), name).to.not.equal(undefined);
        }
      });
      it('binds only normalized key names, and each code once', () => {
        const profile = findKeyProfile(id);
        const seen = new Set<number>();
        for (const b of profile.bindings) {
          expect(KEY_NAMES).to.include(b.name);
          expect(seen.has(b.keyCode), `code ${b.keyCode} bound twice in ${id}`).to.equal(false);
          seen.add(b.keyCode);
        }
      });
    });
  }

  it('the keyboard profile covers every key and has a legend entry for each', () => {
    const profile = findKeyProfile('keyboard');
    for (const name of KEY_NAMES) {
      expect(primaryBinding(profile, name), name).to.not.equal(undefined);
      expect(profile.legend?.[name], name).to.be.a('string');
    }
  });

  it('falls back to a W3C key value when the code is unknown', () => {
    const map = new KeyMap(findKeyProfile('hbbtv'));
    expect(map.resolve({ keyCode: 0, key: 'MediaPlayPause' }).key).to.equal('MediaPlayPause');
    expect(map.resolve({ keyCode: 0, key: 'Dead' }).key).to.equal('Unidentified');
  });

  it('throws a typed error naming known profiles for an unknown id', () => {
    expect(() => findKeyProfile('nope')).to.throw(/No key profile "nope"; known profiles: .*cn-iptv/);
  });
});
