import { expect } from '@esm-bundle/chai';
import { deleteDB } from 'idb';
import { ErrorCode } from '../../../sdk/index.js';
import { installAutomationApi } from '../../../apps/emulator/automation-api.js';
import type { YwEmulator } from '../../../apps/emulator/emulator-app.js';
import type { EpgGridHook } from '../../../samples/epg-grid/main.js';
import { generateGuide } from '../support/generate-guide.js';
import { toXmltv } from '../support/xmltv-text.js';
import { mountEmulator, PLAIN_URL, rejection, unmountAll, waitFor } from './helpers.js';

const HOUR = 3_600_000;
const T = Math.floor(Date.now() / HOUR) * HOUR;
const guide = generateGuide({ channels: 3, hours: 6, start: T - HOUR, ids: 'xmltv', seed: 5 });
const xml = toXmltv(guide);

/** The epg-grid sample running in the device frame. */
function gridOf(el: YwEmulator): EpgGridHook {
  const hook = el.deviceFrame?.contentWindow?.epgGrid;
  if (!hook) throw new Error('the epg-grid sample is not running in the device');
  return hook;
}

function panelText(el: YwEmulator): string {
  return el.renderRoot.querySelector('yw-epg-panel')?.shadowRoot?.textContent.replace(/\s+/g, ' ') ?? '';
}

describe('emulator: EPG panel and emulator.epg', function () {
  this.timeout(20_000);
  let db = '';

  beforeEach(() => {
    db = `test-emulator-epg-${crypto.randomUUID()}`;
  });

  afterEach(async () => {
    unmountAll();
    delete window.emulator;
    await deleteDB(db);
  });

  const mountGrid = (): Promise<YwEmulator> => mountEmulator({ deviceUrl: `/samples/epg-grid/index.html?db=${db}` });

  it('emulator.epg.load puts an XMLTV guide into the epg-grid sample and reports the summary', async () => {
    const el = await mountGrid();
    const api = installAutomationApi(el);
    const bytes = new TextEncoder().encode(xml);
    const result = await api.epg.load(bytes, { name: 'three.xml' });
    expect(result).to.include({ name: 'three.xml', format: 'xmltv', channels: 3, programmes: guide.programmes.length, skipped: 0 });
    expect(result.error).to.equal(undefined);
    // The caller's bytes were copied, not transferred away.
    expect(bytes.length).to.be.greaterThan(0);
    await waitFor(() => gridOf(el).state().channels === 3, 'the grid showing the imported channels');
    await gridOf(el).firstGridPaint;
    expect(gridOf(el).state().dom.programmeCells).to.be.greaterThan(0);

    await el.updateComplete;
    const panel = el.renderRoot.querySelector('yw-epg-panel');
    await panel?.updateComplete;
    const field = (name: string): string | null | undefined => panel?.shadowRoot?.querySelector(`[data-field="${name}"]`)?.textContent;
    expect(field('channels')).to.equal('3');
    expect(field('programmes')).to.equal(String(guide.programmes.length));
    expect(panelText(el)).to.contain('three.xml').and.contain('xmltv');
    expect(el.logEntries.some((e) => e.type === 'note' && e.text.startsWith('EPG "three.xml" imported as xmltv'))).to.equal(true);
  });

  it('loads from a URL with a chosen format, and shows a failed import with its error', async () => {
    const el = await mountGrid();
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    try {
      const result = await el.epg.load(url, { format: 'xmltv', name: 'blob.xml' });
      expect(result).to.include({ format: 'xmltv', channels: 3 });
    } finally {
      URL.revokeObjectURL(url);
    }
    const bad = await el.epg.load(new TextEncoder().encode('not a guide at all'), { name: 'junk.bin' });
    expect(bad.error?.code).to.equal(ErrorCode.EpgFormatUnknown);
    await el.updateComplete;
    const panel = el.renderRoot.querySelector('yw-epg-panel');
    await panel?.updateComplete;
    expect(panel?.shadowRoot?.querySelector('.error')?.textContent).to.contain('Cannot tell the EPG format');

    const missing = await rejection(el.epg.load('/no/such/guide.xml'));
    expect(missing.message).to.match(/^emulator\.epg\.load: cannot fetch \/no\/such\/guide\.xml: HTTP 404/);
  });

  it('the panel loads a chosen file', async () => {
    const el = await mountGrid();
    await el.updateComplete;
    const panel = el.renderRoot.querySelector('yw-epg-panel');
    await panel?.updateComplete;
    const root = panel?.shadowRoot;
    const input = root?.querySelector<HTMLInputElement>('input[type="file"]');
    const form = root?.querySelector('form');
    if (!input || !form) throw new Error('no EPG panel form');
    const files = new DataTransfer();
    files.items.add(new File([xml], 'picked.xml', { type: 'application/xml' }));
    input.files = files.files;
    form.requestSubmit();
    await waitFor(() => panelText(el).includes('✓ Imported'), 'the import summary', 10_000);
    expect(panelText(el)).to.contain('picked.xml').and.contain(`${guide.programmes.length}`);
    await waitFor(() => gridOf(el).state().channels === 3, 'the grid showing the imported channels');
  });

  it('keeps feeds sent before the app connects its store (up to four), answering older ones as dropped', async () => {
    const el = await mountEmulator({ deviceUrl: `/test/browser/emulator/fixtures/epg-device.html?db=${db}` });
    const device = el.deviceFrame?.contentWindow?.epgDevice;
    if (!device) throw new Error('the guide-feed fixture is not running');
    await device.ready;
    expect(el.renderRoot.querySelector('yw-epg-panel')?.connected).to.equal(false);
    const bytes = new TextEncoder().encode(xml);
    const loads = [1, 2, 3, 4, 5].map((n) => el.epg.load(bytes, { name: `feed-${n}.xml` }));
    const dropped = await loads[0];
    expect(dropped?.error?.message).to.match(/^dropped: the app had not connected its guide store/);
    device.connect();
    const results = await Promise.all(loads.slice(1));
    expect(results.map((r) => [r.name, r.channels, r.error])).to.deep.equal([2, 3, 4, 5].map((n) => [`feed-${n}.xml`, 3, undefined]));
    expect(await device.channels()).to.equal(3);
    await el.updateComplete;
    expect(el.renderRoot.querySelector('yw-epg-panel')?.connected).to.equal(true);
    device.disconnect();
    await waitFor(() => el.renderRoot.querySelector('yw-epg-panel')?.connected === false, 'the panel to see the app disconnect');
  });

  it('rejects with a clear error when the device app does not take guide feeds', async () => {
    const el = await mountEmulator({ deviceUrl: PLAIN_URL });
    const error = await rejection(el.epg.load(new TextEncoder().encode(xml), { name: 'lost.xml', timeoutMs: 300 }));
    expect(error.message).to.equal('The device did not answer the guide "lost.xml" within 0.3 s: the app has not connected '
      + 'its guide store to the box\'s feeds (the Yiwang SDK\'s connectEpgFeeds); the page never said hello, so it may not '
      + 'run the SDK at all');
    await el.updateComplete;
    expect(panelText(el)).to.contain('lost.xml: failed');
  });
});
