import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import { mountSystemUi, YiwangOsdCrawl, type OsdDoneDetail, type SystemUi } from '../../../sdk/overlays/index.js';
import {
  caFixture, CARD_ID, frame, inLayer, keyboardPlatform, layerRoot, must, SCRAMBLED, sleep, textOf, until, type CaFixture,
} from './support/system-ui-support.js';

describe('system UI: what the CA session wants on screen', () => {
  let fixture: CaFixture;
  let ui: SystemUi;

  beforeEach(() => {
    fixture = caFixture();
    // Fast crawls: a message crosses the screen in well under a second.
    ui = mountSystemUi({ ca: fixture.ca, platform: keyboardPlatform(), crawlPixelsPerSecond: 12_000 });
  });

  afterEach(() => {
    ui.unmount();
    fixture.close();
  });

  it('shows the operator’s display code and text when the card is out, as an ARIA alert, and clears it', async () => {
    fixture.card.setCard('absent');
    await fixture.ca.startService(SCRAMBLED);
    await until(() => textOf(ui, 'yiwang-ca-prompt', '.box') !== '', 'the prompt');
    expect(textOf(ui, 'yiwang-ca-prompt', '.box')).to.equal('E04 请插入智能卡');
    const live = must(inLayer(ui, 'yiwang-ca-prompt', '[role="alert"]'), 'live region');
    expect(live.getAttribute('aria-live')).to.equal('assertive');
    expect(live.textContent).to.contain('请插入智能卡');
    // Centred on screen, inside the layer shown in the top layer.
    const box = must(inLayer(ui, 'yiwang-ca-prompt', '.box')).getBoundingClientRect();
    expect(Math.abs(box.left + box.width / 2 - innerWidth / 2)).to.be.lessThan(2);
    expect(Math.abs(box.top + box.height / 2 - innerHeight / 2)).to.be.lessThan(2);
    expect(must(layerRoot(ui).querySelector('dialog')).matches(':popover-open')).to.equal(true);

    fixture.card.setCard('ready');
    fixture.card.entitle(7);
    await until(() => textOf(ui, 'yiwang-ca-prompt', '.box') === '', 'the prompt to clear');
    // Nothing left to show: the layer leaves the top layer.
    await frame();
    expect(must(layerRoot(ui).querySelector('dialog')).matches(':popover-open')).to.equal(false);
  });

  it('uses the CJK font stack and 1080-line units that scale with the viewport', async () => {
    // A prompt not tied to an ECM shows only while a scrambled service runs: run one the card may descramble.
    fixture.card.entitle(7);
    await fixture.ca.startService(SCRAMBLED);
    fixture.card.sendPrompt(0x03);
    await until(() => textOf(ui, 'yiwang-ca-prompt', '.box') !== '', 'the prompt');
    const host = getComputedStyle(ui.element);
    expect(host.fontFamily).to.match(/^"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif$/);
    const box = must(inLayer(ui, 'yiwang-ca-prompt', '.box'));
    const unit = Math.min(innerWidth / 1920, innerHeight / 1080);
    expect(parseFloat(getComputedStyle(box).fontSize)).to.be.closeTo(44 * unit, 0.5);
  });

  for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
    it(`lays out for ${width}×${height} inside the action-safe area`, async () => {
      const previous = { width: innerWidth, height: innerHeight };
      await setViewport({ width, height });
      try {
        // A prompt not tied to an ECM shows only while a scrambled service runs: run one the card may descramble.
        fixture.card.entitle(7);
        await fixture.ca.startService(SCRAMBLED);
        fixture.card.sendPrompt(0x03);
        fixture.card.sendMail({ title: '欢迎', body: '欢迎使用一网。' });
        fixture.card.sendOsd('底部滚动通知', 'bottom');
        await until(() => textOf(ui, 'yiwang-ca-prompt', '.box') !== '' && inLayer(ui, 'yiwang-mail-icon', '.icon') !== null, 'prompt and mail icon');
        await frame();
        const unit = height / 1080;
        const box = must(inLayer(ui, 'yiwang-ca-prompt', '.box'));
        expect(parseFloat(getComputedStyle(box).fontSize)).to.be.closeTo(44 * unit, 0.5);
        const safe = { left: width * 0.05 - 1, right: width * 0.95 + 1, top: height * 0.05 - 1, bottom: height * 0.95 + 1 };
        for (const [what, el] of [['mail icon', inLayer(ui, 'yiwang-mail-icon', '.icon')], ['prompt', box],
          ['bottom crawl', inLayer(ui, 'yiwang-osd-crawl[position="bottom"]', '.strip')]] as const) {
          const r = must(el, what).getBoundingClientRect();
          expect(r.top, `${what} top`).to.be.at.least(safe.top);
          expect(r.bottom, `${what} bottom`).to.be.at.most(safe.bottom);
          if (what !== 'bottom crawl') {
            expect(r.left, `${what} left`).to.be.at.least(safe.left);
            expect(r.right, `${what} right`).to.be.at.most(safe.right);
          }
        }
      } finally {
        await setViewport(previous);
      }
    });
  }

  it('runs top and bottom crawls side by side, each queue in turn, and reports each message done after its loops', async () => {
    const done: string[] = [];
    const osdDone = fixture.ca.osdDone.bind(fixture.ca);
    fixture.ca.osdDone = (position, id) => {
      done.push(`${position}:${id}`);
      osdDone(position, id);
    };
    fixture.card.sendOsd('第一条 顶部滚动通知', 'top', { loops: 1 });
    fixture.card.sendOsd('第二条 顶部滚动通知', 'top', { loops: 2 });
    fixture.card.sendOsd('底部滚动通知', 'bottom', { loops: 1 });
    await until(() => textOf(ui, 'yiwang-osd-crawl[position="top"]', '.text') !== '', 'the top crawl');
    expect(textOf(ui, 'yiwang-osd-crawl[position="top"]', '.text')).to.equal('第一条 顶部滚动通知');
    expect(textOf(ui, 'yiwang-osd-crawl[position="bottom"]', '.text')).to.equal('底部滚动通知');
    const top = must(inLayer(ui, 'yiwang-osd-crawl[position="top"]', '.strip')).getBoundingClientRect();
    const bottom = must(inLayer(ui, 'yiwang-osd-crawl[position="bottom"]', '.strip')).getBoundingClientRect();
    expect(top.top).to.be.lessThan(innerHeight / 4);
    expect(bottom.bottom).to.be.greaterThan(innerHeight * 3 / 4);
    // It moves right to left.
    const text = must(inLayer(ui, 'yiwang-osd-crawl[position="top"]', '.text'));
    const x0 = text.getBoundingClientRect().left;
    await frame();
    await frame();
    expect(text.getBoundingClientRect().left).to.be.lessThan(x0);

    const firstTop = must(fixture.ca.view.osd.top).id;
    const bottomId = must(fixture.ca.view.osd.bottom).id;
    await until(() => textOf(ui, 'yiwang-osd-crawl[position="top"]', '.text') === '第二条 顶部滚动通知', 'the second top message');
    const secondTop = must(fixture.ca.view.osd.top).id;
    await until(() => done.length === 3, 'three messages done');
    // Each position's queue in order (the bottom one runs alongside and may end at any point between).
    expect(done.filter((d) => d.startsWith('top:'))).to.deep.equal([`top:${firstTop}`, `top:${secondTop}`]);
    expect(done.filter((d) => d.startsWith('bottom:'))).to.deep.equal([`bottom:${bottomId}`]);
    await until(() => inLayer(ui, 'yiwang-osd-crawl[position="top"]', '.strip') === null, 'the top strip to go');
  });

  it('keeps a crawl without loops running until the CA hides it', async () => {
    const done: string[] = [];
    const osdDone = fixture.ca.osdDone.bind(fixture.ca);
    fixture.ca.osdDone = (position, id) => {
      done.push(`${position}:${id}`);
      osdDone(position, id);
    };
    fixture.card.sendOsd('一直滚动的通知', 'bottom');
    await until(() => textOf(ui, 'yiwang-osd-crawl[position="bottom"]', '.text') !== '', 'the crawl');
    // At 12 000 px/s one crossing takes a fraction of a second; several pass here.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const crawl = inLayer(ui, 'yiwang-osd-crawl[position="bottom"]');
    if (!(crawl instanceof YiwangOsdCrawl)) throw new Error('no bottom crawl');
    expect(crawl.crossings).to.be.greaterThan(1);
    expect(done).to.deep.equal([]);
    fixture.card.hideOsd('bottom');
    await until(() => inLayer(ui, 'yiwang-osd-crawl[position="bottom"]', '.strip') === null, 'the crawl to go');
    expect(done).to.deep.equal([]);
  });

  it('shows full- and half-screen panels for their duration, then reports them done', async () => {
    fixture.card.sendOsd('尊敬的用户：系统将于今晚升级。', 'full', { durationMs: 150 });
    fixture.card.sendOsd('半屏通知', 'half', { durationMs: 100 });
    await until(() => textOf(ui, 'yiwang-osd-panel[position="full"]', '.panel') !== '', 'the full panel');
    expect(textOf(ui, 'yiwang-osd-panel[position="full"]', '.panel')).to.equal('尊敬的用户：系统将于今晚升级。');
    expect(textOf(ui, 'yiwang-osd-panel[position="half"]', '.panel')).to.equal('半屏通知');
    const full = must(inLayer(ui, 'yiwang-osd-panel[position="full"]', '.panel')).getBoundingClientRect();
    const half = must(inLayer(ui, 'yiwang-osd-panel[position="half"]', '.panel')).getBoundingClientRect();
    expect(full.width * full.height).to.be.greaterThan(innerWidth * innerHeight * 0.7);
    expect(half.top).to.be.greaterThan(innerHeight * 0.45);
    await until(() => fixture.ca.view.osd.full === undefined && fixture.ca.view.osd.half === undefined, 'the session to be told');
    await until(() => inLayer(ui, 'yiwang-osd-panel[position="full"]', '.panel') === null, 'the full panel to go');
  });

  it('keeps a crawl running when the layer is moved or put back after removal, and reports it done', async () => {
    const done: string[] = [];
    const osdDone = fixture.ca.osdDone.bind(fixture.ca);
    fixture.ca.osdDone = (position, id) => {
      done.push(`${position}:${id}`);
      osdDone(position, id);
    };
    fixture.card.sendOsd('移动中的滚动通知', 'top', { loops: 4 });
    await until(() => textOf(ui, 'yiwang-osd-crawl[position="top"]', '.text') !== '', 'the crawl');
    const id = must(fixture.ca.view.osd.top).id;
    const text = must(inLayer(ui, 'yiwang-osd-crawl[position="top"]', '.text'));
    const moving = async (what: string): Promise<void> => {
      const x0 = text.getBoundingClientRect().left;
      await frame();
      await frame();
      expect(text.getBoundingClientRect().left, what).to.not.equal(x0);
    };
    await moving('before');
    const html = document.documentElement;
    const host = ui.element;
    // An app moving it (the stack moves it back: both with moveBefore, which reconnects parts lacking
    // connectedMoveCallback)...
    (html as Element & { moveBefore(node: Node, child: Node | null): void }).moveBefore(host, html.firstElementChild);
    await frame();
    await moving('after a move');
    // ...and removing it (put back with insertBefore).
    host.remove();
    await until(() => host.parentElement === html, 'the layer back');
    await moving('after removal');
    await until(() => done.length > 0, 'the crawl done');
    expect(done).to.deep.equal([`top:${id}`]);
  });

  it('times a panel only while it is in the document; a move changes nothing', async () => {
    fixture.card.sendOsd('面板通知', 'half', { durationMs: 200 });
    await until(() => fixture.ca.view.osd.half !== undefined, 'the half panel message');
    const osd = must(fixture.ca.view.osd.half);
    // The part on its own: the CA session times the message too and would hide it first.
    const panel = document.createElement('yiwang-osd-panel');
    panel.position = 'half';
    const done: number[] = [];
    panel.addEventListener('yiwang-osd-done', (e) => done.push((e as CustomEvent<OsdDoneDetail>).detail.id));
    const box = document.createElement('div');
    document.body.append(box, panel);
    try {
      panel.osd = osd;
      await sleep(100);
      (document.body as Element & { moveBefore(node: Node, child: Node | null): void }).moveBefore(panel, box);
      panel.remove();
      await sleep(300);
      expect(done, 'while out of the document').to.deep.equal([]);
      const back = performance.now();
      document.body.append(panel);
      await until(() => done.length > 0, 'the panel done');
      expect(done).to.deep.equal([osd.id]);
      // About the 100 ms it had left (not the whole 200 again).
      expect(performance.now() - back).to.be.within(60, 190);
    } finally {
      panel.remove();
      box.remove();
    }
  });

  it('shows the fingerprint with the card id, the mail icon (blinking when full), upgrade progress and the feed request', async () => {
    fixture.card.fingerprint();
    fixture.card.sendMail({ title: '欢迎', body: '欢迎使用一网。' });
    fixture.card.requestFeed(1);
    await until(() => textOf(ui, 'yiwang-fingerprint-mark', '.mark') === CARD_ID, 'the fingerprint');
    const icon = must(inLayer(ui, 'yiwang-mail-icon', '.icon'));
    expect(icon.getAttribute('aria-label')).to.equal('您有新邮件');
    expect(getComputedStyle(icon).animationName).to.equal('none');
    const corner = icon.getBoundingClientRect();
    expect(corner.right).to.be.greaterThan(innerWidth * 0.85);
    expect(corner.top).to.be.lessThan(innerHeight * 0.15);
    expect(textOf(ui, 'yiwang-feed-notice', '.notice')).to.contain('请插入母卡');

    for (let i = 0; i < 100; i++) fixture.card.sendMail({ title: `通知 ${i}`, body: '…' });
    await until(() => inLayer(ui, 'yiwang-mail-icon', '.icon.full') !== null, 'the full mailbox icon');
    expect(getComputedStyle(must(inLayer(ui, 'yiwang-mail-icon', '.icon'))).animationName).to.equal('yiwang-blink');

    // A card whose upgrade steps are slow enough to watch.
    const slow = caFixture({ upgradeStepMs: 40 });
    const watching = mountSystemUi({ ca: slow.ca });
    expect(watching).to.equal(ui);
    ui.unmount();
    ui = mountSystemUi({ ca: slow.ca, platform: keyboardPlatform() });
    const seen = new Set<string>();
    const upgrading = slow.card.upgrade();
    await until(() => {
      const text = textOf(ui, 'yiwang-upgrade-strip', '.strip');
      if (text) seen.add(text.includes('接收') ? 'receiving' : 'patching');
      return seen.has('patching');
    }, 'upgrade progress');
    await upgrading;
    slow.close();
    expect([...seen]).to.deep.equal(['receiving', 'patching']);
    await until(() => inLayer(ui, 'yiwang-upgrade-strip', '.strip') === null, 'the strip to go');
  });
});
