import { expect } from '@esm-bundle/chai';
import { KEYS_BY_GROUP } from '../../../sdk/index.js';
import type { YwEmulator } from '../../../apps/emulator/emulator-app.js';
import { DEVICE_URL, fixtureOf, mountEmulator, unmountAll, waitFor } from './helpers.js';

describe('emulator: key registration', () => {
  afterEach(unmountAll);

  const withheldLines = (el: YwEmulator): string[] =>
    [...(el.renderRoot.querySelector('yw-key-log')?.renderRoot.querySelectorAll('li[data-type="withheld"]') ?? [])].map((li) => li.textContent);

  it('tizen withholds colour keys until the device registers them', async () => {
    const el = await mountEmulator({ profile: 'tizen', deviceUrl: `${DEVICE_URL}?groups=navigation` });
    expect(el.registeredKeys()).to.have.members([...KEYS_BY_GROUP.navigation]);

    await el.press('ColorF0Red');
    expect(el.keyLog()).to.deep.equal([]);
    expect(fixtureOf(el).raw.map((r) => r.keyCode)).not.to.include(403);
    const withheld = el.logEntries.filter((e) => e.type === 'withheld');
    expect(withheld.map((e) => [e.key, e.keyCode])).to.deep.equal([['ColorF0Red', 403]]);
    await el.updateComplete;
    const lines = withheldLines(el);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain('ColorF0Red').and.contain('withheld (not registered)');

    // Tizen always delivers arrows, Enter and Back.
    await el.press('ArrowLeft');
    expect(el.keyLog().map((e) => [e.key, e.raw, e.kind])).to.deep.equal([['ArrowLeft', 37, 'down'], ['ArrowLeft', 37, 'up']]);

    el.clearKeyLog();
    fixtureOf(el).subscribe(['colour']);
    await waitFor(() => el.registeredKeys().includes('ColorF0Red'), 'the colour registration');
    await el.press('ColorF0Red');
    expect(el.keyLog()).to.deep.equal([{ key: 'ColorF0Red', raw: 403, kind: 'down' }, { key: 'ColorF0Red', raw: 403, kind: 'up' }]);

    el.clearKeyLog();
    fixtureOf(el).unsubscribeAll();
    await waitFor(() => !el.registeredKeys().includes('ColorF0Red'), 'the colour unregistration');
    await el.press('ColorF0Red');
    expect(el.keyLog()).to.deep.equal([]);
    expect(el.logEntries.filter((e) => e.type === 'withheld')).to.have.length(1);
  });

  it('resets registrations when the device reloads', async () => {
    const el = await mountEmulator({ profile: 'tizen' });
    expect(el.registeredKeys()).to.include('ColorF3Blue');
    await el.load(`${DEVICE_URL}?groups=none`);
    expect(el.registeredKeys()).to.deep.equal([]);
    await el.press('ColorF3Blue');
    expect(fixtureOf(el).raw).to.deep.equal([]);
  });

  it('hbbtv delivers nothing before the app sets its KeySet', async () => {
    const el = await mountEmulator({ profile: 'hbbtv', deviceUrl: `${DEVICE_URL}?groups=none` });
    await el.press('ArrowLeft');
    await el.press('Enter');
    expect(fixtureOf(el).raw).to.deep.equal([]);
    expect(el.logEntries.filter((e) => e.type === 'withheld').map((e) => e.keyCode)).to.deep.equal([37, 13]);

    fixtureOf(el).subscribe(['navigation']);
    await waitFor(() => el.registeredKeys().includes('Enter'), 'the KeySet');
    await el.press('Enter');
    expect(el.keyLog()).to.deep.equal([{ key: 'Enter', raw: 13, kind: 'down' }, { key: 'Enter', raw: 13, kind: 'up' }]);
  });

  it('profiles without registration deliver every key', async () => {
    const el = await mountEmulator({ profile: 'webos', deviceUrl: `${DEVICE_URL}?groups=none` });
    await el.press('ColorF0Red');
    expect(fixtureOf(el).raw.map((r) => [r.type, r.keyCode])).to.deep.equal([['keydown', 403], ['keyup', 403]]);
    expect(el.logEntries.filter((e) => e.type === 'withheld')).to.deep.equal([]);
  });
});
