// End to end, as QA checks the "done when": the built emulator served by the headend (with its
// /api/lineup, /api/ca-prompts and /api/guide.xml), samples/live-tv in the device frame on the real SDK, the
// emulator's cable box (simulated smart card, signal, tune log) driven through window.emulator, keys pressed
// on its remote. Texts checked on screen are the operator's, from the headend's /api/ca-prompts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startHeadend, type Headend } from '../../../apps/headend/server.js';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../..');
const webRoot = resolve(projectRoot, 'dist/web');

interface EmulatorApi {
  ready: Promise<void>;
  load(url: string): Promise<void>;
  press(key: string, options?: { holdMs?: number }): Promise<void>;
  tune(number: number): Promise<{ ok: boolean }>;
  tuneLog(): { ok: boolean; channel?: { number: number }; error?: string; zapMs?: number }[];
  setSignal(ok: boolean): Promise<void> | void;
  ca: {
    setCard(state: string): Promise<void> | void;
    entitle(productId: number): Promise<void> | void;
    revoke(productId: number): Promise<void> | void;
    fingerprint(durationMs?: number): Promise<void> | void;
  };
}
interface LiveTvState {
  channel?: { id: string; number: number; name: string; scrambled: boolean };
  status: string;
  failure?: { error: string; message: string; caCode?: string; caText?: string };
  lastZapMs?: number;
  zapCount: number;
  entryDigits: string;
  notice?: string;
  pinFor?: string;
  pinDialog: boolean;
  ca?: { prompt?: string; fingerprint?: string };
}
interface ParentalLike {
  setPin(pin: string, current?: string): Promise<{ status: string }>;
  lockChannel(id: string, pin: string): Promise<{ status: string }>;
  readonly settings: { lockedUntil?: number; failedAttempts: number; pinSet: boolean };
}
interface LiveTvHook {
  ready: Promise<void>;
  state(): LiveTvState;
  parental(): Promise<ParentalLike>;
}
/** The pages' globals, typed here rather than declared globally (another e2e test declares `emulator`). */
type EmulatorWindow = Window & { emulator: EmulatorApi };
type DeviceWindow = Window & { liveTv?: LiveTvHook };

const PIN = '2580';
const PIN_ATTEMPTS = 3;

describe('live TV end to end (built emulator and live-tv, headend, Chromium)', { timeout: 240_000 }, () => {
  let headend: Headend;
  let browser: Browser;
  let page: Page;
  let device: Frame;
  let appUrl = '';
  const errors: string[] = [];
  let prompts: Record<string, { code?: string; text: string }> = {};
  let lineup: { channels: { id: string; number: number; scrambled?: boolean; kind: string; ca?: { productIds?: number[] } }[] } = { channels: [] };

  // Page functions run in the emulator page; `em` is not in scope there, so each reads the global itself.
  const setCard = (card: string): Promise<void> => page.evaluate(async (c) => {
    await (window as unknown as EmulatorWindow).emulator.ca.setCard(c);
  }, card);
  const entitle = (productId: number): Promise<void> => page.evaluate(async (p) => {
    await (window as unknown as EmulatorWindow).emulator.ca.entitle(p);
  }, productId);
  const revoke = (productId: number): Promise<void> => page.evaluate(async (p) => {
    await (window as unknown as EmulatorWindow).emulator.ca.revoke(p);
  }, productId);
  const fingerprint = (durationMs: number): Promise<void> => page.evaluate(async (d) => {
    await (window as unknown as EmulatorWindow).emulator.ca.fingerprint(d);
  }, durationMs);
  const tunes = (): Promise<number> => page.evaluate(() => (window as unknown as EmulatorWindow).emulator.tuneLog().length);
  const state = (): Promise<LiveTvState> => device.evaluate(() => {
    const hook = (window as DeviceWindow).liveTv;
    if (!hook) throw new Error('live-tv is not running');
    return hook.state();
  });
  const press = async (...keys: string[]): Promise<void> => {
    for (const key of keys) await page.evaluate((k) => (window as unknown as EmulatorWindow).emulator.press(k), key);
  };

  async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Whether `text` is on screen in the device frame. The system UI layer keeps its content in a closed shadow
   * root (no app script and no DOM query can reach the fingerprint), so the page is read as DevTools sees it:
   * the frame's DOM with shadow roots pierced, then, for an element holding the text, whether it has a layout
   * box (rendered, not `display: none`) of some size and is neither `visibility: hidden` nor transparent.
   */
  async function visible(text: string): Promise<boolean> {
    interface DomNode { nodeId: number; nodeType: number; nodeValue?: string; documentURL?: string; parentId?: number; children?: DomNode[]; shadowRoots?: DomNode[]; contentDocument?: DomNode }
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true }) as { root: DomNode };
      const holders: number[] = [];
      const walk = (node: DomNode, inDevice: boolean): void => {
        const here = inDevice || (node.nodeType === 9 && node.documentURL === device.url());
        if (here && node.nodeType === 3 && node.nodeValue?.includes(text) && node.parentId !== undefined) holders.push(node.parentId);
        for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(child, here);
      };
      walk(root, false);
      for (const nodeId of holders) {
        const box = await cdp.send('DOM.getBoxModel', { nodeId }).catch(() => undefined);
        if (!box || box.model.width === 0 || box.model.height === 0) continue;
        const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId });
        const style = new Map(computedStyle.map((p) => [p.name, p.value]));
        if (style.get('visibility') !== 'hidden' && style.get('opacity') !== '0') return true;
      }
      return false;
    } finally {
      await cdp.detach();
    }
  }

  /** Types a channel number on the remote (three digits commit at once). */
  const typeNumber = (n: number): Promise<void> => press(...String(n).padStart(3, '0').split(''));

  /** The device frame after the emulator (re)loaded `url`. */
  async function loadDevice(url: string, marker: string): Promise<Frame> {
    await page.evaluate((u) => (window as unknown as EmulatorWindow).emulator.load(u), url);
    const frame = page.frames().find((f) => f.url().includes(marker));
    assert.ok(frame, `the device frame runs ${marker}`);
    return frame;
  }

  async function startLiveTv(): Promise<void> {
    device = await loadDevice(appUrl, '/samples/live-tv/');
    await device.waitForFunction(() => (window as DeviceWindow).liveTv !== undefined);
    await device.evaluate(() => (window as DeviceWindow).liveTv?.ready);
  }

  before(async () => {
    assert.ok(existsSync(resolve(webRoot, 'samples/live-tv/index.html')), 'run "npm run build" first');
    headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot });
    prompts = await (await fetch(`${headend.url}/api/ca-prompts`)).json() as typeof prompts;
    lineup = await (await fetch(`${headend.url}/api/lineup`)).json() as typeof lineup;
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        '--autoplay-policy=no-user-gesture-required'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
    appUrl = `/samples/live-tv/index.html?db=e2e-${String(Date.now())}&pinAttempts=${String(PIN_ATTEMPTS)}`;
    await page.goto(`${headend.url}/?app=${encodeURIComponent(appUrl)}`);
    await page.evaluate(() => (window as unknown as EmulatorWindow).emulator.ready);
    await startLiveTv();
  });

  after(async () => {
    await browser.close();
    await headend.close();
  });

  const scrambled = (): { id: string; number: number; productIds: number[] } => {
    const c = lineup.channels.find((ch) => ch.scrambled && ch.kind === 'tv' && (ch.ca?.productIds?.length ?? 0) > 0);
    assert.ok(c, 'the headend lineup has a scrambled TV channel with products');
    return { id: c.id, number: c.number, productIds: c.ca?.productIds ?? [] };
  };
  const clear = (index: number): { id: string; number: number } => {
    const c = lineup.channels.filter((ch) => !ch.scrambled && ch.kind === 'tv')[index];
    assert.ok(c, 'the headend lineup has clear TV channels');
    return c;
  };

  it('starts on a clear channel and presents it, with the zap time measured', async () => {
    const s = await until(state, (v) => v.status === 'presenting', 'the first channel on screen');
    assert.ok(s.channel);
    assert.equal(typeof s.lastZapMs, 'number');
    assert.deepEqual(errors, []);
  });

  it('with the card removed, a scrambled channel shows the operator\'s prompt and a clear channel plays', async () => {
    const noCard = prompts.noCard;
    assert.ok(noCard, '/api/ca-prompts configures noCard');
    await setCard('absent');
    const pay = scrambled();
    await typeNumber(pay.number);
    const blocked = await until(state, (v) => v.channel?.number === pay.number && v.status === 'blocked', `channel ${String(pay.number)} blocked`);
    assert.equal(blocked.failure?.caText, noCard.text);
    assert.equal(blocked.failure.caCode, noCard.code);
    await until(() => visible(noCard.text), Boolean, `"${noCard.text}" on screen`);
    if (noCard.code) assert.ok(await visible(noCard.code), `${noCard.code} on screen`);

    const free = clear(1);
    await typeNumber(free.number);
    const playing = await until(state, (v) => v.channel?.number === free.number && v.status === 'presenting', `channel ${String(free.number)} playing`);
    assert.equal(typeof playing.lastZapMs, 'number');
    await until(() => visible(noCard.text).then((v) => !v), Boolean, 'the prompt gone on the clear channel');
  });

  it('entitling the product makes the scrambled channel play without tuning again', async () => {
    const pay = scrambled();
    await setCard('ready');
    for (const id of pay.productIds) await revoke(id);
    await typeNumber(pay.number);
    const blocked = await until(state, (v) => v.channel?.number === pay.number && v.status === 'blocked', 'blocked: not entitled');
    assert.equal(blocked.failure?.error, 'notEntitled');
    const entitledText = prompts.notEntitled?.text;
    if (entitledText) await until(() => visible(entitledText), Boolean, `"${entitledText}" on screen`);
    const zapsBefore = blocked.zapCount;
    const tunesBefore = await tunes();

    await entitle(pay.productIds[0] ?? 0);
    const playing = await until(state, (v) => v.status === 'presenting', 'the scrambled channel descrambled');
    assert.equal(playing.channel?.number, pay.number);
    assert.equal(playing.zapCount, zapsBefore, 'no new zap: the same service was descrambled');
    assert.equal(await tunes(), tunesBefore, 'the box was not asked to tune again');
    if (entitledText) assert.equal(await visible(entitledText), false);
  });

  it('a fingerprint stays visible through Back, Exit and an app switch', async () => {
    await fingerprint(120_000);
    const { ca } = await until(state, (v) => v.ca?.fingerprint !== undefined, 'the fingerprint in the CA view');
    const text = ca?.fingerprint ?? '';
    await until(() => visible(text), Boolean, `fingerprint "${text}" on screen`);
    await press('BrowserBack');
    assert.ok(await visible(text), 'after Back');
    await press('Exit');
    assert.ok(await visible(text), 'after Exit');
    // Another app on the box, then live TV again: the box replays what its CA still shows.
    await loadDevice('/samples/epg-grid/', '/samples/epg-grid/');
    await startLiveTv();
    await until(() => visible(text), Boolean, 'the fingerprint after switching apps and back');
  });

  it('says "无信号 No signal" while the cable is out, and plays again when it is back', async () => {
    const free = clear(2);
    await typeNumber(free.number);
    await until(state, (v) => v.channel?.number === free.number && v.status === 'presenting', 'a clear channel');
    await page.evaluate(() => (window as unknown as EmulatorWindow).emulator.setSignal(false));
    const lost = await until(state, (v) => v.status === 'failed', 'the signal loss');
    assert.equal(lost.failure?.error, 'noSignal');
    // The notice is drawn by the app's Lightning stage (WebGL), so it is read from the app's state.
    assert.match(lost.notice ?? '', /^无信号 No signal/);
    await page.evaluate(() => (window as unknown as EmulatorWindow).emulator.setSignal(true));
    const back = await until(state, (v) => v.channel?.number === free.number && v.status === 'presenting', 'the channel back');
    assert.equal(back.notice, undefined);
  });

  it('a locked channel asks for the PIN, plays after the right one, and locks out after the configured failures', async () => {
    const locked = clear(4);
    const set = await device.evaluate(async ([pin, id]) => {
      const parental = await (window as DeviceWindow).liveTv?.parental();
      if (!parental) throw new Error('no parental control');
      if (!parental.settings.pinSet) await parental.setPin(pin);
      return (await parental.lockChannel(id, pin)).status;
    }, [PIN, locked.id] as const);
    assert.equal(set, 'correct');

    await typeNumber(locked.number);
    await until(state, (v) => v.channel?.number === locked.number && v.status === 'blocked' && v.pinDialog, 'the PIN dialog');
    await press(...PIN.split(''), 'Enter');
    await until(state, (v) => v.channel?.number === locked.number && v.status === 'presenting', 'the channel after the right PIN');

    // Away and back: the unlock ended with the zap, the PIN is asked again.
    await typeNumber(clear(0).number);
    await until(state, (v) => v.channel?.number === clear(0).number && v.status === 'presenting', 'away');
    await typeNumber(locked.number);
    await until(state, (v) => v.channel?.number === locked.number && v.pinDialog, 'the PIN dialog again');
    const settings = (): Promise<{ failedAttempts: number; lockedUntil?: number }> => device.evaluate(async () => {
      const parental = await (window as DeviceWindow).liveTv?.parental();
      if (!parental) throw new Error('no parental control');
      return { ...parental.settings };
    });
    assert.equal((await settings()).failedAttempts, 0, 'the right PIN reset the count');
    for (let i = 1; i <= PIN_ATTEMPTS; i++) {
      await press('0', '0', '0', '0', 'Enter');
      await until(settings, (v) => v.failedAttempts === i, `wrong PIN ${String(i)} counted`, 5000);
    }
    const lockedOut = await until(settings, (v) => v.lockedUntil !== undefined, 'the lock-out');
    assert.ok((lockedOut.lockedUntil ?? 0) > Date.now());
    // The dialog says until when, in the viewer's words.
    await until(() => visible('已锁定至'), Boolean, 'the lock-out on screen', 5000);
    const s = await state();
    assert.equal(s.status, 'blocked');
    assert.equal(s.failure?.error, 'parentalLock');
  });
});
