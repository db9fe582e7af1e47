// End to end, as QA uses it: the built emulator served by the headend, driven through window.emulator in
// Debian's headless Chromium, with samples/hello-remote in the device frame using the real SDK.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHeadend, type Headend } from '../../../apps/headend/server.js';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../..');
const webRoot = resolve(projectRoot, 'dist/web');

interface LoggedKey { key: string; raw: number; kind: string }
interface EmulatorApi {
  ready: Promise<void>;
  setProfile(id: string): Promise<void>;
  press(key: string, options?: { holdMs?: number }): Promise<void>;
  keyLog(): LoggedKey[];
  clearKeyLog(): void;
  load(url: string): Promise<void>;
}
declare global {
  interface Window { emulator: EmulatorApi }
}

describe('emulator automation API (built app, headend, Chromium)', { timeout: 180_000 }, () => {
  let headend: Headend;
  let browser: Browser;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(resolve(webRoot, 'apps/emulator/index.html')), 'run "npm run build" first');
    headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot });
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${headend.url}/?app=/samples/hello-remote/`);
    await page.evaluate(() => window.emulator.ready);
    assert.deepEqual(errors, []);
  });
  after(async () => {
    await browser.close();
    await headend.close();
  });

  const cases: Array<[string, Array<[string, number]>]> = [
    ['keyboard', [['ArrowRight', 39], ['BrowserBack', 8], ['ColorF0Red', 82], ['5', 53]]],
    ['hbbtv', [['ArrowRight', 39], ['BrowserBack', 461], ['ColorF1Green', 404], ['MediaPlayPause', 402]]],
    ['tizen', [['ArrowRight', 39], ['BrowserBack', 10009], ['ColorF2Yellow', 405], ['ChannelUp', 427]]],
    ['webos', [['ArrowDown', 40], ['BrowserBack', 461], ['ColorF3Blue', 406], ['ChannelDown', 34]]],
    ['cn-iptv', [['ArrowLeft', 0x25], ['BrowserBack', 0x08], ['ColorF0Red', 0x113], ['ChannelUp', 0x101]]],
    ['ipanel', [['ArrowUp', 1], ['BrowserBack', 340], ['ColorF1Green', 833], ['Exit', 339]]],
  ];
  for (const [profile, presses] of cases) {
    it(`normalizes the ${profile} remote's real codes in hello-remote`, async () => {
      await page.evaluate((id) => window.emulator.setProfile(id), profile);
      await page.evaluate(() => window.emulator.clearKeyLog());
      for (const [key] of presses) await page.evaluate((k) => window.emulator.press(k), key);
      if (profile === 'ipanel') await page.waitForTimeout(700); // no keyup: the SDK infers the last release
      const log = await page.evaluate(() => window.emulator.keyLog());
      const downs = log.filter((e) => e.kind === 'down').map((e) => [e.key, e.raw]);
      assert.deepEqual(downs, presses);
      assert.equal(log.filter((e) => e.kind === 'up').length, presses.length, 'every press ends with up');
    });
  }

  it('yields long for a held key, on a box that repeats and on one that sends no keyup', async () => {
    for (const profile of ['tizen', 'ipanel']) {
      await page.evaluate((id) => window.emulator.setProfile(id), profile);
      await page.evaluate(() => window.emulator.clearKeyLog());
      await page.evaluate(() => window.emulator.press('Enter', { holdMs: 1200 }));
      await page.waitForTimeout(700); // ipanel: the release is inferred after repeats stop
      const kinds = (await page.evaluate(() => window.emulator.keyLog())).map((e) => e.kind);
      assert.equal(kinds[0], 'down', profile);
      assert.ok(kinds.includes('repeat'), `${profile}: ${kinds.join(',')}`);
      assert.equal(kinds.filter((k) => k === 'long').length, 1, `${profile}: ${kinds.join(',')}`);
      assert.equal(kinds.at(-1), 'up', `${profile}: ${kinds.join(',')}`);
    }
  });

  it('rejects an unknown key or profile with a clear error', async () => {
    await assert.rejects(page.evaluate(() => window.emulator.press('OK')), /OK/);
    await assert.rejects(page.evaluate(() => window.emulator.setProfile('sky-q')), /sky-q/);
  });
});
