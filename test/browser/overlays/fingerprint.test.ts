import { expect } from '@esm-bundle/chai';
import { sendMouse } from '@web/test-runner-commands';
import { mountSystemUi, type SystemUi } from '../../../sdk/overlays/index.js';
import {
  appKeyLog, caFixture, CARD_ID, frame, hitAt, inLayer, keyboardPlatform, layerRoot, makeFingerprintHittable, must, nameOf,
  press, recordTopLayerEntries, textOf, until, type CaFixture,
} from './support/system-ui-support.js';

describe('system UI: the fingerprint', () => {
  let fixture: CaFixture;
  let ui: SystemUi;
  const appNodes: Element[] = [];

  function app<T extends Element>(el: T, parent: Element = document.body): T {
    parent.append(el);
    appNodes.push(el);
    return el;
  }

  async function showFingerprint(): Promise<DOMRect> {
    fixture.card.fingerprint();
    await until(() => textOf(ui, 'yiwang-fingerprint-mark', '.mark') === CARD_ID, 'the fingerprint');
    return makeFingerprintHittable(ui);
  }

  const layerDialog = (shown: SystemUi): HTMLDialogElement => must(layerRoot(shown).querySelector('dialog'), 'layer dialog');

  function expectOnTop(rect: DOMRect, what: string): void {
    const hit = hitAt(rect);
    expect(nameOf(hit), what).to.equal(nameOf(ui.element));
  }

  beforeEach(() => {
    fixture = caFixture();
    ui = mountSystemUi({ ca: fixture.ca, platform: keyboardPlatform() });
  });

  afterEach(async () => {
    ui.unmount();
    fixture.close();
    if (document.fullscreenElement) await document.exitFullscreen();
    for (const el of appNodes.splice(0)) {
      if (el instanceof HTMLDialogElement && el.open) el.close();
      el.remove();
    }
  });

  it('writes the card id, legible but see-through, inside the screen', async () => {
    const rect = await showFingerprint();
    expect(rect.left).to.be.greaterThanOrEqual(0);
    expect(rect.right).to.be.lessThanOrEqual(innerWidth);
    expect(rect.top).to.be.greaterThanOrEqual(0);
    expect(rect.bottom).to.be.lessThanOrEqual(innerHeight);
    const mark = must(inLayer(ui, 'yiwang-fingerprint-mark', '.mark'));
    const colour = getComputedStyle(mark).color.match(/[\d.]+/g)?.map(Number) ?? [];
    // White text, partly transparent (alpha between 0.5 and 0.95).
    expect(colour.slice(0, 3)).to.deep.equal([255, 255, 255]);
    expect(colour[3]).to.be.within(0.5, 0.95);
    expect(parseFloat(getComputedStyle(mark).fontSize)).to.be.greaterThan(12);
  });

  it('stays on top of the app’s modal dialog and popover', async () => {
    const rect = await showFingerprint();
    expectOnTop(rect, 'before the app does anything');
    const entries: string[] = [];
    recordTopLayerEntries(ui, entries);
    const dialog = app(document.createElement('dialog'));
    dialog.style.cssText = 'width:100vw;height:100vh;max-width:none;max-height:none;margin:0;padding:0;background:#123';
    dialog.showModal();
    entries.push('app dialog');
    await frame();
    // The modal dialog makes the page inert, so hit-testing cannot see us: the layer entered the top layer after it.
    expect(entries).to.deep.equal(['app dialog', 'system']);
    expect(layerDialog(ui).matches(':popover-open')).to.equal(true);
    dialog.close();
    await frame();
    expectOnTop(rect, 'after the dialog closed');

    const popover = app(document.createElement('div'));
    popover.popover = 'manual';
    popover.style.cssText = 'position:fixed;inset:0;width:auto;height:auto;margin:0;background:#333';
    popover.showPopover();
    await frame();
    expectOnTop(rect, 'over a popover');
    popover.hidePopover();
  });

  it('stays on top of an element the app puts in fullscreen', async () => {
    const rect = await showFingerprint();
    const video = app(document.createElement('div'));
    video.style.cssText = 'background:#024';
    const button = app(document.createElement('button'));
    button.style.cssText = 'position:fixed;right:0;bottom:0;width:40px;height:40px';
    const entries: string[] = [];
    recordTopLayerEntries(ui, entries);
    let entered: Promise<void> = Promise.resolve();
    button.addEventListener('click', () => {
      entered = video.requestFullscreen().then(() => {
        entries.push('app fullscreen');
      });
    });
    await sendMouse({ type: 'click', position: [innerWidth - 10, innerHeight - 10] });
    await entered;
    await frame();
    expect(document.fullscreenElement === video).to.equal(true);
    // Fullscreen makes the rest of the page inert for hit-testing too: the layer entered after the video did.
    expect(entries).to.deep.equal(['app fullscreen', 'system']);
    expect(layerDialog(ui).matches(':popover-open')).to.equal(true);
    await document.exitFullscreen();
    await frame();
    expectOnTop(rect, 'after fullscreen ended');
  });

  it('comes back when the app removes, hides or styles the layer away', async () => {
    const rect = await showFingerprint();
    const host = ui.element;
    host.remove();
    await frame();
    expect(host.parentElement === document.documentElement).to.equal(true);
    expectOnTop(rect, 'after removal');

    host.hidden = true;
    host.inert = true;
    host.setAttribute('popover', 'auto');
    await frame();
    expect([host.hidden, host.inert, host.hasAttribute('popover')]).to.deep.equal([false, false, false]);

    const style = app(document.createElement('style'), document.head);
    style.textContent = 'yiwang-system-layer, html > :last-child { display: none !important; visibility: hidden !important; opacity: 0 !important; }';
    host.style.setProperty('display', 'none', 'important');
    await frame();
    const computed = getComputedStyle(host);
    expect([computed.display, computed.visibility, computed.opacity]).to.deep.equal(['block', 'visible', '1']);
    expectOnTop(rect, 'after styling');

    // Something appended after it does not cover it.
    const late = app(document.createElement('div'), document.documentElement);
    late.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#000';
    await frame();
    expect(document.documentElement.lastElementChild === host).to.equal(true);
    expectOnTop(rect, 'after an element was appended to <html>');
  });

  it('comes back however often the app removes the layer, in microtasks or in tasks', async () => {
    const rect = await showFingerprint();
    const host = ui.element;
    const dialog = layerDialog(ui);
    const isBack = (): boolean => host.parentElement === document.documentElement && dialog.matches(':popover-open');
    // More removals than the stack's per-second budget for moves: re-inserting must not give up.
    for (let i = 0; i < 40; i++) {
      host.remove();
      await Promise.resolve();
    }
    await until(isBack, 'the layer back after 40 removals in microtasks');
    for (let i = 0; i < 40; i++) {
      host.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await until(isBack, 'the layer back after 40 removals in tasks');
    await frame();
    expect(textOf(ui, 'yiwang-fingerprint-mark', '.mark')).to.equal(CARD_ID);
    expectOnTop(rect, 'after 80 removals');
  });

  it('is put back when taken out of the layer or restyled inside it', async () => {
    const rect = await showFingerprint();
    // The app cannot reach it through shadowRoot (closed); even code that holds lit's render root cannot keep it away.
    expect(ui.element.shadowRoot).to.equal(null);
    const mark = must(inLayer(ui, 'yiwang-fingerprint-mark'));
    mark.remove();
    await frame();
    expect(mark.isConnected).to.equal(true);
    mark.setAttribute('style', 'display:none');
    mark.hidden = true;
    await frame();
    expect(mark.hasAttribute('style') || mark.hidden).to.equal(false);
    expect(getComputedStyle(mark).display).to.equal('block');
    expectOnTop(rect, 'after tampering inside the layer');
  });

  it('lets Back and Exit through to the app and stays', async () => {
    const rect = await showFingerprint();
    const log = appKeyLog();
    try {
      const back = press('BrowserBack');
      const exit = press('Exit');
      expect(log.keys).to.deep.equal(['Backspace', 'Escape']);
      expect(back.defaultPrevented || exit.defaultPrevented).to.equal(false);
    } finally {
      log.stop();
    }
    await frame();
    expect(textOf(ui, 'yiwang-fingerprint-mark', '.mark')).to.equal(CARD_ID);
    expectOnTop(rect, 'after Back and Exit');
  });

  it('goes when the CA hides it', async () => {
    await showFingerprint();
    fixture.card.hideFingerprint();
    await until(() => inLayer(ui, 'yiwang-fingerprint-mark', '.mark') === null, 'the fingerprint to go');
  });
});
