// End to end, as QA uses it: the built emulator served by the headend, samples/alert-demo in the device
// frame, alerts sent through the emulator's automation API to POST /api/alerts, published on the embedded
// MQTT broker, received by the demo's connectAlertDelivery, shown by the SDK's overlay (force-tuning the
// emulator's simulated tuner), and cancelled the same way. All messages are made up.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startHeadend, type Headend } from '../../../apps/headend/server.js';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../..');
const webRoot = resolve(projectRoot, 'dist/web');

interface Channel { number?: number }
interface EmulatorApi {
  ready: Promise<void>;
  load(url: string): Promise<void>;
  alerts: { send(message: string): Promise<{ status: number; body: { key?: string } }> };
  tuner(): { channel?: Channel; volume: number; muted: boolean };
}
interface DemoState {
  region: string;
  overlay: string;
  delivery: string;
  active: { key: string; level: number }[];
}
/** The page's globals, typed here rather than declared globally (the other e2e test declares `emulator`). */
interface EmulatorWindow { emulator: EmulatorApi }
type DeviceWindow = Window & { alertDemo?: { ready: Promise<void>; state(): DemoState } };

const pad = (n: number): string => String(n).padStart(2, '0');
/** EB platform time: Beijing, no zone. */
function ebTime(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function ebd(ebmId: string, msgType: 1 | 2, body: string, related = ''): string {
  const now = Date.now();
  return `<?xml version="1.0" encoding="UTF-8"?>
<EBD><EBDVersion>1</EBDVersion><EBDID>01110105${ebmId.slice(-8)}</EBDID><EBDType>EBM</EBDType>
<SRC><EBRID>110105000000000000001</EBRID></SRC><EBDTime>${ebTime(now)}</EBDTime>
<EBM><EBMVersion>1</EBMVersion><EBMID>${ebmId}</EBMID>${related}
<MsgBasicInfo><MsgType>${msgType}</MsgType><SenderName>端到端测试平台</SenderName><SenderCode>110105000000000000001</SenderCode>
<SendTime>${ebTime(now)}</SendTime><EventType>11B06</EventType><Severity>1</Severity><StartTime>${ebTime(now)}</StartTime>
<EndTime>${ebTime(now + 1_800_000)}</EndTime></MsgBasicInfo>${body}</EBM></EBD>`;
}

describe('alerts end to end (built emulator and alert-demo, headend, MQTT, Chromium)', { timeout: 180_000 }, () => {
  let headend: Headend;
  let browser: Browser;
  let page: Page;
  let device: Frame;

  const demo = (): Promise<DemoState> => device.evaluate(() => {
    const hook = (window as DeviceWindow).alertDemo;
    if (!hook) throw new Error('alert-demo is not running');
    return hook.state();
  });
  const tuner = (): Promise<ReturnType<EmulatorApi['tuner']>> => page.evaluate(() => (window as unknown as EmulatorWindow).emulator.tuner());
  const send = (xml: string): ReturnType<EmulatorApi['alerts']['send']> =>
    page.evaluate((m) => (window as unknown as EmulatorWindow).emulator.alerts.send(m), xml);

  async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  before(async () => {
    assert.ok(existsSync(resolve(webRoot, 'samples/alert-demo/index.html')), 'run "npm run build" first');
    headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot });
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        '--autoplay-policy=no-user-gesture-required'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const app = encodeURIComponent(`/samples/alert-demo/index.html?db=e2e-${Date.now()}`);
    await page.goto(`${headend.url}/?app=${app}&region=110105`);
    await page.evaluate(() => (window as unknown as EmulatorWindow).emulator.ready);
    const frame = page.frames().find((f) => f.url().includes('/samples/alert-demo/'));
    assert.ok(frame, 'the device frame runs alert-demo');
    device = frame;
    await device.evaluate(() => (window as DeviceWindow).alertDemo?.ready);
    assert.deepEqual(errors, []);
    appUrl = decodeURIComponent(app);
  });
  let appUrl = '';

  /** The device frame after (re)loading: the emulator replaces the frame on every load. */
  async function reloadDevice(): Promise<void> {
    await page.evaluate((u) => (window as unknown as EmulatorWindow).emulator.load(u), appUrl);
    const frame = page.frames().find((f) => f.url().includes('/samples/alert-demo/'));
    assert.ok(frame, 'the device frame runs alert-demo again');
    device = frame;
    await device.evaluate(() => (window as DeviceWindow).alertDemo?.ready);
  }

  after(async () => {
    await browser.close();
    await headend.close();
  });

  it('the demo takes the emulator\'s region and connects to the headend\'s broker', async () => {
    const state = await until(demo, (s) => s.delivery === 'connected', 'the MQTT connection');
    assert.equal(state.region, '110105');
    assert.equal(state.overlay, 'none');
  });

  it('a level-1 alert sent through the headend takes over and force-tunes; its cancel ends it and tunes back', async () => {
    const id = `11010500000000000000000${ebTime(Date.now()).slice(0, 10).replace(/-/g, '')}0001`;
    const red = ebd(id, 1, `<MsgContent><LanguageCode>zho</LanguageCode><MsgTitle>端到端红色预警</MsgTitle>
<MsgDesc>这是端到端测试。</MsgDesc><AreaCode>110105000000</AreaCode><ProgramNum>99</ProgramNum></MsgContent>`);
    const sent = await send(red);
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    assert.equal(sent.body.key, `ebm:${id}`);

    const shown = await until(demo, (s) => s.overlay === 'takeover', 'the takeover');
    assert.deepEqual(shown.active.map((a) => [a.key, a.level]), [[`ebm:${id}`, 1]]);
    await until(tuner, (t) => t.channel?.number === 99, 'the force-tune to 99');

    const cancel = ebd(`${id.slice(0, -4)}0002`, 2, '', `<RelatedInfo><EBMID>${id}</EBMID></RelatedInfo>`);
    assert.equal((await send(cancel)).status, 202);
    await until(demo, (s) => s.overlay === 'none' && s.active.length === 0, 'the cancel');
    const after = await until(tuner, (t) => t.channel?.number === 1, 'the return to 1');
    assert.equal(after.volume, 30, 'the volume the alert raised is restored');
  });

  it('an alert for another region is not shown', async () => {
    const id = `44030500000000000000000${ebTime(Date.now()).slice(0, 10).replace(/-/g, '')}0003`;
    const elsewhere = ebd(id, 1, `<MsgContent><LanguageCode>zho</LanguageCode><MsgTitle>深圳红色预警</MsgTitle>
<MsgDesc>只发给深圳。</MsgDesc><AreaCode>440305000000</AreaCode></MsgContent>`);
    assert.equal((await send(elsewhere)).status, 202);
    await new Promise((r) => setTimeout(r, 1500)); // well past the sub-second delivery this region gets
    const state = await demo();
    assert.equal(state.overlay, 'none');
    assert.deepEqual(state.active, []);
  });

  it('a level-1 alert is still on screen after the device page reloads', async () => {
    const id = `11010500000000000000000${ebTime(Date.now()).slice(0, 10).replace(/-/g, '')}0004`;
    const red = ebd(id, 1, `<MsgContent><LanguageCode>zho</LanguageCode><MsgTitle>重启后仍显示</MsgTitle>
<MsgDesc>重新加载后应仍在屏幕上。</MsgDesc><AreaCode>110105000000</AreaCode></MsgContent>`);
    assert.equal((await send(red)).status, 202);
    await until(demo, (s) => s.overlay === 'takeover', 'the takeover'); // how fast: npm run bench (alerts)
    await reloadDevice();
    const restored = await until(demo, (s) => s.overlay === 'takeover', 'the takeover after the reload', 5_000);
    assert.deepEqual(restored.active.map((a) => a.key), [`ebm:${id}`]);
    const cancel = ebd(`${id.slice(0, -4)}0005`, 2, '', `<RelatedInfo><EBMID>${id}</EBMID></RelatedInfo>`);
    assert.equal((await send(cancel)).status, 202);
    await until(demo, (s) => s.overlay === 'none', 'the cancel');
  });
});
