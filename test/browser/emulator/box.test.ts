import { expect } from '@esm-bundle/chai';
import { installAutomationApi } from '../../../apps/emulator/automation-api.js';
import { BOX_CA_STORAGE_KEY } from '../../../apps/emulator/box/ca-host.js';
import type { YwEmulator } from '../../../apps/emulator/emulator-app.js';
import {
  EmulatorCaClient, isHostCaResult, YiwangError, type CaEvent, type DeviceToHostMessage,
} from '../../../sdk/index.js';
import type { BoxDeviceFixture } from './fixtures/box-device.js';
import { mountEmulator, PLAIN_URL, rejection, sleep, unmountAll, waitFor } from './helpers.js';

const BOX_URL = '/test/browser/emulator/fixtures/box-device.html';

/** The box test device running in the frame (a fresh one after every load). */
function deviceOf(el: YwEmulator): BoxDeviceFixture {
  const device = el.deviceFrame?.contentWindow?.boxDevice;
  if (!device) throw new Error('the box test device is not running');
  return device;
}

/** A YiwangError's fields, whichever realm made it. */
function fieldsOf(error: Error): { name: string; code?: unknown; data?: Record<string, unknown> } {
  return error;
}

function eventsOf(el: YwEmulator, type: CaEvent['type']): CaEvent[] {
  return deviceOf(el).caEvents.filter((e) => e.type === type);
}

describe('emulator: the cable box (CA, signal, tune requests)', function () {
  this.timeout(20_000);

  beforeEach(() => {
    sessionStorage.removeItem(BOX_CA_STORAGE_KEY);
  });

  afterEach(() => {
    unmountAll();
    delete window.emulator;
    sessionStorage.removeItem(BOX_CA_STORAGE_KEY);
  });

  it('answers the device CA module over postMessage: status, entitlements, revoke', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    const ca = deviceOf(el).ca();
    expect([ca.vendor, ca.kind]).to.deep.equal(['sim-card', 'smartCard']);
    expect(ca.caSystemIds).to.deep.equal([0x4A02]);
    expect((await ca.getStatus()).card).to.equal('ready');

    await api.ca.entitle(1001);
    await api.ca.entitle(1002, { expire: '2031-01-01' });
    const entitled = await ca.getEntitlements();
    expect(entitled.map((e) => e.productId).sort()).to.deep.equal([1001, 1002]);
    expect(entitled.find((e) => e.productId === 1002)?.expire).to.equal(Date.parse('2031-01-01'));
    await waitFor(() => eventsOf(el, 'entitlementChanged').length >= 2, 'entitlementChanged events on the device');

    await api.ca.revoke(1001);
    expect((await ca.getEntitlements()).map((e) => e.productId)).to.deep.equal([1002]);
    const status = await api.ca.status();
    expect([status.card, status.kind, status.entitlements.length, status.listening]).to.deep.equal(['ready', 'smartCard', 1, true]);

    await api.ca.setCard('absent');
    expect((await ca.getStatus()).card).to.equal('absent');
    await waitFor(() => eventsOf(el, 'cardState').some((e) => e.type === 'cardState' && e.card === 'absent'), 'the card-state event');
    // A command the module refuses comes back as CaCommandFailed, with the command named.
    // Created in the device frame's realm: checked by name and fields, not instanceof.
    const refused = fieldsOf(await rejection(ca.readMail('no-such-mail')));
    expect([refused.name, refused.code, refused.data?.command]).to.deep.equal(['YiwangError', 9002, 'readMail']);
    expect((await rejection(api.ca.setCard('broken' as 'ready'))).message).to.contain('is not a card state');
    expect((await rejection(api.ca.entitle(1.5))).message).to.contain('is not a product id');
  });

  it('a device CA call nobody answers fails as CaModuleUnavailable; uncloneable arguments as CaCommandFailed', async () => {
    const posted: DeviceToHostMessage[] = [];
    const client = new EmulatorCaClient({ post: (m) => posted.push(m), timeoutMs: 50 });
    const silent = await rejection(client.getStatus());
    expect(silent).to.be.instanceOf(YiwangError);
    expect(fieldsOf(silent).code).to.equal(9001);
    expect(silent.message).to.contain('did not answer ca.getStatus within 50 ms');
    expect(posted[0]).to.deep.include({ type: 'ca-call', method: 'getStatus', args: [] });

    const throwing = new EmulatorCaClient({ post: () => { throw new DOMException('could not be cloned', 'DataCloneError'); } });
    expect(fieldsOf(await rejection(throwing.deleteMail('x'))).code).to.equal(9002);
  });

  it('refuses malformed CA results without throwing; a failure keeps its own command name', async () => {
    const base = { source: 'yiwang-emulator', type: 'ca-result', id: 'ca-1', ok: false };
    const message = (error: unknown): unknown => ({ ...base, error });
    expect(isHostCaResult(message(null))).to.equal(false);
    expect(isHostCaResult(message('boom'))).to.equal(false);
    expect(isHostCaResult(message({ code: 'CaCommandFailed', message: 'm', data: 'text' }))).to.equal(false);
    expect(isHostCaResult(message({ code: 'CaCommandFailed', message: 'm', data: [1] }))).to.equal(false);
    expect(isHostCaResult(message({ code: 'CaCommandFailed', message: 'm' }))).to.equal(true);
    expect(isHostCaResult(message({ code: 'CaCommandFailed', message: 'm', data: { code: 5 } }))).to.equal(true);

    const posted: DeviceToHostMessage[] = [];
    const client = new EmulatorCaClient({ post: (m) => posted.push(m), timeoutMs: 1000 });
    const call = client.getMails();
    const sent = posted[0];
    if (sent?.type !== 'ca-call') throw new Error('no call posted');
    client.receiveResult({
      source: 'yiwang-emulator', type: 'ca-result', id: sent.id, ok: false,
      error: { code: 'CaCommandFailed', message: 'refused', data: { command: 'deleteMail', code: 7 } },
    });
    expect(fieldsOf(await rejection(call)).data).to.deep.equal({ command: 'getMails', code: 7 });
  });

  it('the device drops a replay of a CA event its listeners already got live', () => {
    const client = new EmulatorCaClient({ post: () => undefined });
    const seen: string[] = [];
    const raw = { vendor: 'sim-card', code: 0 };
    const event = (seq: number | undefined, replay: boolean, text: string): Parameters<EmulatorCaClient['receiveEvent']>[0] => ({
      source: 'yiwang-emulator', type: 'ca-event', event: { type: 'osd', position: 'top', text, raw }, replay,
      ...(seq === undefined ? {} : { seq }),
    });
    const first = client.events.subscribe((e) => seen.push(e.type === 'osd' ? e.text : e.type));
    client.receiveEvent(event(5, false, 'live 5'));
    client.receiveEvent(event(5, true, 'replay 5'));
    client.receiveEvent(event(3, true, 'replay 3'));
    client.receiveEvent(event(undefined, true, 'replay without number'));
    client.receiveEvent(event(6, false, 'live 6'));
    expect(seen).to.deep.equal(['live 5', 'replay 3', 'replay without number', 'live 6']);
    first.unsubscribe();
    client.receiveEvent(event(7, false, 'nobody listens'));
    seen.length = 0;
    client.events.subscribe((e) => seen.push(e.type === 'osd' ? e.text : e.type));
    client.receiveEvent(event(6, true, 'replay 6 for the new listener'));
    expect(seen).to.deep.equal(['replay 6 for the new listener']);
  });

  it('the device survives malformed host messages and ignores box messages from other windows', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    const deviceWindow = el.deviceFrame?.contentWindow;
    if (!deviceWindow) throw new Error('no device');
    const errors: string[] = [];
    deviceWindow.addEventListener('error', (e) => errors.push(e.message));
    for (const error of [null, 'x', { code: 'CaCommandFailed', message: 'm', data: 'x' }]) {
      deviceWindow.postMessage({ source: 'yiwang-emulator', type: 'ca-result', id: 'ca-1', ok: false, error }, '*');
    }
    deviceWindow.postMessage({ source: 'yiwang-emulator', type: 'ca-event', event: null }, '*');
    deviceWindow.postMessage({ source: 'yiwang-emulator', type: 'tune-request', id: 'r', target: { onid: 'a' } }, '*');
    await sleep(50);
    expect(errors).to.deep.equal([]);
    expect((await deviceOf(el).ca().getStatus()).card).to.equal('ready');

    // Another window (a sibling frame) cannot drive the device.
    const other = document.createElement('iframe');
    document.body.append(other);
    try {
      const otherWindow = other.contentWindow as (Window & typeof globalThis) | null;
      if (!otherWindow) throw new Error('no other frame');
      const postFrom = new otherWindow.Function('target', 'message', 'target.postMessage(message, "*")') as (t: Window, m: unknown) => void;
      postFrom(deviceWindow, { source: 'yiwang-emulator', type: 'tune-request', id: 'evil', target: 9 });
      postFrom(deviceWindow, { source: 'yiwang-emulator', type: 'ca-event', event: { type: 'fingerprintHide', ecmPid: 0, raw: { vendor: 'x', code: 0 } } });
      await sleep(100);
      expect(deviceOf(el).requests).to.deep.equal([]);
      expect(eventsOf(el, 'fingerprintHide')).to.deep.equal([]);
      // The parent still can.
      await api.whenTunerReady();
      expect(await api.tune(9)).to.deep.include({ ok: true });
    } finally {
      other.remove();
    }
  });

  it("forwards the box's CA events: OSD, mail, IPPV offer", async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await api.ca.osd('欢迎收看 welcome', 'top');
    await api.ca.osd('停机通知', 'full', { durationMs: 5000 });
    await api.ca.mail('账单 Bill', 'Your bill is ready');
    await waitFor(() => eventsOf(el, 'mail').length === 1, 'the mail icon');
    const osd = eventsOf(el, 'osd').map((e) => (e.type === 'osd' ? [e.position, e.text, e.durationMs] : []));
    expect(osd).to.deep.equal([['top', '欢迎收看 welcome', undefined], ['full', '停机通知', 5000]]);
    expect((await deviceOf(el).ca().getMails()).map((m) => m.title)).to.deep.equal(['账单 Bill']);
    expect((await api.ca.status()).screen).to.deep.include({ mail: 'new', osd: { top: '欢迎收看 welcome', full: '停机通知' } });
    await api.ca.hideOsd('top');
    await waitFor(() => eventsOf(el, 'osdHide').length === 1, 'the OSD hide');
    expect((await rejection(api.ca.osd('x', 'middle' as 'top'))).message).to.contain('is not a position');
  });

  it('replays a fingerprint to a reloaded device and after an app switch, with the time it has left', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await api.ca.fingerprint(4000);
    await api.ca.osd('scrolling notice', 'bottom');
    await waitFor(() => eventsOf(el, 'fingerprint').length === 1, 'the fingerprint');
    await sleep(300);

    await el.load(BOX_URL); // the device reloads: a new page, a new SDK
    await waitFor(() => eventsOf(el, 'fingerprint').length === 1, 'the replayed fingerprint');
    const replayed = eventsOf(el, 'fingerprint')[0];
    if (replayed?.type !== 'fingerprint') throw new Error('no fingerprint');
    expect(replayed.cardId).to.equal((await api.ca.status()).cardId);
    expect(replayed.ecmPid).to.equal(0);
    expect(replayed.durationMs).to.be.within(2500, 3750);
    expect(eventsOf(el, 'osd').map((e) => (e.type === 'osd' ? e.text : ''))).to.deep.equal(['scrolling notice']);

    // An app that does not listen yet gets it when it starts listening (an app switch).
    await el.load(`${BOX_URL}?ca=off`);
    expect(deviceOf(el).caEvents).to.deep.equal([]);
    deviceOf(el).listenCa();
    await waitFor(() => eventsOf(el, 'fingerprint').length === 1, 'the fingerprint for the new app');

    await api.ca.hideFingerprint();
    await el.load(BOX_URL);
    await waitFor(() => eventsOf(el, 'osd').length === 1, 'the replay');
    expect(eventsOf(el, 'fingerprint')).to.deep.equal([]);
  });

  it('replays a CA force-tune and the mail icon until released or read out', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await api.ca.forceTune(5);
    await api.ca.mail('通知', 'body');
    await waitFor(() => eventsOf(el, 'forceTune').length === 1, 'the force-tune');
    await el.load(BOX_URL);
    await waitFor(() => eventsOf(el, 'forceTune').length === 1 && eventsOf(el, 'mail').length === 1, 'the replayed force-tune and mail icon');
    const forced = eventsOf(el, 'forceTune')[0];
    expect(forced?.type === 'forceTune' ? forced.target : undefined).to.deep.equal({ number: 5 });
    expect((await api.ca.status()).screen.forcedTune).to.deep.equal({ number: 5 });
    await api.ca.releaseTune();
    await el.load(BOX_URL);
    await waitFor(() => eventsOf(el, 'mail').length === 1, 'the replay');
    expect(eventsOf(el, 'forceTune')).to.deep.equal([]);
    expect((await rejection(api.ca.forceTune(-3))).message).to.contain('is not a channel number');
  });

  it('queues OSD messages per position as the app does, and replays them in order', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await api.ca.osd('first', 'top');
    await api.ca.osd('second', 'top');
    await api.ca.osd('third', 'top');
    expect((await api.ca.status()).screen.osd).to.deep.equal({ top: 'first' });
    await el.load(BOX_URL);
    await waitFor(() => eventsOf(el, 'osd').length === 3, 'the replayed OSD queue');
    expect(eventsOf(el, 'osd').map((e) => (e.type === 'osd' ? e.text : ''))).to.deep.equal(['first', 'second', 'third']);
    await api.ca.hideOsd('top');
    expect((await api.ca.status()).screen.osd).to.deep.equal({ top: 'second' });

    // A timed message's time counts from when it shows, not from when it was queued.
    await api.ca.osd('notice A', 'full', { durationMs: 400 });
    await api.ca.osd('notice B', 'full', { durationMs: 2500 });
    await sleep(200);
    expect((await api.ca.status()).screen.osd.full).to.equal('notice A');
    await sleep(300);
    expect((await api.ca.status()).screen.osd.full).to.equal('notice B');
    await el.load(BOX_URL);
    await waitFor(() => eventsOf(el, 'osd').some((e) => e.type === 'osd' && e.position === 'full'), 'the replayed full-screen notice');
    const full = eventsOf(el, 'osd').filter((e) => e.type === 'osd' && e.position === 'full');
    expect(full.map((e) => (e.type === 'osd' ? e.text : ''))).to.deep.equal(['notice B']);
    const left = full[0]?.type === 'osd' ? full[0].durationMs : undefined;
    // B began when A ended (~400 ms in): what it has left is its own time minus what it has shown.
    expect(left).to.be.within(1, 2400);
    let full2: string | undefined = 'notice B';
    for (let i = 0; i < 60 && full2 !== undefined; i++) {
      await sleep(50);
      full2 = (await api.ca.status()).screen.osd.full;
    }
    expect(full2, 'notice B runs out').to.equal(undefined);
  });

  it('switching the CA kind takes the old CA off screen, restarts the app service and replays the new CA', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await api.ca.kind('dcas');
    await api.ca.setCard('ready');
    await api.ca.mail('DCAS 邮件', 'kept by the chip');
    await api.ca.kind('smartCard');
    await api.ca.entitle(1001);
    const ca = deviceOf(el).ca();
    const service = { channelId: 'test.101', ecmPid: 0x1FF, caSystemIds: [...ca.caSystemIds], productIds: [1001] };
    await ca.startService(service);
    await api.ca.fingerprint();
    await api.ca.osd('smart card notice', 'bottom');
    await api.ca.forceTune(5);
    await waitFor(() => eventsOf(el, 'forceTune').length === 1, 'the smart card on screen');
    deviceOf(el).caEvents.length = 0;

    await api.ca.kind('dcas');
    await waitFor(() => eventsOf(el, 'mail').length === 1, "the DCAS chip's mail icon");
    expect(eventsOf(el, 'fingerprintHide')).to.have.length(1);
    expect(eventsOf(el, 'osdHide').map((e) => (e.type === 'osdHide' ? e.position : ''))).to.deep.equal(['bottom']);
    expect(eventsOf(el, 'releaseTune')).to.have.length(1);
    expect(eventsOf(el, 'mail').map((e) => (e.type === 'mail' ? e.state : ''))).to.deep.equal(['new']);
    // The channel the app shows is the DCAS chip's now: not entitled there, it blocks.
    await waitFor(() => eventsOf(el, 'block').some((e) => e.type === 'block' && e.ecmPid === 0x1FF), 'the service blocked by the new CA');
    const screen = (await api.ca.status()).screen;
    expect([screen.fingerprint, screen.osd, screen.forcedTune, screen.mail]).to.deep.equal([undefined, {}, undefined, 'new']);
  });

  it('does not replay a fingerprint whose time ran out', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await api.ca.fingerprint(150);
    await api.ca.osd('still running', 'top'); // replayed: proves the replay ran
    await sleep(250);
    await el.load(BOX_URL);
    await waitFor(() => eventsOf(el, 'osd').length === 1, 'the replay of what still shows');
    await sleep(50);
    expect(eventsOf(el, 'fingerprint')).to.deep.equal([]);
    expect((await api.ca.status()).screen.fingerprint).to.equal(undefined);
  });

  it('keeps the card, entitlements and wallet across an emulator reload (sessionStorage)', async () => {
    const first = await mountEmulator({ deviceUrl: BOX_URL });
    await first.ca.setCard('expired');
    await first.ca.entitle(1004);
    await first.ca.setWallet(1250);
    await first.ca.mail('欢迎', 'kept in the card');
    unmountAll();
    const second = await mountEmulator({ deviceUrl: BOX_URL });
    const status = await second.ca.status();
    expect(status.card).to.equal('expired');
    expect(status.screen.mail).to.equal('new');
    expect(status.entitlements.map((e) => e.productId)).to.deep.equal([1004]);
    expect(status.wallets[0]?.balance).to.equal(1250);
  });

  it('a removed emulator stops its box (no more saving), and a re-attached one gets it back', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    await el.ca.entitle(1007);
    await el.ca.fingerprint(250);
    el.remove();
    sessionStorage.removeItem(BOX_CA_STORAGE_KEY);
    await sleep(450); // the fingerprint's end would change the card's state (and save it) on a live box
    expect(sessionStorage.getItem(BOX_CA_STORAGE_KEY)).to.equal(null);

    sessionStorage.setItem(BOX_CA_STORAGE_KEY, JSON.stringify({ kind: 'smartCard', snapshots: {} }));
    document.body.append(el);
    await waitFor(() => el.deviceFrame?.contentWindow?.boxDevice !== undefined, 'the device again');
    const status = await el.ca.status();
    expect([status.card, status.entitlements.length]).to.deep.equal(['ready', 0]);
    await el.ca.entitle(1008);
    expect((await el.ca.status()).entitlements.map((e) => e.productId)).to.deep.equal([1008]);
  });

  it('starts with a fresh card when the saved one is corrupt, naming the bad field', async () => {
    const first = await mountEmulator({ deviceUrl: BOX_URL });
    await first.ca.entitle(1004);
    await first.ca.setWallet(800);
    await first.ca.mail('t', 'b');
    unmountAll();
    const saved = JSON.parse(sessionStorage.getItem(BOX_CA_STORAGE_KEY) ?? 'null') as { snapshots: { smartCard: Record<string, unknown> } };
    /** Sets `field` of the first item of `list` in a saved card. */
    const set = (list: string, field: string, value: unknown) => (card: Record<string, unknown>): void => {
      const item = (card[list] as Record<string, unknown>[] | undefined)?.[0];
      if (!item) throw new Error(`the saved card has no ${list}`);
      item[field] = value;
    };
    const corruptions: [string, (card: Record<string, unknown>) => void][] = [
      ['entitlements[0].expire', set('entitlements', 'expire', 'soon')],
      ['wallets[0].balance', set('wallets', 'balance', -5)],
      ['mails[0].read', set('mails', 'read', 'no')],
      ['rating', (card) => { card.rating = 99; }],
    ];
    for (const [path, corrupt] of corruptions) {
      const copy = structuredClone(saved);
      corrupt(copy.snapshots.smartCard);
      sessionStorage.setItem(BOX_CA_STORAGE_KEY, JSON.stringify(copy));
      const el = await mountEmulator({ deviceUrl: BOX_URL });
      const status = await el.ca.status();
      expect([path, status.entitlements.length, status.wallets[0]?.balance, status.screen.mail]).to.deep.equal([path, 0, 0, 'none']);
      expect(el.logEntries.some((e) => e.type === 'note' && e.text.includes(`not usable (${path}:`)), path).to.equal(true);
      unmountAll();
    }
  });

  it('reports the signal to the device, also after a reload', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    expect(deviceOf(el).signals).to.deep.equal([true]);
    await api.setSignal(false);
    await waitFor(() => deviceOf(el).signals.at(-1) === false, 'the signal loss');
    expect(api.signal).to.equal(false);
    await el.updateComplete;
    expect(el.renderRoot.querySelector('.status .signal')?.textContent).to.contain('No signal');
    await el.load(BOX_URL);
    // The reloaded page's first value is already the box's: never a signal it does not have.
    expect(deviceOf(el).signals).to.deep.equal([false]);
    await sleep(100); // the host's signal message after hello changes nothing
    expect(deviceOf(el).signals).to.deep.equal([false]);
    // A page the app navigates to inside the frame starts right too.
    const before = deviceOf(el);
    el.deviceFrame?.contentWindow?.location.assign(`${BOX_URL}?next`);
    await waitFor(() => el.deviceFrame?.contentWindow?.boxDevice !== undefined && deviceOf(el) !== before, 'the next page');
    expect(deviceOf(el).signals).to.deep.equal([false]);
    await api.setSignal(true);
    await waitFor(() => deviceOf(el).signals.at(-1) === true, 'the signal back');
    await el.load(BOX_URL);
    expect(deviceOf(el).signals).to.deep.equal([true]);
    expect((await rejection(api.setSignal('no' as unknown as boolean))).message).to.contain('emulator.setSignal');
  });

  it('emulator.tune asks the app tuner and resolves with the reported result; tuneLog keeps zap times', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await api.whenTunerReady();
    const result = await api.tune(7);
    expect(result).to.deep.include({ ok: true, zapMs: 47 });
    expect(result.channel?.number).to.equal(7);
    expect(api.tuner().channel).to.deep.equal({ number: 7 });
    expect(deviceOf(el).currentChannel()).to.deep.equal({ number: 7 });
    const failed = await api.tune(404);
    expect(failed).to.deep.include({ ok: false, error: 'unknownChannel' });
    deviceOf(el).reportZap(12, 180);
    await waitFor(() => api.tuneLog().length === 3, 'the zap in the log');
    const log = api.tuneLog();
    expect(log.map((e) => [e.ok, e.channel?.number, e.zapMs, e.requestId === undefined])).to.deep.equal([
      [true, 7, 47, false], [false, undefined, undefined, false], [true, 12, 180, true],
    ]);
    await waitFor(() => api.tuner().channel?.number === 12, 'the box following the zap');
    const panel = el.renderRoot.querySelector('yw-box-panel');
    await panel?.updateComplete;
    expect(panel?.shadowRoot?.querySelector('.current')?.textContent).to.contain('12 Test 12').and.contain('180 ms');
    expect((await rejection(api.tune(-1))).message).to.contain('is not a channel number');
  });

  it('a tune asked before the app created its tuner reaches that tuner when it comes in time', async () => {
    const el = await mountEmulator({ deviceUrl: `${BOX_URL}?tuner=off` });
    const api = installAutomationApi(el);
    const late = api.tune(8, { timeoutMs: 150 });
    const waiting = api.tune(7, { timeoutMs: 3000 });
    const ready = api.whenTunerReady(3000);
    expect((await rejection(late)).message).to.contain('no answer within 150 ms');
    deviceOf(el).listenTunes(); // the app's tuner, created after its lineup loaded
    await ready;
    expect(await waiting).to.deep.include({ ok: true, zapMs: 47 });
    // The request whose time ran out is not tuned late.
    expect(deviceOf(el).requests.map((r) => r.target)).to.deep.equal([7]);
    await api.whenTunerReady(10); // at once now
    expect((await rejection(api.whenTunerReady(-1))).message).to.contain('timeoutMs must be a number > 0');
  });

  it('emulator.whenTunerReady rejects naming why when no tuner comes', async () => {
    const el = await mountEmulator({ deviceUrl: `${BOX_URL}?tuner=off` });
    const api = installAutomationApi(el);
    expect((await rejection(api.whenTunerReady(100))).message).to.contain('did not subscribe').and.contain('within 100 ms');
  });

  it('ignores malformed live-TV messages from the device, and keeps working', async () => {
    const el = await mountEmulator({ deviceUrl: `${BOX_URL}?tuner=off` });
    const api = installAutomationApi(el);
    const device = deviceOf(el);
    const channel = { id: 'x.1', number: 5, name: 'Five', kind: 'tv', scrambled: false, origin: 'lineup' };
    const bad: unknown[] = [
      { type: 'tune-requests', subscribed: 'yes' },
      { type: 'ca-events', subscribed: 0 },
      { type: 'tune-result', result: { ok: true, channel: { ...channel, triplet: 'abc' }, zapMs: 10 } },
      { type: 'tune-result', result: { ok: true, channel, zapMs: Number.NaN } },
      { type: 'tune-result', result: { ok: true, channel: { ...channel, number: '5' } } },
      { type: 'tune-result', result: { ok: false, error: 7, message: 'm' } },
      { type: 'tune-result', result: null },
    ];
    for (const message of bad) device.postRaw({ source: 'yiwang-device', ...(message as object) });
    device.postRaw({ source: 'yiwang-device', type: 'volume', volume: 64 });
    await waitFor(() => api.tuner().volume === 64, 'the volume after the bad messages');
    expect(api.tuneLog()).to.deep.equal([]);
    expect(api.tuner().channel).to.deep.equal({ number: 1 });
    expect((await api.ca.status()).listening).to.equal(true);
    expect((await rejection(api.whenTunerReady(50))).message).to.contain('did not subscribe');
    // A well-formed report still counts, and the device still takes the box's state.
    device.postRaw({ source: 'yiwang-device', type: 'tune-result', result: { ok: true, channel: { ...channel, triplet: { onid: 1, tsid: 2, sid: 3 } }, zapMs: 12 } });
    await waitFor(() => api.tuneLog().length === 1, 'the good report');
    await waitFor(() => device.currentChannel()?.sid === 3, 'the device hearing the tuner state');
  });

  it('a navigation inside the device frame is a reboot for the box', async () => {
    const el = await mountEmulator({ deviceUrl: `${BOX_URL}?tuner=off` });
    const api = installAutomationApi(el);
    expect((await api.ca.status()).listening).to.equal(true);
    const waiting = api.tune(5, { timeoutMs: 4000 });
    const started = performance.now();
    el.deviceFrame?.contentWindow?.location.assign(PLAIN_URL);
    const error = await rejection(waiting);
    expect(error.message).to.contain('emulator.tune(5)').and.contain('rebooted');
    expect(performance.now() - started).to.be.below(2000);
    await waitFor(() => el.logEntries.some((e) => e.type === 'note' && e.text.includes('navigated')), 'the navigation');
    expect((await api.ca.status()).listening).to.equal(false);
    expect((await rejection(api.whenTunerReady(50))).message).to.contain('did not subscribe');
  });

  it('emulator.tune rejects clearly when no app tuner listens', async () => {
    const el = await mountEmulator({ deviceUrl: `${BOX_URL}?tuner=off` });
    const api = installAutomationApi(el);
    const error = await rejection(api.tune(5, { timeoutMs: 200 }));
    expect(error.message).to.contain('emulator.tune(5): no answer within 200 ms').and.contain('no tuner listening');
  });

  it("force-tunes (platform.tune) through the app's tuner when one listens, else directly", async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await deviceOf(el).forceTune({ number: 99 });
    expect(deviceOf(el).requests.map((r) => r.target)).to.deep.equal([99]);
    await waitFor(() => api.tuneLog().at(-1)?.channel?.number === 99, 'the reported force-tune');
    await waitFor(() => api.tuner().channel?.number === 99, 'the box on 99');
    expect((await rejection(deviceOf(el).forceTune({ number: 404 }))).message).to.contain('unknownChannel');

    await el.load(`${BOX_URL}?tuner=off`);
    await deviceOf(el).forceTune({ number: 33 });
    expect(deviceOf(el).requests).to.deep.equal([]);
    await waitFor(() => api.tuner().channel?.number === 33, 'the box on 33');
    expect(deviceOf(el).currentChannel()).to.deep.equal({ number: 33 });
    expect(api.tuneLog().at(-1)?.channel?.number).to.equal(99);
  });

  it('switches to DCAS: the device sees the new kind; activate/deactivate; each kind keeps its state', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const api = installAutomationApi(el);
    await api.ca.entitle(1001);
    expect(await api.ca.kind('dcas')).to.equal('dcas');
    const ca = deviceOf(el).ca();
    await waitFor(() => ca.kind === 'dcas', 'the device to hear the DCAS kind');
    expect(ca.vendor).to.equal('sim-dcas');
    expect((await ca.getStatus()).kind).to.equal('dcas');
    expect(await ca.getEntitlements()).to.deep.equal([]);
    await api.ca.setCard('absent');
    expect((await ca.getStatus()).card).to.equal('notActivated');
    await api.ca.setCard('ready');
    expect((await ca.getStatus()).card).to.equal('ready');
    expect((await rejection(api.ca.setCard('expired'))).message).to.contain('a DCAS box has no card');
    await api.ca.kind('smartCard');
    await waitFor(() => ca.kind === 'smartCard', 'the smart card back');
    expect((await ca.getEntitlements()).map((e) => e.productId)).to.deep.equal([1001]);
    expect(await api.ca.kind()).to.equal('smartCard');
  });

  it('box panel controls drive the simulated CA', async () => {
    const realFetch = window.fetch;
    window.fetch = () => Promise.resolve(new Response(JSON.stringify({
      version: 1, products: [{ id: 1001, name: '体育套餐' }],
      channels: [{ id: 'a', number: 101, name: 'CCTV-5+', kind: 'tv', scrambled: true, ca: { systemIds: [0x4A02], productIds: [1001] } }],
    })));
    try {
      const el = await mountEmulator({ deviceUrl: BOX_URL });
      const panel = el.renderRoot.querySelector('yw-box-panel');
      const root = panel?.shadowRoot;
      if (!panel || !root) throw new Error('no box panel');
      root.querySelector('details')?.setAttribute('open', '');
      await waitFor(() => root.querySelector('tr[data-product="1001"]') !== null, 'the lineup products');
      expect(root.querySelector('tr[data-product="1001"]')?.textContent).to.contain('体育套餐').and.contain('101 CCTV-5+');

      root.querySelector<HTMLButtonElement>('tr[data-product="1001"] button[name="entitle"]')?.click();
      await waitFor(() => root.querySelector('tr[data-product="1001"] button[name="revoke"]') !== null, 'the entitlement');
      expect((await el.ca.status()).entitlements.map((e) => e.productId)).to.deep.equal([1001]);
      root.querySelector<HTMLButtonElement>('tr[data-product="1001"] button[name="revoke"]')?.click();
      await waitFor(() => root.querySelector('tr[data-product="1001"] button[name="entitle"]') !== null, 'the revoke');

      root.querySelector<HTMLButtonElement>('button[name="eject"]')?.click();
      await waitFor(() => root.querySelector('.card-state')?.textContent === 'absent', 'the card removed');
      const select = root.querySelector<HTMLSelectElement>('select[name="card"]');
      if (!select) throw new Error('no card select');
      select.value = 'pairedOther';
      root.querySelector<HTMLFormElement>('form[name="card"]')?.requestSubmit();
      await waitFor(() => root.querySelector('.card-state')?.textContent === 'pairedOther', 'the other box card');

      const osd = root.querySelector<HTMLFormElement>('form[name="osd"]');
      const text = osd?.querySelector<HTMLInputElement>('input[name="osd-text"]');
      if (!osd || !text) throw new Error('no OSD form');
      text.value = '系统维护通知';
      osd.requestSubmit();
      await waitFor(() => eventsOf(el, 'osd').some((e) => e.type === 'osd' && e.text === '系统维护通知' && e.position === 'top'), 'the OSD on the device');

      const wallet = root.querySelector<HTMLFormElement>('form[name="wallet"]');
      const balance = wallet?.querySelector<HTMLInputElement>('input[name="balance"]');
      if (!wallet || !balance) throw new Error('no wallet form');
      balance.value = '12.5';
      wallet.requestSubmit();
      await waitFor(() => root.textContent.includes('¥12.50'), 'the wallet');

      const signal = root.querySelector<HTMLInputElement>('input[name="signal-loss"]');
      signal?.click();
      await waitFor(() => deviceOf(el).signals.at(-1) === false, 'the signal loss from the panel');

      root.querySelector<HTMLSelectElement>('select[name="kind"]')?.dispatchEvent(new Event('change'));
      const kind = root.querySelector<HTMLSelectElement>('select[name="kind"]');
      if (!kind) throw new Error('no kind select');
      kind.value = 'dcas';
      kind.dispatchEvent(new Event('change'));
      await waitFor(() => root.querySelector('button[name="activate"]') !== null, 'the DCAS controls');
      expect(await el.ca.kind()).to.equal('dcas');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('the box panel names a missing lineup and still takes product ids', async () => {
    const realFetch = window.fetch;
    window.fetch = () => Promise.resolve(new Response('not found', { status: 404 }));
    try {
      const el = await mountEmulator({ deviceUrl: BOX_URL });
      const root = el.renderRoot.querySelector('yw-box-panel')?.shadowRoot;
      if (!root) throw new Error('no box panel');
      root.querySelector('details')?.setAttribute('open', '');
      await waitFor(() => root.querySelector('.error')?.textContent.includes('cannot read the lineup at /api/lineup: HTTP 404') === true, 'the lineup error');
      const form = root.querySelector<HTMLFormElement>('form[name="entitle"]');
      const product = form?.querySelector<HTMLInputElement>('input[name="product"]');
      if (!form || !product) throw new Error('no entitle form');
      product.value = '2002';
      form.requestSubmit();
      await waitFor(() => root.querySelector('tr[data-product="2002"] button[name="revoke"]') !== null, 'the typed product entitled');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('gives apps one player per box, playing channels as the test card', async () => {
    const el = await mountEmulator({ deviceUrl: BOX_URL });
    const device = deviceOf(el);
    expect(device.platform).to.equal('emulator');
    const player = device.createPlayer();
    expect(device.createPlayer()).to.equal(player);
    await player.play({ kind: 'channel', channel: { id: 't.1', number: 1, name: 'CCTV-1', kind: 'tv', scrambled: false, source: { type: 'testcard' }, origin: 'lineup' } });
    expect(player.state.status).to.equal('playing');
    expect(player.state.firstFrameAt).to.be.a('number');
    player.destroy();
    expect(device.createPlayer()).to.not.equal(player);
  });
});
