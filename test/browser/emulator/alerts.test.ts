import { expect } from '@esm-bundle/chai';
import { deleteDB } from 'idb';
import { installAutomationApi } from '../../../apps/emulator/automation-api.js';
import type { YwEmulator } from '../../../apps/emulator/emulator-app.js';
import { AlertTemplates, fromHex, scte18Section, toHex, TEMPLATE_DETAILS_CHANNEL } from '../../../apps/emulator/alert-templates.js';
import { parseAlert } from '../../../sdk/index.js';
import type { AlertDemoHook } from '../../../samples/alert-demo/main.js';
import { mountEmulator, rejection, unmountAll, waitFor } from './helpers.js';

/** The alert-demo sample running in the device frame. */
function demoOf(el: YwEmulator): AlertDemoHook {
  const hook = el.deviceFrame?.contentWindow?.alertDemo;
  if (!hook) throw new Error('the alert-demo sample is not running in the device');
  return hook;
}

function statusText(el: YwEmulator): string {
  return el.renderRoot.querySelector('.status')?.textContent.replace(/\s+/g, ' ') ?? '';
}

describe('emulator: alert panel, emulator.alerts and the region', function () {
  this.timeout(30_000);
  let db = '';
  const templates = new AlertTemplates();
  const realFetch = window.fetch;

  beforeEach(() => {
    db = `test-emulator-alerts-${crypto.randomUUID()}`;
  });

  afterEach(async () => {
    window.fetch = realFetch;
    unmountAll();
    delete window.emulator;
    await deleteDB(db);
  });

  const mountDemo = async (): Promise<YwEmulator> => {
    const el = await mountEmulator({ deviceUrl: `/samples/alert-demo/index.html?db=${db}&delivery=off&min=0` });
    await demoOf(el).ready;
    return el;
  };

  it('builds templates the SDK parsers read: red with a details channel, yellow, cancel, drill, SCTE 18', () => {
    const red = parseAlert(templates.build('red-details', '110105'));
    expect([red.level, red.detailsChannel, red.areas[0]?.regionCodes]).to.deep.equal([1, { number: TEMPLATE_DETAILS_CHANNEL }, ['110105000000']]);
    expect(parseAlert(templates.build('yellow', '110105')).level).to.equal(3);
    const cancel = parseAlert(templates.build('cancel-red', '110105'));
    expect([cancel.msgType, cancel.referenceKeys]).to.deep.equal(['cancel', [red.key]]);
    expect(parseAlert(templates.build('drill', '110105')).status).to.equal('exercise');
    const hex = templates.build('scte18', '110105');
    const section = parseAlert(fromHex(hex) ?? new Uint8Array(), 'scte18');
    expect(section.level).to.equal(3);
    expect(Object.values(section.texts)[0]?.description ?? Object.values(section.texts)[0]?.headline).to.contain('强对流天气黄色预警');
    expect(fromHex('zz')).to.equal(undefined);
    expect(toHex(new Uint8Array([1, 255]))).to.equal('01 ff\n');
  });

  it('passes the region to the device in the frame name; setRegion reboots it', async () => {
    const el = await mountDemo();
    const api = installAutomationApi(el);
    expect(api.region).to.equal(undefined);
    expect(demoOf(el).state().region).to.equal('110105');
    const frame = el.deviceFrame;
    await api.setRegion('310104');
    expect(el.deviceFrame).to.not.equal(frame);
    expect(el.deviceFrame?.name).to.equal('yiwang-emulator:{"profile":"keyboard","region":"310104"}');
    await demoOf(el).ready;
    expect(demoOf(el).state().region).to.equal('310104');
    expect(api.region).to.equal('310104');
    expect(statusText(el)).to.contain('Region 区域: 310104');
    expect((await rejection(api.setRegion('3101'))).message).to.contain('is not a region code');
  });

  it('injects XML as a local message: a red alert takes over and force-tunes the box, a cancel tunes back', async () => {
    const el = await mountDemo();
    const api = installAutomationApi(el);
    expect(api.tuner()).to.deep.equal({ channel: { number: 1 }, volume: 30, muted: false });
    await api.alerts.inject(templates.build('red-details', '110105'));
    await waitFor(() => demoOf(el).state().overlay === 'takeover', 'the takeover');
    await waitFor(() => api.tuner().channel?.number === TEMPLATE_DETAILS_CHANNEL, 'the force-tune');
    // The overlay raised the volume for the alert.
    await waitFor(() => api.tuner().volume === 70, 'the alert volume');
    expect(statusText(el)).to.contain(`Channel 频道: ${TEMPLATE_DETAILS_CHANNEL}`);
    // Keys are held: the demo never sees ChannelUp.
    await api.press('ChannelUp');
    expect(api.tuner().channel?.number).to.equal(TEMPLATE_DETAILS_CHANNEL);

    await api.alerts.inject(templates.build('cancel-red', '110105'));
    await waitFor(() => demoOf(el).state().overlay === 'none', 'the takeover to end');
    await waitFor(() => api.tuner().channel?.number === 1 && api.tuner().volume === 30, 'channel 1 and the old volume');
  });

  it('injects an SCTE 18 section in-band: the app parses it from platform.inbandAlerts', async () => {
    const el = await mountDemo();
    const api = installAutomationApi(el);
    const section = scte18Section({
      eventId: 0x0101, sequence: 3, priority: 3, eventCode: 'ADR', nature: 'Test', text: 'Administrative message', durationMinutes: 30,
    });
    await api.alerts.inject(section);
    await waitFor(() => demoOf(el).state().inband.accepted === 1, 'the in-band alert');
    expect(demoOf(el).state().active.map((a) => a.level)).to.deep.equal([4]);
    expect(demoOf(el).state().overlay).to.equal('banner');
    // The same section as hex, again: a duplicate by sequence number.
    await api.alerts.inject(toHex(section));
    await waitFor(() => demoOf(el).state().inband.received === 2, 'the repeat');
    expect(demoOf(el).state().active).to.have.length(1);
    expect((await rejection(api.alerts.inject('   '))).message).to.contain('emulator.alerts.inject');
  });

  it('sends through the headend: POST /api/alerts on its own origin, with the answer', async () => {
    const el = await mountEmulator();
    const api = installAutomationApi(el);
    const posts: { url: string; type: string | null; body: unknown }[] = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      posts.push({ url: input instanceof Request ? input.url : input.toString(), type: new Headers(init?.headers).get('Content-Type'), body: init?.body });
      return Promise.resolve(new Response(JSON.stringify({ key: 'ebm:1', format: 'ebd', msgType: 'alert', topics: [] }), { status: 202 }));
    };
    const xml = templates.build('yellow', '110105');
    expect(await api.alerts.send(xml)).to.deep.equal({ status: 202, body: { key: 'ebm:1', format: 'ebd', msgType: 'alert', topics: [] } });
    expect(posts[0]).to.deep.include({ url: new URL('/api/alerts', location.href).href, type: 'application/xml; charset=utf-8', body: xml });
    await api.alerts.send(new Uint8Array([0xd8, 1]));
    expect(posts[1]?.type).to.equal('application/octet-stream');

    window.fetch = () => Promise.resolve(new Response(JSON.stringify({ error: 'AlertRejected', reason: 'no sender' }), { status: 400 }));
    expect((await api.alerts.send('<alert/>')).status).to.equal(400);
    const panel = el.renderRoot.querySelector('yw-alert-panel');
    await panel?.updateComplete;
    expect(panel?.shadowRoot?.textContent).to.contain('headend answered 400: no sender');

    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect((await rejection(api.alerts.send('<alert/>'))).message).to.contain('the headend cannot be reached');
  });

  it('the panel sets the region and injects the template in the editor', async () => {
    const el = await mountDemo();
    const panel = el.renderRoot.querySelector('yw-alert-panel');
    if (!panel?.shadowRoot) throw new Error('no alert panel');
    panel.open = true;
    await panel.updateComplete;
    const root = panel.shadowRoot;
    const regionInput = root.querySelector<HTMLInputElement>('input[name="region"]');
    if (!regionInput) throw new Error('no region input');
    regionInput.value = '440305';
    root.querySelector<HTMLFormElement>('form')?.requestSubmit();
    await waitFor(() => el.deviceFrame?.name.includes('440305') === true && el.deviceFrame.contentWindow?.alertDemo !== undefined,
      'the reboot with the region', 5000);
    await demoOf(el).ready;
    await waitFor(() => demoOf(el).state().region === '440305', 'the demo to read the region');

    const select = root.querySelector<HTMLSelectElement>('select[name="template"]');
    if (!select) throw new Error('no template select');
    select.value = 'yellow';
    select.dispatchEvent(new Event('change'));
    await panel.updateComplete;
    expect(panel.message).to.contain('<value>440305</value>');
    root.querySelector<HTMLButtonElement>('button[name="inject"]')?.click();
    await waitFor(() => demoOf(el).state().active.some((a) => a.level === 3), 'the injected yellow alert');
  });
});
