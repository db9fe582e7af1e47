import { expect } from '@esm-bundle/chai';
import { installAutomationApi } from '../../../apps/emulator/automation-api.js';
import { BOX_CA_STORAGE_KEY } from '../../../apps/emulator/box/ca-host.js';
import type { YwEmulator } from '../../../apps/emulator/emulator-app.js';
import { YwBoxCaScreen } from '../../../apps/emulator/box/ca-screen.js';
import { CaStickyState } from '../../../apps/emulator/box/ca-sticky-state.js';
import { mountEmulator, PLAIN_URL, sleep, unmountAll, waitFor } from './helpers.js';

const BOX_URL = '/test/browser/emulator/fixtures/box-device.html';

/** The box's own drawing over the device frame (the emulator page's, not the app's). */
function boxScreen(el: YwEmulator): ShadowRoot {
  const root = el.renderRoot.querySelector('yw-box-ca-screen')?.shadowRoot;
  if (!root) throw new Error('no box CA screen');
  return root;
}

function shown(el: YwEmulator, selector: string): HTMLElement | null {
  const found = boxScreen(el).querySelector<HTMLElement>(selector);
  if (!found) return null;
  const box = found.getBoundingClientRect();
  return box.width > 0 && box.height > 0 ? found : null;
}

describe('emulator: the box draws the CA fingerprint and OSD when no app does', function () {
  this.timeout(20_000);

  beforeEach(() => {
    sessionStorage.removeItem(BOX_CA_STORAGE_KEY);
  });

  afterEach(() => {
    unmountAll();
    delete window.emulator;
    sessionStorage.removeItem(BOX_CA_STORAGE_KEY);
  });

  it('shows the fingerprint (the card id) over a page without the SDK, and leaves it to a listening app', async () => {
    const el = await mountEmulator({ deviceUrl: PLAIN_URL });
    const api = installAutomationApi(el);
    const { cardId } = await api.ca.status();
    if (cardId === undefined) throw new Error('the simulated card has no id');
    await api.ca.fingerprint();
    await el.updateComplete;
    await waitFor(() => shown(el, '.fingerprint') !== null, 'the box drawing the fingerprint');
    expect(shown(el, '.fingerprint')?.textContent).to.equal(cardId);

    // The frame's picture is under it: the fingerprint lies within the TV screen.
    const screen = el.renderRoot.querySelector('yw-tv-frame')?.shadowRoot?.querySelector('.screen')?.getBoundingClientRect();
    const mark = shown(el, '.fingerprint')?.getBoundingClientRect();
    if (!screen || !mark) throw new Error('no layout');
    expect(mark.left + mark.width / 2).to.be.within(screen.left, screen.right);
    expect(mark.top + mark.height / 2).to.be.within(screen.top, screen.bottom);

    await api.ca.osd('停机通知 notice', 'bottom');
    await waitFor(() => shown(el, '.crawl.bottom')?.textContent.includes('停机通知') === true, 'the box drawing the OSD');

    // An app whose system UI listens to CA events draws them itself: the box's drawing goes.
    await el.load(BOX_URL);
    await waitFor(() => shown(el, '.fingerprint') === null, 'the box drawing hidden');
    expect((await api.ca.status()).listening).to.equal(true);
    expect(shown(el, '.crawl.bottom')).to.equal(null);

    // A page that runs the SDK but does not listen to CA events: the box draws again.
    await el.load(`${BOX_URL}?ca=off`);
    await waitFor(() => shown(el, '.fingerprint') !== null, 'the fingerprint over an app that does not listen');
    await api.ca.hideFingerprint();
    await waitFor(() => shown(el, '.fingerprint') === null, 'the fingerprint hidden');
  });

  it('takes the fingerprint away when its time runs out', async () => {
    const el = await mountEmulator({ deviceUrl: PLAIN_URL });
    const api = installAutomationApi(el);
    await api.ca.fingerprint(400);
    await waitFor(() => shown(el, '.fingerprint') !== null, 'the fingerprint');
    await sleep(600);
    expect(shown(el, '.fingerprint')).to.equal(null);
    expect((await api.ca.status()).screen.fingerprint).to.equal(undefined);
  });

  it('places a fingerprint where the CA put it', async () => {
    const sticky = new CaStickyState();
    sticky.observe({ type: 'fingerprint', ecmPid: 0, cardId: '8000 1234', x: 0.9, y: 0.1, raw: { vendor: 'v', code: 1 } });
    const stage = document.createElement('div');
    stage.style.cssText = 'position:relative;width:400px;height:200px;container-type:size';
    const drawing = new YwBoxCaScreen();
    drawing.screen = sticky.summary();
    stage.append(drawing);
    document.body.append(stage);
    try {
      await drawing.updateComplete;
      const mark = drawing.shadowRoot?.querySelector('.fingerprint')?.getBoundingClientRect();
      const area = stage.getBoundingClientRect();
      if (!mark) throw new Error('no fingerprint drawn');
      expect(drawing.shadowRoot?.querySelector('.fingerprint')?.textContent).to.equal('8000 1234');
      expect(Math.round(mark.left + mark.width / 2 - area.left)).to.be.within(358, 362);
      expect(Math.round(mark.top + mark.height / 2 - area.top)).to.be.within(18, 22);
      drawing.active = false;
      await drawing.updateComplete;
      expect(drawing.shadowRoot?.querySelector('.fingerprint')).to.equal(null);
    } finally {
      stage.remove();
    }
  });
});
