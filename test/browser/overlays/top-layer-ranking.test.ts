import { expect } from '@esm-bundle/chai';
import { mountAlertOverlay, type AlertOverlayHandle } from '../../../sdk/alerts/overlay/index.js';
import { mountSystemUi, topLayerStack, TopLayerRank, type SystemUi } from '../../../sdk/overlays/index.js';
import { activeAlert, alertTestPlatform, fakeManager, type FakeManager } from '../alerts/overlay-support.js';
import {
  caFixture, frame, inLayer, keyboardPlatform, must, nameOf, press, recordTopLayerEntries, sleep, textOf, typeDigits, until,
  parentalWithPin, SCRAMBLED, type CaFixture,
} from './support/system-ui-support.js';

/** A point inside both rectangles (they must overlap). */
function overlap(a: DOMRect, b: DOMRect): [number, number] {
  const left = Math.max(a.left, b.left);
  const right = Math.min(a.right, b.right);
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  if (left >= right || top >= bottom) throw new Error('the rectangles do not overlap');
  return [(left + right) / 2, (top + bottom) / 2];
}

/** Lets hit-testing find a crawl strip (it takes no pointer events): test instrumentation only. */
function hittableStrip(ui: SystemUi, position: 'top' | 'bottom'): HTMLElement {
  const crawl = must(inLayer(ui, `yiwang-osd-crawl[position="${position}"]`), `${position} crawl`);
  const root = must(crawl.shadowRoot);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.strip { pointer-events: auto !important; }');
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return must(root.querySelector<HTMLElement>('.strip'), `${position} strip`);
}

describe('ranked top layer: emergency alerts over the system UI over the app', () => {
  let manager: FakeManager;
  let fixture: CaFixture;
  let alerts: AlertOverlayHandle | undefined;
  let ui: SystemUi | undefined;
  const appNodes: Element[] = [];

  function app<T extends Element>(el: T, parent: Element = document.body): T {
    parent.append(el);
    appNodes.push(el);
    return el;
  }

  function mountBoth(order: 'alerts first' | 'system first'): { alerts: AlertOverlayHandle; ui: SystemUi } {
    const mountAlerts = (): AlertOverlayHandle => mountAlertOverlay(manager, { platform: alertTestPlatform(), tone: false });
    const mountUi = (): SystemUi => mountSystemUi({ ca: fixture.ca, platform: keyboardPlatform(), crawlPixelsPerSecond: 40 });
    if (order === 'alerts first') {
      alerts = mountAlerts();
      ui = mountUi();
    } else {
      ui = mountUi();
      alerts = mountAlerts();
    }
    return { alerts, ui };
  }

  /** Shows a level-3 banner (a popover along the top), a system crawl under it and one at the bottom. */
  async function bannerOverCrawl(shown: { alerts: AlertOverlayHandle; ui: SystemUi }): Promise<{ banner: DOMRect; strip: DOMRect; bottom: DOMRect }> {
    manager.set(activeAlert({ level: 3 }));
    fixture.card.sendOsd('系统维护通知：今晚零点至二点暂停服务', 'top');
    fixture.card.sendOsd('欢迎收看一网数字电视', 'bottom');
    await until(() => textOf(shown.ui, 'yiwang-osd-crawl[position="bottom"]', '.text') !== '', 'the system crawls');
    await frame();
    const banner = must(shown.alerts.element.shadowRoot?.querySelector('.banner'), 'banner').getBoundingClientRect();
    return {
      banner, strip: hittableStrip(shown.ui, 'top').getBoundingClientRect(), bottom: hittableStrip(shown.ui, 'bottom').getBoundingClientRect(),
    };
  }

  beforeEach(() => {
    manager = fakeManager();
    fixture = caFixture();
  });

  afterEach(async () => {
    ui?.unmount();
    alerts?.unmount();
    ui = undefined;
    alerts = undefined;
    fixture.close();
    if (document.fullscreenElement) await document.exitFullscreen();
    for (const el of appNodes.splice(0)) {
      if (el instanceof HTMLDialogElement && el.open) el.close();
      el.remove();
    }
  });

  for (const order of ['alerts first', 'system first'] as const) {
    it(`puts the alert over the system layer and both over the app (${order})`, async () => {
      const shown = mountBoth(order);
      const { banner, strip, bottom } = await bannerOverCrawl(shown);
      const html = document.documentElement;
      expect([html.lastElementChild?.previousElementSibling, html.lastElementChild].map(nameOf))
        .to.deep.equal(['<yiwang-system-layer>', '<yw-alert-overlay>']);
      const [x, y] = overlap(banner, strip);
      expect(nameOf(document.elementFromPoint(x, y)), 'where banner and crawl overlap').to.equal('<yw-alert-overlay>');
      const below = bottom.top + bottom.height / 2;
      expect(nameOf(document.elementFromPoint(x, below)), 'the bottom crawl').to.equal('<yiwang-system-layer>');

      // The app's full-screen popover goes under both.
      const popover = app(document.createElement('div'));
      popover.popover = 'manual';
      popover.style.cssText = 'position:fixed;inset:0;width:auto;height:auto;margin:0;background:#333';
      popover.showPopover();
      await frame();
      expect(nameOf(document.elementFromPoint(x, y))).to.equal('<yw-alert-overlay>');
      expect(nameOf(document.elementFromPoint(x, below))).to.equal('<yiwang-system-layer>');
      expect(nameOf(document.elementFromPoint(innerWidth / 2, innerHeight / 2))).to.equal('<div>');
    });
  }

  it('re-asserts each shown layer once, lowest rank first, when the app opens a popover or a modal dialog', async () => {
    const shown = mountBoth('alerts first');
    await bannerOverCrawl(shown);
    const entries: string[] = [];
    recordTopLayerEntries(shown.ui, entries);
    const alertLayer = must(shown.alerts.element.layer);
    const showAlert = alertLayer.showPopover.bind(alertLayer);
    alertLayer.showPopover = (options?: ShowPopoverOptions) => {
      showAlert(options);
      entries.push('alert');
    };
    const before = topLayerStack().layers().map((l) => l.reassertions);

    const popover = app(document.createElement('div'));
    popover.popover = 'manual';
    popover.showPopover();
    entries.push('app popover');
    await frame();
    const dialog = app(document.createElement('dialog'));
    dialog.showModal();
    entries.push('app dialog');
    await frame();
    dialog.close();
    popover.hidePopover();
    await frame();
    expect(entries).to.deep.equal(['app popover', 'system', 'alert', 'app dialog', 'system', 'alert']);
    const after = topLayerStack().layers();
    expect(after.map((l) => l.rank)).to.deep.equal([TopLayerRank.SYSTEM_UI, TopLayerRank.EMERGENCY_ALERT]);
    expect(after.map((l, i) => l.reassertions - (before[i] ?? 0))).to.deep.equal([2, 2]);
  });

  it('puts the alert back above when the system layer shows something new under it', async () => {
    const shown = mountBoth('alerts first');
    manager.set(activeAlert({ level: 3 }));
    await frame();
    const entries: string[] = [];
    const alertLayer = must(shown.alerts.element.layer);
    const showAlert = alertLayer.showPopover.bind(alertLayer);
    alertLayer.showPopover = (options?: ShowPopoverOptions) => {
      showAlert(options);
      entries.push('alert');
    };
    recordTopLayerEntries(shown.ui, entries);
    // The system layer had nothing on screen; the prompt brings it into the top layer, above the banner.
    // A prompt not tied to an ECM shows only while a scrambled service runs: run one the card may descramble.
    fixture.card.entitle(7);
    await fixture.ca.startService(SCRAMBLED);
    fixture.card.sendPrompt(0x03);
    await until(() => textOf(shown.ui, 'yiwang-ca-prompt', '.box') !== '', 'the prompt');
    await frame();
    expect(entries).to.deep.equal(['system', 'alert']);
  });

  it('moves each layer at most once per change of <html>, and not again after (no re-append storm)', async () => {
    const shown = mountBoth('system first');
    await bannerOverCrawl(shown);
    const html = document.documentElement;
    const ours = new Set<Node>([shown.alerts.element, shown.ui.element]);
    let moves = 0;
    const watch = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (ours.has(n)) moves++;
    });
    watch.observe(html, { childList: true });
    const placements = (): number => topLayerStack().layers().reduce((n, l) => n + l.placements, 0);
    const placed = placements();

    // The app appends several elements to <html> in one go: each layer moves once.
    for (let i = 0; i < 5; i++) app(document.createElement('div'), html);
    await frame();
    expect([html.lastElementChild?.previousElementSibling, html.lastElementChild].map(nameOf))
      .to.deep.equal(['<yiwang-system-layer>', '<yw-alert-overlay>']);
    expect(placements() - placed).to.equal(2);
    // The system layer removed: only it goes back, before the alert.
    shown.ui.element.remove();
    await frame();
    expect(html.lastElementChild?.previousElementSibling === shown.ui.element).to.equal(true);
    expect(placements() - placed).to.equal(3);
    // Quiet afterwards: neither layer keeps moving the other.
    const settled = moves;
    await sleep(300);
    expect(moves).to.equal(settled);
    expect(placements() - placed).to.equal(3);
    watch.disconnect();
  });

  it('leaves keys to the alert while it holds the remote, even over an open PIN dialog', async () => {
    const parental = await parentalWithPin('1234');
    ui = mountSystemUi({ ca: fixture.ca, parental, platform: keyboardPlatform() });
    alerts = mountAlertOverlay(manager, { platform: alertTestPlatform(), tone: false });
    const answer = ui.requestParentalPin({ reason: 'channelLock', channelName: '101 CCTV-1' });
    await frame();
    manager.set(activeAlert({ level: 1 }));
    await frame();
    const held = press('5');
    typeDigits('234');
    press('Enter');
    expect(held.defaultPrevented).to.equal(true);
    const dialog = must(inLayer(ui, 'yiwang-pin-dialog'));
    expect((dialog as unknown as { typed: number }).typed).to.equal(0);
    manager.set();
    await frame();
    typeDigits('1234');
    press('Enter');
    expect(await answer).to.equal('correct');
    parental.close();
  });
});
