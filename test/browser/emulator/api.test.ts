import { expect } from '@esm-bundle/chai';
import { createRawKeyEvent, KEY_NAMES, keyProfileIds } from '../../../sdk/index.js';
import { installAutomationApi, type EmulatorAutomation, type Resolution } from '../../../apps/emulator/automation-api.js';
import { YwEmulator } from '../../../apps/emulator/emulator-app.js';
import { DEVICE_URL, fixtureOf, mountEmulator, PLAIN_URL, rejection, sleep, unmountAll, waitFor } from './helpers.js';

describe('emulator: automation API', () => {
  afterEach(() => {
    unmountAll();
    delete window.emulator;
  });

  it('is installed as window.emulator and drives the device', async () => {
    const el = new YwEmulator();
    el.deviceUrl = DEVICE_URL;
    el.profile = 'webos';
    document.body.append(el);
    const api: EmulatorAutomation = installAutomationApi(el);
    expect(window.emulator).to.equal(api);
    await api.ready;
    // Ready means the device page is up.
    expect(fixtureOf(el).profile).to.equal('webos');
    expect(api.profile).to.equal('webos');
    expect(api.profiles()).to.deep.equal(keyProfileIds());
    el.remove();
  });

  it('setProfile reboots the device with the new frame name', async () => {
    const el = await mountEmulator();
    const api = installAutomationApi(el);
    const firstFrame = el.deviceFrame;
    await api.setProfile('cn-iptv');
    expect(api.profile).to.equal('cn-iptv');
    expect(el.deviceFrame).not.to.equal(firstFrame);
    expect(el.deviceFrame?.name).to.equal('yiwang-emulator:{"profile":"cn-iptv"}');
    expect(fixtureOf(el).profile).to.equal('cn-iptv');
    await api.press('ColorF0Red');
    expect(api.keyLog()[0]).to.deep.equal({ key: 'ColorF0Red', raw: 0x113, kind: 'down' });
  });

  it('rejects unknown keys, keys the remote lacks, and unknown profiles with clear errors', async () => {
    const el = await mountEmulator({ profile: 'webos' });
    const api = installAutomationApi(el);

    const unknownKey = await rejection(api.press('Foo'));
    expect(unknownKey.message).to.match(/^Unknown key "Foo": not a normalized key name/).and.contain('BrowserBack');

    const lacking = await rejection(api.press('Exit'));
    expect(lacking.message).to.equal('The "webos" remote (LG webOS) has no Exit key');

    const unknownProfile = await rejection(api.setProfile('sony'));
    expect(unknownProfile.message).to.equal(`Unknown key profile "sony"; known profiles: ${keyProfileIds().join(', ')}`);
    expect(api.profile).to.equal('webos');

    expect((await rejection(api.setResolution('800x600' as Resolution))).message).to.contain('1280x720');
    expect(api.keyLog()).to.deep.equal([]);
  });

  it('keyLog returns copies, oldest first; clearKeyLog empties it', async () => {
    const el = await mountEmulator({ profile: 'hbbtv' });
    await el.press('1');
    await el.press('2');
    const log = el.keyLog();
    expect(log.map((e) => `${e.key}:${e.kind}`)).to.deep.equal(['1:down', '1:up', '2:down', '2:up']);
    log.length = 0;
    expect(el.keyLog()).to.have.length(4);
    el.clearKeyLog();
    expect(el.keyLog()).to.deep.equal([]);
  });

  it('load resolves for a page without the SDK (no hello) and logs it', async () => {
    const el = await mountEmulator();
    const started = performance.now();
    await el.load(PLAIN_URL);
    const took = performance.now() - started;
    expect(took).to.be.within(900, 5000);
    expect(el.logEntries.some((e) => e.type === 'note' && e.text.includes('no hello'))).to.equal(true);
    // The SDK device answers hello, so its load does not wait out the timeout.
    const again = performance.now();
    await el.load(DEVICE_URL);
    expect(performance.now() - again).to.be.below(900);
    expect(fixtureOf(el).platform).to.equal('emulator');
  });

  it('setResolution changes the logical screen the device sees', async () => {
    const el = await mountEmulator();
    const device = (): Window | null | undefined => el.deviceFrame?.contentWindow;
    expect(device()?.innerWidth).to.equal(1920);
    await el.setResolution('1280x720');
    expect(el.resolution).to.equal('1280x720');
    await waitFor(() => device()?.innerWidth === 1280, 'the device resize');
    expect(device()?.innerHeight).to.equal(720);
  });

  it('sends raw keys by postMessage to a cross-origin device', async function () {
    if (location.hostname !== 'localhost') this.skip();
    const crossOrigin = `${location.protocol}//127.0.0.1:${location.port}${DEVICE_URL}`;
    try {
      await fetch(crossOrigin, { mode: 'no-cors' });
    } catch {
      this.skip(); // the test server does not answer on 127.0.0.1
    }
    const el = await mountEmulator({ profile: 'webos', deviceUrl: crossOrigin });
    await el.press('BrowserBack');
    expect(el.keyLog()).to.deep.equal([{ key: 'BrowserBack', raw: 461, kind: 'down' }, { key: 'BrowserBack', raw: 461, kind: 'up' }]);
    const sent = el.logEntries.filter((e) => e.type === 'sent');
    expect(sent.map((e) => [e.eventType, e.keyCode, e.via])).to.deep.equal([['keydown', 461, 'postMessage'], ['keyup', 461, 'postMessage']]);
  });
});

describe('emulator: keyboard shortcuts', () => {
  afterEach(unmountAll);

  const hostKey = async (keyCode: number, key: string, holdMs = 40): Promise<void> => {
    document.body.dispatchEvent(createRawKeyEvent('keydown', { keyCode, key }));
    await sleep(holdMs);
    document.body.dispatchEvent(createRawKeyEvent('keyup', { keyCode, key }));
  };

  it('maps desktop keys through the keyboard profile to the selected platform codes', async () => {
    const el = await mountEmulator({ profile: 'webos' });
    await hostKey(8, 'Backspace');
    await hostKey(82, 'r');
    await hostKey(37, 'ArrowLeft');
    await waitFor(() => el.keyLog().length === 6, 'six key events');
    expect(el.keyLog()).to.deep.equal([
      { key: 'BrowserBack', raw: 461, kind: 'down' }, { key: 'BrowserBack', raw: 461, kind: 'up' },
      { key: 'ColorF0Red', raw: 403, kind: 'down' }, { key: 'ColorF0Red', raw: 403, kind: 'up' },
      { key: 'ArrowLeft', raw: 37, kind: 'down' }, { key: 'ArrowLeft', raw: 37, kind: 'up' },
    ]);
    expect(fixtureOf(el).raw.find((r) => r.keyCode === 461)?.key).to.equal('GoBack');
  });

  it('holds and repeats with the real key, as keypress on iPanel', async () => {
    const el = await mountEmulator({ profile: 'ipanel' });
    const before = fixtureOf(el).raw.length;
    await hostKey(38, 'ArrowUp', 760);
    await waitFor(() => el.keyLog().some((e) => e.kind === 'up'), 'the inferred release', 1500);
    const kinds = el.keyLog().map((e) => e.kind);
    expect(kinds[0]).to.equal('down');
    expect(kinds).to.include('repeat').and.include('long');
    expect(el.keyLog().every((e) => e.key === 'ArrowUp' && e.raw === 1)).to.equal(true);
    expect(new Set(fixtureOf(el).raw.slice(before).map((r) => r.type))).to.deep.equal(new Set(['keypress']));
  });

  it('leaves typing in the URL box alone', async () => {
    const el = await mountEmulator();
    const input = el.renderRoot.querySelector('input[name="url"]');
    if (!(input instanceof HTMLInputElement)) throw new Error('no URL input');
    input.dispatchEvent(createRawKeyEvent('keydown', { keyCode: 82, key: 'r' }));
    input.dispatchEvent(createRawKeyEvent('keyup', { keyCode: 82, key: 'r' }));
    await sleep(50);
    expect(el.logEntries.filter((e) => e.type === 'sent')).to.deep.equal([]);
    expect(fixtureOf(el).raw).to.deep.equal([]);
  });
});

describe('emulator: UI', () => {
  afterEach(unmountAll);

  const remoteButton = (el: YwEmulator, key: string): HTMLButtonElement => {
    const button = el.renderRoot.querySelector('yw-remote-control')?.renderRoot.querySelector(`button[data-key="${key}"]`);
    if (!(button instanceof HTMLButtonElement)) throw new Error(`no remote button for ${key}`);
    return button;
  };

  it('has a remote button for every key, disabled where the platform lacks it', async () => {
    const el = await mountEmulator({ profile: 'webos' });
    await el.updateComplete;
    const remote = el.renderRoot.querySelector('yw-remote-control');
    await remote?.updateComplete;
    const keys = [...(remote?.renderRoot.querySelectorAll('button[data-key]') ?? [])].map((b) => b.getAttribute('data-key'));
    expect(keys).to.have.members([...KEY_NAMES]);
    expect(remoteButton(el, 'Exit').getAttribute('aria-disabled')).to.equal('true');
    expect(remoteButton(el, 'Exit').title).to.contain('LG webOS remote has no such key');
    expect(remoteButton(el, 'BrowserBack').getAttribute('aria-disabled')).to.equal('false');
    expect(remoteButton(el, 'BrowserBack').title).to.contain('keyCode 461');
  });

  it('holds a key while the pointer holds the button', async () => {
    const el = await mountEmulator({ profile: 'tizen' });
    await el.updateComplete;
    const ok = remoteButton(el, 'Enter');
    ok.dispatchEvent(new PointerEvent('pointerdown', { pointerId: 7, button: 0, bubbles: true, composed: true }));
    await sleep(650);
    ok.dispatchEvent(new PointerEvent('pointerup', { pointerId: 7, button: 0, bubbles: true, composed: true }));
    await waitFor(() => el.keyLog().some((e) => e.kind === 'up'), 'the release');
    const kinds = el.keyLog().map((e) => e.kind);
    expect(kinds[0]).to.equal('down');
    expect(kinds.filter((k) => k === 'repeat').length).to.be.at.least(1);
    expect(el.keyLog().every((e) => e.key === 'Enter' && e.raw === 13)).to.equal(true);

    // A disabled key sends nothing.
    el.clearKeyLog();
    const exitLess = await mountEmulator({ profile: 'webos' });
    remoteButton(exitLess, 'Exit').dispatchEvent(new PointerEvent('pointerdown', { pointerId: 8, button: 0, bubbles: true, composed: true }));
    await sleep(50);
    expect(exitLess.logEntries.filter((e) => e.type === 'sent')).to.deep.equal([]);
  });

  it('fits the TV to its area and draws the safe areas', async () => {
    const el = await mountEmulator();
    el.safeArea = true;
    await el.updateComplete;
    const tv = el.renderRoot.querySelector('yw-tv-frame');
    if (!tv) throw new Error('no tv frame');
    await tv.updateComplete;
    const screen = tv.renderRoot.querySelector('.screen')?.getBoundingClientRect();
    const area = tv.getBoundingClientRect();
    if (!screen) throw new Error('no screen');
    expect(screen.width).to.be.at.most(area.width);
    expect(screen.height).to.be.at.most(area.height);
    expect(screen.width / screen.height).to.be.closeTo(16 / 9, 0.01);
    const action = tv.renderRoot.querySelector('.safe.action')?.getBoundingClientRect();
    const title = tv.renderRoot.querySelector('.safe.title')?.getBoundingClientRect();
    expect(action?.left ?? 0).to.be.closeTo(screen.left + screen.width * 0.035, 1);
    expect(title?.top ?? 0).to.be.closeTo(screen.top + screen.height * 0.05, 1);
    expect(tv.renderRoot.textContent).to.contain('action safe 3.5%').and.contain('title safe 5%');
  });
});
