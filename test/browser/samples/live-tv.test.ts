import { expect } from '@esm-bundle/chai';
import { Subject } from 'rxjs';
import type { AlertInput, KnownKeyName } from '../../../sdk/index.js';
import { sampleAlert } from '../../../samples/alert-demo/sample-alerts.js';
import { startLiveTv, type LiveTvHandle, type LiveTvOptions, type LiveTvState } from '../../../samples/live-tv/app.js';
import { testPlatform, type TestPlatform } from '../keys/test-platform.js';

// The app runs on a test box (keys on a private target, the desktop keyboard profile) with no player or CA
// of its own: it falls back to the SDK's HTML5 player drawing the test card, and has no CA session. The
// lineup is the headend's sample file; the test server serves JSON as a JavaScript module
// (web-test-runner.config.mjs), so it is imported and handed to the app as a blob: URL of its text.
const LINEUP_PATH = '/apps/headend/live/lineup.json';
let lineupUrl = '';

before(async () => {
  const json = ((await import(LINEUP_PATH)) as { default: unknown }).default;
  lineupUrl = URL.createObjectURL(new Blob([JSON.stringify(json)], { type: 'application/json' }));
});

const pad = (n: number): string => String(n).padStart(2, '0');
function xmltvTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear())}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00 +0000`;
}

/** A guide with one programme on air now and one next on CCTV-1 (guide id = the lineup's triplet id). */
function guideUrl(now: number): string {
  const start = now - 10 * 60_000;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><tv>
<channel id="8888.1.101"><display-name lang="zh">CCTV-1 综合</display-name></channel>
<programme channel="8888.1.101" start="${xmltvTime(start)}" stop="${xmltvTime(start + 30 * 60_000)}"><title lang="zh">新闻联播</title></programme>
<programme channel="8888.1.101" start="${xmltvTime(start + 30 * 60_000)}" stop="${xmltvTime(start + 60 * 60_000)}"><title lang="zh">焦点访谈</title></programme>
</tv>`;
  return URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
}

async function until<T>(read: () => T, ok: (value: T) => boolean, what: string, timeoutMs = 8000): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (ok(value)) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('samples/live-tv', function () {
  this.timeout(30_000);
  let box: TestPlatform;
  let handle: LiveTvHandle | undefined;
  let db = '';

  function press(key: KnownKeyName): void {
    box.send('keydown', key);
    box.send('keyup', key);
  }

  async function start(options: LiveTvOptions = {}): Promise<LiveTvHandle> {
    handle = startLiveTv(document.body, {
      platform: box, dbPrefix: db, lineupUrl, caPromptsUrl: false, guideUrl: false, alertDeliveryUrl: false, ...options,
    });
    await handle.ready;
    return handle;
  }

  const presenting = (app: LiveTvHandle, number: number): Promise<LiveTvState> =>
    until(() => app.state(), (s) => s.channel?.number === number && s.status === 'presenting', `channel ${String(number)} on screen`);

  beforeEach(() => {
    box = testPlatform('keyboard');
    db = `live-tv-test-${String(Date.now())}-${String(Math.random()).slice(2, 8)}`;
  });

  afterEach(() => {
    handle?.stop();
    handle = undefined;
  });

  it('starts on the first channel, plays it and shows the banner', async () => {
    const app = await start();
    const s = await presenting(app, 1);
    expect(s.channel?.name).to.equal('CCTV-1 综合');
    expect(s.lastZapMs).to.be.a('number');
    expect(s.banner).to.include({ number: 1, name: 'CCTV-1 综合', marks: '' });
    expect(s.banner?.now).to.equal(undefined);
  });

  it('zaps with CH+/CH− and ↑/↓, measures each zap from the key, and Back returns to the last channel', async () => {
    const app = await start();
    await presenting(app, 1);
    press('ChannelUp');
    await presenting(app, 2);
    press('ArrowUp');
    await presenting(app, 3);
    press('ChannelDown');
    await presenting(app, 2);
    const zaps = app.zaps();
    expect(zaps.map((z) => z.to)).to.deep.equal(['8888.1.101', '8888.1.102', '8888.1.103', '8888.1.102']);
    for (const z of zaps) expect(z.zapMs, JSON.stringify(z)).to.be.a('number').and.to.be.greaterThan(0);
    press('BrowserBack');
    await presenting(app, 3);
  });

  it('tunes a typed number on OK, showing the digits and the channel they name while typing', async () => {
    const app = await start();
    await presenting(app, 1);
    press('2');
    press('3');
    expect(app.state().entryDigits).to.equal('23');
    press('Enter');
    const s = await presenting(app, 23);
    expect(s.channel?.name).to.equal('湖南卫视');
    expect(s.entryDigits).to.equal('');
    expect(s.list).to.equal(undefined);
  });

  it('says so when no channel has the typed number, and stays where it was', async () => {
    const app = await start();
    await presenting(app, 1);
    for (const d of ['4', '4', '4'] as const) press(d);
    const s = await until(() => app.state(), (v) => v.notice !== undefined, 'the notice');
    expect(s.notice).to.contain('444');
    expect(s.channel?.number).to.equal(1);
  });

  it('opens the channel list on OK, adds a favourite, filters favourites and tunes from the list', async () => {
    const app = await start();
    await presenting(app, 1);
    press('Enter');
    expect(app.state().list).to.deep.equal({ favouritesOnly: false, total: 37, focusedChannel: '8888.1.101' });
    press('ArrowDown');
    press('ArrowDown');
    expect(app.state().list?.focusedChannel).to.equal('8888.1.103');
    press('ColorF2Yellow');
    await until(() => app.state().favourites, (f) => f.includes('8888.1.103'), 'the favourite');
    press('ColorF0Red');
    expect(app.state().list).to.deep.equal({ favouritesOnly: true, total: 1, focusedChannel: '8888.1.103' });
    press('Enter');
    await presenting(app, 3);
    expect(app.state().list).to.equal(undefined);
    press('Enter');
    expect(app.state().list?.favouritesOnly).to.equal(true);
    press('BrowserBack');
    expect(app.state().list).to.equal(undefined);
    expect(app.state().channel?.number).to.equal(3);
  });

  it('starts on the channel watched last', async () => {
    let app = await start();
    await presenting(app, 1);
    press('ChannelDown');
    const last = await until(() => app.state(), (s) => s.status === 'presenting' && s.channel?.number !== 1, 'a zap down');
    app.stop();
    app = await start();
    expect((await app.firstTune)?.ok).to.equal(true);
    expect(app.state().channel?.id).to.equal(last.channel?.id);
  });

  it('shows now and next from the guide in the banner, with the programme\'s progress', async () => {
    const now = Date.now();
    const app = await start({ guideUrl: guideUrl(now) });
    const imported = await (await app.services).guide.fallbackImport;
    expect(imported?.programmes).to.equal(2);
    press('Info');
    press('Info');
    const s = await until(() => app.state(), (v) => v.banner?.now !== undefined, 'now in the banner');
    expect(s.banner?.now?.title).to.equal('新闻联播');
    expect(s.banner?.next?.title).to.equal('焦点访谈');
    expect(s.banner?.progress).to.be.within(0.3, 0.37);
  });

  it('asks for the PIN again when the next rated programme starts on the channel the PIN unlocked', async function () {
    this.timeout(40_000);
    const now = Date.now();
    const switchAt = now + 4000;
    // XMLTV with seconds, so the first rated programme ends a few seconds from now.
    const time = (ms: number): string => `${xmltvTime(ms).slice(0, 12)}${pad(new Date(ms).getUTCSeconds())} +0000`;
    const rated = (start: number, stop: number, title: string): string =>
      `<programme channel="8888.1.101" start="${time(start)}" stop="${time(stop)}"><title lang="zh">${title}</title>`
      + '<rating system="CN"><value>18</value></rating></programme>';
    const xml = `<?xml version="1.0" encoding="UTF-8"?><tv><channel id="8888.1.101"><display-name>CCTV-1</display-name></channel>
${rated(now - 10 * 60_000, switchAt, '午夜影院：第一部')}${rated(switchAt, switchAt + 30 * 60_000, '午夜影院：第二部')}</tv>`;
    const app = await start({ guideUrl: URL.createObjectURL(new Blob([xml], { type: 'application/xml' })) });
    const services = await app.services;
    expect((await services.guide.fallbackImport)?.programmes).to.equal(2);
    await services.parental.setPin('1234');
    await services.parental.setRatingThreshold(18, '1234');
    await until(() => app.state(), (v) => v.status === 'blocked' && v.pinDialog, 'the PIN dialog for the rated programme');
    for (const digit of ['1', '2', '3', '4'] as const) press(digit);
    press('Enter');
    await until(() => app.state(), (v) => v.status === 'presenting' && !v.pinDialog, 'the unlocked programme on screen');
    expect(Date.now()).to.be.below(switchAt, 'the first programme is still on (the test ran too slowly to tell)');
    // The unlock was for that programme only: the next one is blocked, and the viewer is asked again.
    await until(() => app.state(), (v) => v.status === 'blocked' && v.pinDialog, 'the PIN dialog for the next rated programme', 12_000);
  });

  it('shows an emergency alert from the box over live TV, holding the remote while it is in effect', async () => {
    const injected = new Subject<AlertInput>();
    box = { ...box, region: '110105', injectedAlerts: injected };
    const app = await start();
    await presenting(app, 1);
    const { alertOverlay } = await app.services;
    expect(alertOverlay.view().mode).to.equal('none');
    injected.next('<not-an-alert/>');
    injected.next(sampleAlert('red', '110105').xml);
    await until(() => alertOverlay.view().mode, (mode) => mode === 'takeover', 'the level-1 alert over the app');
    // A level-1 alert holds the remote: Channel Up does not zap.
    press('ChannelUp');
    await new Promise((r) => setTimeout(r, 300));
    expect(app.state().channel?.number).to.equal(1);
  });
});

