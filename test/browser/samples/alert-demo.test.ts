import { expect } from '@esm-bundle/chai';
import { Subject } from 'rxjs';
import type { AlertInput } from '../../../sdk/index.js';
import { startAlertDemo, type AlertDemoHandle, type AlertDemoState } from '../../../samples/alert-demo/app.js';
import { EMERGENCY_CHANNEL_NUMBER } from '../../../samples/alert-demo/sample-alerts.js';
import { alertTestPlatform, must, type AlertTestPlatform } from '../alerts/overlay-support.js';
import { ceaSection, mssText } from '../alerts/scte18-test-encoder.js';

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let dbSerial = 0;

describe('samples/alert-demo', function () {
  this.timeout(20_000);
  let container: HTMLDivElement;
  let box: AlertTestPlatform & { inbandAlerts: Subject<Uint8Array>; injectedAlerts: Subject<AlertInput> };
  let demo: AlertDemoHandle | undefined;
  let dbName: string;

  beforeEach(() => {
    container = document.createElement('div');
    container.style.cssText = 'position:fixed;inset:0';
    document.body.append(container);
    box = Object.assign(alertTestPlatform({ channel: { number: 1 }, volume: 30 }), {
      inbandAlerts: new Subject<Uint8Array>(), injectedAlerts: new Subject<AlertInput>(), region: '440305',
    });
    dbName = `yiwang-alert-demo-test-${Date.now()}-${++dbSerial}`;
  });

  afterEach(async () => {
    demo?.stop();
    demo = undefined;
    container.remove();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });

  async function start(region?: string): Promise<AlertDemoHandle> {
    demo = startAlertDemo(container, {
      platform: box, dbName, deliveryUrl: false, overlay: { tone: false, minDisplayMs: 0 }, ...(region ? { region } : {}),
    });
    await demo.ready;
    return demo;
  }

  const state = (): AlertDemoState => must(demo).state();

  it('shows a programme and takes its region from the box, or from the page', async () => {
    await start();
    expect(state().region).to.equal('440305');
    expect(state().delivery).to.equal('off');
    expect(state().overlay).to.equal('none');
    const bug = must(demo).element.shadowRoot?.querySelector('.bug .name');
    expect(bug?.textContent).to.equal('CCTV-1 综合');
    must(demo).stop();
    demo = undefined;
    await start('110105');
    expect(state().region).to.equal('110105');
  });

  it('a red sample takes over and force-tunes the emergency channel; cancelling tunes back', async () => {
    await start();
    const outcome = await must(demo).inject('red');
    expect(outcome).to.deep.equal({ accepted: true, action: 'added' });
    await waitFor(() => state().overlay === 'takeover', 'the takeover');
    expect(state().active.map((a) => a.level)).to.deep.equal([1]);
    await waitFor(() => box.channel?.number === EMERGENCY_CHANNEL_NUMBER, 'the force-tune');
    await waitFor(() => must(demo).element.shadowRoot?.querySelector('.bug .name')?.textContent === '应急广播频道', 'the programme to follow');
    await must(demo).cancelAll();
    await waitFor(() => state().overlay === 'none', 'the takeover to end');
    await waitFor(() => box.channel?.number === 1, 'the return to channel 1');
    expect(box.calls.filter((c) => c.startsWith('tune:'))).to.deep.equal([`tune:{"number":${EMERGENCY_CHANNEL_NUMBER}}`, 'tune:{"number":1}']);
  });

  it('injects samples with the remote: 3 yellow, 4 blue, 5 a drill; 0 cancels them all', async () => {
    await start();
    for (const key of ['3', '4', '5'] as const) {
      box.send('keydown', key);
      box.send('keyup', key);
    }
    await waitFor(() => state().active.length === 2 && state().drills.length === 1, 'three alerts');
    expect(state().overlay).to.equal('banner');
    expect(state().active.map((a) => a.level)).to.deep.equal([3, 4]);
    const banners = [...(must(demo).overlay.element.shadowRoot?.querySelectorAll('.banner') ?? [])];
    expect(banners).to.have.length(2);
    box.send('keydown', '0');
    box.send('keyup', '0');
    await waitFor(() => state().active.length === 0 && state().drills.length === 0, 'the cancels');
  });

  it('changes channel with CH+/CH−, but not while a takeover holds the remote', async () => {
    await start();
    box.send('keydown', 'ChannelUp');
    box.send('keyup', 'ChannelUp');
    await waitFor(() => box.channel?.number === 2, 'channel 2');
    await must(demo).inject('orange');
    await waitFor(() => state().overlay === 'takeover', 'the takeover');
    box.send('keydown', 'ChannelUp');
    box.send('keyup', 'ChannelUp');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(box.channel?.number).to.equal(2);
  });

  it('takes SCTE 18 sections from the tuner and XML injected by a QA tool', async () => {
    await start();
    box.inbandAlerts.next(ceaSection({
      eventId: 0x1234, sequence: 1, priority: 7, eventCode: 'SVR',
      nature: mssText(['eng', 'Severe Thunderstorm Warning']), alertText: mssText(['eng', 'A severe thunderstorm is approaching.']),
    }));
    box.inbandAlerts.next(new Uint8Array([0xd8, 0, 1, 2]));
    await waitFor(() => state().inband.received === 2 && state().inband.rejected === 1 && state().inband.accepted === 1, 'the sections');
    expect(state().active.map((a) => a.level)).to.deep.equal([3]);
    await waitFor(() => (must(demo).overlay.element.shadowRoot?.querySelector('.crawl')?.textContent ?? '').includes('thunderstorm'), 'the crawl');

    box.injectedAlerts.next(`<?xml version="1.0"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>QA-1</identifier><sender>qa@example.cn</sender>
<sent>${new Date().toISOString().slice(0, 19)}+00:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
<info><language>zh-CN</language><category>Safety</category><event>演示</event><urgency>Immediate</urgency><severity>Minor</severity>
<certainty>Observed</certainty><headline>QA 注入的蓝色预警</headline></info></alert>`);
    await waitFor(() => state().active.length === 2, 'the injected alert');
    expect(state().lastOutcome).to.deep.equal({ origin: 'local', outcome: { accepted: true, action: 'added' } });
  });
});
