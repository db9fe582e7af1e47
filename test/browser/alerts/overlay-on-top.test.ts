import { expect } from '@esm-bundle/chai';
import { sendMouse } from '@web/test-runner-commands';
import { mountAlertOverlay, type AlertOverlayHandle } from '../../../sdk/alerts/overlay/index.js';
import { activeAlert, alertTestPlatform, fakeManager, frame, must, type FakeManager } from './overlay-support.js';

const centre = (): Element | null => document.elementFromPoint(innerWidth / 2, innerHeight / 2);

/** Names an element for messages (chai's inspection of live DOM nodes can be slow or hang). */
function nameOf(el: Element | null | undefined): string {
  if (!el) return String(el);
  return `<${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('style') ? ` style="${el.getAttribute('style') ?? ''}"` : ''}>`;
}

function expectSame(actual: Element | null | undefined, expected: Element | null | undefined, what: string): void {
  expect(nameOf(actual), what).to.equal(nameOf(expected));
  expect(actual === expected, what).to.equal(true);
}

describe('alert overlay: stays on top', () => {
  let manager: FakeManager;
  let overlay: AlertOverlayHandle;
  const appNodes: Element[] = [];

  function app<T extends Element>(el: T, parent: Element = document.body): T {
    parent.append(el);
    appNodes.push(el);
    return el;
  }

  beforeEach(() => {
    manager = fakeManager();
    overlay = mountAlertOverlay(manager, { platform: alertTestPlatform(), tone: false });
  });

  afterEach(async () => {
    overlay.unmount();
    if (document.fullscreenElement) await document.exitFullscreen();
    for (const el of appNodes.splice(0)) el.remove();
  });

  it('covers an app element with the highest z-index that fills the screen', async () => {
    const cover = app(document.createElement('div'));
    cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#000';
    // Added after the overlay, later in tree order: would win a z-index tie.
    app(document.createElement('div'), document.documentElement).setAttribute('style', 'position:fixed;inset:0;z-index:2147483647');
    manager.set(activeAlert({ level: 1 }));
    await frame();
    expectSame(centre(), overlay.element, 'element at the centre');
  });

  /** A fullscreen request from a click, `delayMs` later (still within the click's activation). */
  async function fullscreenOnClick(el: Element, delayMs = 0): Promise<() => Promise<void>> {
    const button = app(document.createElement('button'));
    button.style.cssText = 'position:fixed;right:0;bottom:0;width:40px;height:40px';
    let entered: Promise<void> = Promise.resolve();
    const clicked = new Promise<void>((resolve) => {
      button.addEventListener('click', () => {
        setTimeout(() => {
          entered = el.requestFullscreen();
          resolve();
        }, delayMs);
      });
    });
    await sendMouse({ type: 'click', position: [innerWidth - 10, innerHeight - 10] });
    return async () => {
      await clicked;
      await entered;
    };
  }

  it('covers an element the app put in fullscreen before the alert', async () => {
    const video = app(document.createElement('div'));
    video.style.cssText = 'background:#024';
    await (await fullscreenOnClick(video))();
    expectSame(document.fullscreenElement, video, 'fullscreen element');
    expectSame(centre(), video, 'element at the centre');
    manager.set(activeAlert({ level: 2 }));
    await frame();
    expectSame(centre(), overlay.element, 'element at the centre');
  });

  it('goes back on top when the app enters fullscreen while the alert is up', async () => {
    const video = app(document.createElement('div'));
    video.style.cssText = 'background:#024';
    // The viewer clicked just before the alert came; the app's handler goes fullscreen a moment later.
    const entered = await fullscreenOnClick(video, 150);
    manager.set(activeAlert({ level: 1 }));
    await frame();
    expectSame(centre(), overlay.element, 'element at the centre');
    // Hit-testing cannot tell paint order here (our modal dialog makes the fullscreen element inert), so
    // also check that the layer went back to the top of the top layer after the fullscreen element.
    const layer = must(overlay.element.layer);
    let shownAgain = 0;
    const showModal = layer.showModal.bind(layer);
    layer.showModal = () => {
      shownAgain++;
      showModal();
    };
    await entered();
    expectSame(document.fullscreenElement, video, 'fullscreen element');
    await frame();
    expect(shownAgain).to.equal(1);
    expect(layer.matches(':modal')).to.equal(true);
    expectSame(centre(), overlay.element, 'element at the centre');
  });

  it('cannot be hidden with styles', async () => {
    const style = app(document.createElement('style'), document.head);
    style.textContent = 'yw-alert-overlay { display: none !important; visibility: hidden !important; opacity: 0 !important; }';
    overlay.element.style.setProperty('display', 'none', 'important');
    manager.set(activeAlert({ level: 1 }));
    await frame();
    const computed = getComputedStyle(overlay.element);
    expect([computed.display, computed.visibility, computed.opacity]).to.deep.equal(['block', 'visible', '1']);
    expectSame(centre(), overlay.element, 'element at the centre');
  });

  it('goes back above a modal dialog the app opens over it', async () => {
    manager.set(activeAlert({ level: 1 }));
    await frame();
    const dialog = app(document.createElement('dialog'));
    dialog.style.cssText = 'width:90vw;height:90vh';
    dialog.showModal();
    await frame();
    expectSame(centre(), overlay.element, 'element at the centre');
    dialog.close();
  });

  it('goes back above a popover the app shows over it', async () => {
    manager.set(activeAlert({ level: 3 }));
    await frame();
    const popover = app(document.createElement('div'));
    popover.popover = 'manual';
    popover.style.cssText = 'position:fixed;inset:0;width:auto;height:auto;margin:0;background:#333';
    popover.showPopover();
    await frame();
    const banner = overlay.element.shadowRoot?.querySelector('.banner')?.getBoundingClientRect();
    expect(banner).to.not.equal(undefined);
    expectSame(document.elementFromPoint(innerWidth / 2, must(banner).height / 2), overlay.element, 'element at the banner');
    expectSame(centre(), popover, 'element at the centre');
  });

  it('is put back when removed, and moved last when something is appended after it', async () => {
    manager.set(activeAlert({ level: 1 }));
    await frame();
    overlay.element.remove();
    await frame();
    expectSame(overlay.element.parentElement, document.documentElement, 'parent');
    expect(overlay.element.layer?.matches(':modal')).to.equal(true);
    expectSame(centre(), overlay.element, 'element at the centre');

    const late = app(document.createElement('div'), document.documentElement);
    late.style.cssText = 'position:fixed;inset:0;z-index:2147483647';
    await frame();
    expectSame(document.documentElement.lastElementChild, overlay.element, 'last child of <html>');
    expectSame(centre(), overlay.element, 'element at the centre');

    overlay.element.setAttribute('hidden', '');
    overlay.element.inert = true;
    await frame();
    expect(overlay.element.hasAttribute('hidden')).to.equal(false);
    expect(overlay.element.inert).to.equal(false);
  });

  it('ends its guard on unmount', async () => {
    overlay.unmount();
    await frame();
    expect(overlay.element.isConnected).to.equal(false);
    const after = app(document.createElement('div'), document.documentElement);
    await frame();
    expectSame(document.documentElement.lastElementChild, after, 'last child of <html>');
  });
});
