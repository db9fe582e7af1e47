import { expect } from '@esm-bundle/chai';
import type { YwEmulator } from '../../../apps/emulator/emulator-app.js';
import type { KeyLogEntry } from '../../../apps/emulator/automation-api.js';
import { fixtureOf, mountEmulator, unmountAll, waitFor } from './helpers.js';

/** What each platform's remote really sends, from the platforms' key tables (not read from the profiles). */
const PRESSES: Record<string, ReadonlyArray<readonly [string, number]>> = {
  keyboard: [['ArrowLeft', 37], ['Enter', 13], ['BrowserBack', 8], ['ColorF1Green', 84], ['7', 55]],
  hbbtv: [['ArrowLeft', 37], ['Enter', 13], ['BrowserBack', 461], ['ColorF3Blue', 406], ['0', 48]],
  tizen: [['ArrowLeft', 37], ['Enter', 13], ['BrowserBack', 10009], ['ColorF0Red', 403], ['5', 53]],
  webos: [['ArrowLeft', 37], ['Enter', 13], ['BrowserBack', 461], ['ColorF2Yellow', 405], ['9', 57]],
  'cn-iptv': [['ArrowLeft', 0x25], ['Enter', 13], ['BrowserBack', 8], ['ColorF0Red', 0x113], ['1', 49]],
  ipanel: [['ArrowUp', 1], ['ArrowLeft', 3], ['Enter', 13], ['BrowserBack', 340], ['ColorF1Green', 833], ['2', 50]],
};
/** Raw code of ArrowRight, held in the hold test. */
const ARROW_RIGHT: Record<string, number> = { keyboard: 39, hbbtv: 39, tizen: 39, webos: 39, 'cn-iptv': 0x27, ipanel: 4 };
const NO_KEYUP = new Set(['ipanel']);

describe('emulator: platform key profiles', () => {
  let el: YwEmulator;

  before(async () => {
    el = await mountEmulator();
  });
  after(unmountAll);

  it('offers every key profile', () => {
    expect(el.profiles()).to.have.members(Object.keys(PRESSES));
  });

  for (const [profile, presses] of Object.entries(PRESSES)) {
    describe(profile, () => {
      before(async () => {
        await el.setProfile(profile);
      });
      beforeEach(() => el.clearKeyLog());

      it('boots the device with this profile', () => {
        expect(el.profile).to.equal(profile);
        const fixture = fixtureOf(el);
        expect(fixture.platform).to.equal('emulator');
        expect(fixture.profile).to.equal(profile);
      });

      it('delivers presses as the platform raw codes, normalized by the device SDK', async () => {
        for (const [key] of presses) await el.press(key);
        const expected: KeyLogEntry[] = presses.flatMap(([key, raw]) => [{ key, raw, kind: 'down' as const }, { key, raw, kind: 'up' as const }]);
        if (NO_KEYUP.has(profile)) {
          // No keyup on this box: the SDK infers the last release ~600 ms after its last press.
          await waitFor(() => el.keyLog().length >= expected.length, 'the inferred release', 1500);
        }
        expect(el.keyLog()).to.deep.equal(expected);

        const raw = fixtureOf(el).raw;
        const downType = NO_KEYUP.has(profile) ? 'keypress' : 'keydown';
        expect(raw.filter((r) => r.type === downType).map((r) => r.keyCode)).to.deep.equal(presses.map(([, code]) => code));
        expect(raw.filter((r) => r.type === 'keyup').map((r) => r.keyCode)).to.deep.equal(NO_KEYUP.has(profile) ? [] : presses.map(([, code]) => code));
      });

      it('auto-repeats a held key: down, repeats, one long, up', async () => {
        const raw = ARROW_RIGHT[profile];
        const rawBefore = fixtureOf(el).raw.length;
        await el.press('ArrowRight', { holdMs: 1200 });
        if (NO_KEYUP.has(profile)) await waitFor(() => el.keyLog().some((e) => e.kind === 'up'), 'the inferred release', 1500);
        const log = el.keyLog();
        expect(log.every((e) => e.key === 'ArrowRight' && e.raw === raw), JSON.stringify(log)).to.equal(true);
        const kinds = log.map((e) => e.kind);
        expect(kinds[0]).to.equal('down');
        expect(kinds.at(-1)).to.equal('up');
        expect(kinds.filter((k) => k === 'long')).to.have.length(1);
        expect(kinds.filter((k) => k === 'up')).to.have.length(1);
        // Repeats start after 500 ms and come every 100 ms: 7 in 1200 ms, fewer if timers were late.
        const repeats = kinds.filter((k) => k === 'repeat').length;
        expect(repeats).to.be.within(4, 8);
        // The long press (700 ms) comes among the repeats.
        const longAt = kinds.indexOf('long');
        expect(kinds.slice(1, longAt)).to.include('repeat');
        expect(kinds.slice(longAt + 1, -1)).to.include('repeat');

        const rawDowns = fixtureOf(el).raw.slice(rawBefore).filter((r) => r.type === (NO_KEYUP.has(profile) ? 'keypress' : 'keydown'));
        expect(rawDowns[0]?.repeat).to.equal(false);
        expect(rawDowns.slice(1).every((r) => r.repeat)).to.equal(true);
      });
    });
  }
});
