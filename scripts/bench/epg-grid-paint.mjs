// Time to the first rendered grid of samples/epg-grid (the built app, as served by the headend) at 4× CPU
// throttling, and at 1× for reference: cold (empty store, the app imports a 400-channel × 7-day guide from
// ?guide=) and warm (the store already holds that guide, the page is opened again). The figure is the
// app's own `firstGridPaint`: performance.now() — i.e. since navigation start — in the frame after the
// first grid with programme cells was rendered.
import { generateXmltv } from './lib/generate-xmltv.mjs';
import { percentile, round } from './lib/stats.mjs';

export const name = 'epgGridPaint';
export const title = 'EPG grid: time to first rendered grid in samples/epg-grid (4× and 1× CPU), cold and warm store';
export const order = 45;

const WARM_RUNS = 3;

async function openGrid(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.epgGrid !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => window.epgGrid.firstGridPaint);
}

export async function run(ctx) {
  const guide = Buffer.from(generateXmltv({ channels: 400, days: 7 }).xml, 'utf8');
  const rows = [];
  const results = {};
  for (const throttle of [4, 1]) {
    const page = await ctx.newPage();
    // The guide's channel logos point at a made-up host; this machine has no network to fetch them from.
    await page.route((url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost', (route) => route.abort());
    // A predicate, not a glob: the page's own URL carries the guide path in its query string.
    await page.route((url) => url.pathname === '/bench-epg-grid/guide.xml', (route) => route.fulfill({ contentType: 'application/xml', body: guide }));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const db = `bench-grid-${throttle}-${Date.now()}`;
    const base = `${ctx.baseUrl}/samples/epg-grid/index.html?db=${db}`;
    const cold = await openGrid(page, `${base}&guide=/bench-epg-grid/guide.xml`);
    const imported = await page.evaluate(async () => {
      const result = await window.epgGrid.defaultGuide;
      return result ? { programmes: result.programmes, ms: result.ms, error: result.error?.message } : undefined;
    });
    const warm = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await openGrid(page, base));
    await page.context().close();
    const warmP50 = percentile(warm, 0.5);
    results[`${throttle}x`] = { coldMs: round(cold, 0), warmMs: warm.map((w) => round(w, 0)), warmP50Ms: round(warmP50, 0), imported };
    rows.push(
      { CPU: `${throttle}×`, store: 'cold: empty, importing ?guide=', runs: 1, 'first grid ms': round(cold, 0), target: throttle === 4 ? '< 1000 ms' : '', met: throttle === 4 ? (cold < 1000 ? '✓' : '✗') : '', detail: imported ? `import of ${imported.programmes} programmes took ${round(imported.ms, 0)} ms${imported.error ? `, error ${imported.error}` : ''}` : 'no import ran' },
      { CPU: `${throttle}×`, store: 'warm: guide already stored', runs: WARM_RUNS, 'first grid ms': `${round(warmP50, 0)} (p50 of ${warm.map((w) => round(w, 0)).join(', ')})`, target: throttle === 4 ? '< 1000 ms' : '', met: throttle === 4 ? (warmP50 < 1000 ? '✓' : '✗') : '', detail: '' },
    );
  }
  return {
    rows,
    notes: [
      'first grid = the app\'s firstGridPaint (performance.now() from navigation start, in the frame after the first programme cells rendered).',
      'Generated guide 400 ch × 7 d (about 70,000 programmes), served from memory; IndexedDB in the runner\'s off-the-record context (in memory).',
      'Cold: the grid waits for the first import transaction of the guide to land, so it includes fetching and parsing the start of the guide.',
    ],
    results,
  };
}
