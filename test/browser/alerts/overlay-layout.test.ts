import { expect } from '@esm-bundle/chai';
import { mountAlertOverlay, resolveAlertOverlayConfig, type AlertOverlayHandle } from '../../../sdk/alerts/overlay/index.js';
import { activeAlert, alertTestPlatform, fakeManager, frame, must, type FakeManager } from './overlay-support.js';

function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe('alert overlay: takeover and crawl', () => {
  let manager: FakeManager;
  let overlay: AlertOverlayHandle;

  beforeEach(() => {
    manager = fakeManager();
    overlay = mountAlertOverlay(manager, { platform: alertTestPlatform(), tone: false });
  });

  afterEach(() => overlay.unmount());

  const root = (): ShadowRoot => {
    const r = overlay.element.shadowRoot;
    if (!r) throw new Error('no shadow root');
    return r;
  };

  it('is appended to <html>, after <body>, and shows nothing without alerts', async () => {
    await frame();
    expect(overlay.element.parentNode).to.equal(document.documentElement);
    expect(document.documentElement.lastElementChild).to.equal(overlay.element);
    const style = getComputedStyle(overlay.element);
    expect(style.position).to.equal('fixed');
    expect(style.zIndex).to.equal('2147483647');
    expect(style.pointerEvents).to.equal('none');
    expect(overlay.view().mode).to.equal('none');
    expect(root().querySelector('.takeover, .banner')).to.equal(null);
    expect(overlay.element.layer?.open).to.equal(false);
  });

  for (const level of [1, 2] as const) {
    it(`level ${level} takes over the screen in ${level === 1 ? 'red' : 'orange'} with white, large text`, async () => {
      manager.set(activeAlert({ key: 'cap:a/1', level }));
      await frame();
      const takeover = root().querySelector<HTMLElement>('.takeover');
      expect(takeover).to.not.equal(null);
      expect(root().querySelector('.banner')).to.equal(null);
      const colours = resolveAlertOverlayConfig().colours[level];
      const style = getComputedStyle(must(takeover));
      expect(style.backgroundColor).to.equal(rgb(colours.background));
      expect(style.color).to.equal('rgb(255, 255, 255)');
      // Covers the whole viewport.
      const box = must(takeover).getBoundingClientRect();
      expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, innerWidth, innerHeight]);
      // Every text at least 48 px at 1080 lines.
      const min = 48 * (innerHeight / 1080) - 0.01;
      for (const selector of ['.level', '.event', '.headline', '.description', '.instruction', '.sender', '.time']) {
        const el = must(takeover).querySelector(selector);
        expect(el, selector).to.not.equal(null);
        expect(Number.parseFloat(getComputedStyle(must(el)).fontSize), selector).to.be.at.least(min);
      }
      expect(must(takeover).querySelector('.headline')?.textContent).to.contain('大风');
      expect(must(takeover).querySelector('.level')?.textContent).to.contain(level === 1 ? '红色预警' : '橙色预警');
      expect(must(takeover).querySelector('.sender')?.textContent).to.equal('北京市气象台');
      expect(must(takeover).querySelector('.instruction')?.textContent).to.contain('请留在室内');
      expect(must(takeover).querySelector('.time')?.textContent).to.match(/发布时间 2025-07-01 \d\d:30/);
      expect(overlay.element.layer?.matches(':modal')).to.equal(true);
    });
  }

  for (const level of [3, 4] as const) {
    it(`level ${level} crawls along the top in ${level === 3 ? 'yellow' : 'blue'} with contrasting text`, async () => {
      manager.set(activeAlert({ key: 'cap:a/3', level }));
      await frame();
      expect(root().querySelector('.takeover')).to.equal(null);
      const banner = root().querySelector<HTMLElement>('.banner');
      expect(banner).to.not.equal(null);
      const colours = resolveAlertOverlayConfig().colours[level];
      expect(getComputedStyle(must(banner)).backgroundColor).to.equal(rgb(colours.background));
      expect(getComputedStyle(must(banner)).color).to.equal(rgb(colours.text));
      const box = must(banner).getBoundingClientRect();
      expect(box.top).to.equal(0);
      expect(box.width).to.equal(innerWidth);
      expect(box.height).to.be.below(innerHeight / 5);
      const crawl = must(must(banner).querySelector<HTMLElement>('.crawl'));
      expect(getComputedStyle(crawl).animationName).to.equal('yw-crawl');
      expect(getComputedStyle(crawl).animationTimingFunction).to.equal('linear');
      expect(crawl.textContent).to.contain('请留在室内');
      // Starts off the right edge, moves left.
      const a = crawl.getBoundingClientRect().right;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(crawl.getBoundingClientRect().right).to.be.below(a);
      expect(overlay.element.layer?.matches(':popover-open')).to.equal(true);
      // The banner takes pointer events; the rest of the screen stays the app's.
      expect(document.elementFromPoint(innerWidth / 2, innerHeight / 2)).to.not.equal(overlay.element);
      expect(document.elementFromPoint(innerWidth / 2, box.height / 2)).to.equal(overlay.element);
    });
  }

  it('times crawls by text length: every banner moves at the same speed', async () => {
    const short = activeAlert({ key: 'cap:a/short', level: 3, text: { headline: '短讯' } });
    const long = activeAlert({
      key: 'cap:a/long', level: 4,
      text: { headline: '长讯', description: '这是一条很长的预警信息，'.repeat(12) },
    });
    manager.set(short, long);
    await frame();
    await frame();
    const crawls = [...root().querySelectorAll<HTMLElement>('.crawl')];
    expect(crawls).to.have.length(2);
    const [s, l] = crawls.map((c) => ({ width: c.offsetWidth, seconds: Number.parseFloat(getComputedStyle(c).animationDuration) }));
    expect(must(l).seconds).to.be.above(must(s).seconds * 2);
    const speed = overlay.config.crawlPixelsPerSecond * (innerHeight / 1080);
    expect(must(s).width / must(s).seconds).to.be.closeTo(speed, speed * 0.02);
    expect(must(l).width / must(l).seconds).to.be.closeTo(speed, speed * 0.02);
  });

  it('queues several alerts by level: the most urgent takes over, the others are listed on it', async () => {
    manager.set(
      activeAlert({ key: 'cap:a/y', level: 3 }), activeAlert({ key: 'cap:a/o', level: 2 }), activeAlert({ key: 'cap:a/r', level: 1 }),
    );
    await frame();
    expect(root().querySelector('.takeover')?.getAttribute('data-key')).to.equal('cap:a/r');
    const listed = [...root().querySelectorAll('.others li')].map((li) => li.getAttribute('data-key'));
    expect(listed).to.deep.equal(['cap:a/o', 'cap:a/y']);
    // The red one ends: orange takes over.
    manager.set(activeAlert({ key: 'cap:a/y', level: 3 }), activeAlert({ key: 'cap:a/o', level: 2 }));
    await frame();
    expect(root().querySelector('.takeover')?.getAttribute('data-key')).to.equal('cap:a/o');
    // Only banners left: they crawl.
    manager.set(activeAlert({ key: 'cap:a/y', level: 3 }));
    await frame();
    expect(root().querySelector('.takeover')).to.equal(null);
    expect(root().querySelector('.banner')?.getAttribute('data-key')).to.equal('cap:a/y');
    expect(overlay.element.layer?.matches(':popover-open')).to.equal(true);
    manager.set();
    await frame();
    expect(overlay.element.layer?.open).to.equal(false);
    expect(overlay.element.layer?.matches(':popover-open')).to.equal(false);
  });

  it('shows at most maxBanners crawls, most urgent first, and says how many wait', async () => {
    manager.set(
      activeAlert({ key: 'cap:b/1', level: 4 }), activeAlert({ key: 'cap:b/2', level: 3 }),
      activeAlert({ key: 'cap:b/3', level: 4 }), activeAlert({ key: 'cap:b/4', level: 3 }),
    );
    await frame();
    const keys = [...root().querySelectorAll('.banner')].map((b) => b.getAttribute('data-key'));
    expect(keys).to.have.length(2);
    expect(keys.every((k) => k === 'cap:b/2' || k === 'cap:b/4')).to.equal(true);
    expect(root().querySelector('.waiting')?.textContent).to.equal('另有 2 条预警');
  });

  it('shows drills only as labelled 演练 / DRILL banners, even at level 1', async () => {
    manager.setDrills(activeAlert({ key: 'cap:d/1', level: 1, drill: true }));
    await frame();
    expect(overlay.view().mode).to.equal('banner');
    expect(root().querySelector('.takeover')).to.equal(null);
    const banner = root().querySelector('.banner.drill');
    expect(banner?.querySelector('.tag')?.textContent).to.contain('演练 DRILL');
    expect(banner?.querySelector('.crawl')?.textContent).to.match(/^【演练 DRILL】/);
  });

  it('uses English labels for an English alert', async () => {
    manager.set(activeAlert({
      key: 'cap:e/1', level: 2, language: 'en-us',
      text: { event: 'Tornado Warning', headline: 'Tornado warning for the county', instruction: 'Take shelter now.', senderName: 'NWS' },
    }));
    await frame();
    const takeover = root().querySelector('.takeover');
    expect(takeover?.getAttribute('lang')).to.equal('en-US');
    expect(takeover?.querySelector('.level')?.textContent).to.contain('Orange alert');
    expect(takeover?.querySelector('.time')?.textContent).to.match(/^Issued /);
  });

  it('does not show an event that is only a code (11A01, EAN)', async () => {
    const base = activeAlert({ key: 'cap:c/1', level: 1, text: { headline: '地震预警', description: '请立即避险' } });
    manager.set({ ...base, alert: { ...base.alert, event: '11A01' } });
    await frame();
    expect(root().querySelector('.takeover .event')).to.equal(null);
    expect(root().querySelector('.takeover .headline')?.textContent).to.equal('地震预警');
  });

  it('reports bad options and keeps the defaults', () => {
    const warnings: string[] = [];
    const config = resolveAlertOverlayConfig(
      { minDisplayMs: -5, allowedKeys: ['Volume'] as never, tone: { gain: 3 }, alertVolume: 300, dismissKey: 'Enter', bogus: 1 } as never,
      (path) => warnings.push(path),
    );
    expect(warnings).to.deep.equal(['overlay.bogus', 'overlay.tone.gain', 'overlay.allowedKeys', 'overlay.minDisplayMs', 'overlay.alertVolume']);
    expect(config.minDisplayMs).to.equal(10_000);
    expect(config.allowedKeys).to.deep.equal(['AudioVolumeUp', 'AudioVolumeDown', 'Power']);
    expect(config.tone.gain).to.equal(0.4);
    expect(config.alertVolume).to.equal(70);
    expect(config.dismissKey).to.deep.equal(['Enter']);
  });
});
