// Zap time and heap of samples/live-tv in the emulator (the built apps, served by the runner's headend).
//
// 1. Zap time, at each CPU throttling rate (1× and 4× by default): ChannelUp presses on the emulator's
//    remote (`emulator.press`, so the raw key goes through the box's key path and the SDK), one at a time:
//    the next press comes once the app's tuner finished the previous zap. The figure is the app's own
//    (`window.liveTv.zaps()`): the key event's timeStamp → the first frame of the new channel on screen, as the
//    tuner measures it from the player (the emulator's test card: a canvas stream in a <video>).
//    The box's card is inserted and every product of the lineup entitled first, so scrambled channels play
//    too; radio channels show no frame and are counted apart.
// 2. JS heap: ChannelUp presses at 1×; after 100 settled zaps and after 2,000 (YIWANG_BENCH_ZAP_HEAP_ZAPS to
//    change it; the zaps between back to back at a held key's pace, most superseded before their first frame,
//    YIWANG_BENCH_ZAP_HEAP=settled waits for every one; the last 50 settled), CDP
//    HeapProfiler.collectGarbage (three times) then
//    Runtime.getHeapUsage. The device frame is
//    same-origin, so it shares the emulator page's isolate: the figure covers both; the emulator's key and
//    tune logs are cleared before each reading so only the app's own growth remains.
// About 5 minutes on 2 cores (over 10 with YIWANG_BENCH_ZAP_HEAP=settled).
import { percentile, round } from './lib/stats.mjs';

export const name = 'zap';
export const title = 'Live TV zap time (key → first frame of the new channel) at 1× and 4× CPU, and JS heap after 100 vs later zaps';
export const order = 60;

const ZAPS_PER_THROTTLE = 60;
const WARMUP_ZAPS = 5;
/**
 * Heap readings after `early` and `late` zaps (the issue's 100 and 2,000). Every settled zap costs the emulator
 * ~140 ms of main-thread work here (test card, compositing, its key log), hence the back-to-back default.
 */
const HEAP_ZAPS = { early: 100, late: positiveEnvInt('YIWANG_BENCH_ZAP_HEAP_ZAPS', 2000) };
const TARGETS = { zapP95Ms: 300, heapGrowth: 0.1 };
const PRESS_HOLD_MS = 30;
/** Back-to-back presses: held 15 ms, the next 25 ms after the release (25 presses a second, a held CH+ key's pace). */
const FAST_PRESS = { holdMs: 15, gapMs: 25 };
/**
 * How the zaps between the 100th and the last 50 are paced: `backToBack` (default; keeps the run to a few
 * minutes) or `settled` (every zap shows its first frame: YIWANG_BENCH_ZAP_HEAP=settled, ~10 minutes here).
 */
const HEAP_PACING = process.env.YIWANG_BENCH_ZAP_HEAP === 'settled' ? 'settled' : 'backToBack';
const ZAP_TIMEOUT_MS = 10_000;

const EMULATOR = '/apps/emulator/';

function positiveEnvInt(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 150) throw new Error(`${name} must be an integer above 150 (100 settled zaps come first, 50 last), got "${text}"`);
  return n;
}

async function openLiveTv(ctx, label) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = `/samples/live-tv/index.html?db=bench-zap-${label}-${Date.now()}&guide=none`;
  await page.goto(`${ctx.baseUrl}${EMULATOR}?app=${encodeURIComponent(app)}`);
  await page.evaluate(() => window.emulator.ready);
  const device = page.frames().find((f) => f.url().includes('/samples/live-tv/'));
  if (!device) throw new Error('zap: the emulator did not load samples/live-tv into its device frame');
  await device.waitForFunction(() => window.liveTv !== undefined, undefined, { timeout: 30_000 });
  await device.evaluate(() => window.liveTv.ready);
  return { page, device, errors };
}

/** A ready card with every product of the lineup, so scrambled channels play. */
async function entitleEverything(ctx, page) {
  const lineup = await (await fetch(`${ctx.baseUrl}/api/lineup`)).json();
  const products = [...new Set((lineup.channels ?? []).flatMap((c) => c.ca?.productIds ?? []))];
  await page.evaluate(async (ids) => {
    const ca = window.emulator.ca;
    if (!ca) return;
    await ca.setCard('ready');
    for (const id of ids) await ca.entitle(id);
  }, products);
  return products.length;
}

/**
 * `count` ChannelUp presses; runs in the device frame (it reaches the emulator's API through its same-origin
 * parent). `settled`: each press once the previous zap finished (its first frame, or its failure).
 * `backToBack`: each press as soon as the remote released the previous key, as a viewer holding CH+ down
 * would; most tunes are then superseded before their first frame (each still ends as a zap, `interrupted`).
 * Resolves once every zap finished, with the zaps the app recorded for them.
 */
function zapInPage(device, count, pacing = 'settled') {
  return device.evaluate(async ({ count, hold, fastHold, fastGap, timeoutMs, pacing }) => {
    const hook = window.liveTv;
    const emulator = window.parent.emulator;
    const started = hook.state().zapCount;
    const finished = async (target, what) => {
      const until = performance.now() + timeoutMs;
      while (hook.state().zapCount < target) {
        if (performance.now() > until) throw new Error(`${what} did not finish within ${timeoutMs} ms: ${JSON.stringify(hook.state())}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const presses = [];
    for (let i = 0; i < count; i++) {
      if (pacing === 'settled') {
        await emulator.press('ChannelUp', { holdMs: hold });
        await finished(started + i + 1, `zap ${i + 1}`);
      } else {
        // The next press once this one was released on the remote, without waiting for the app to report it.
        presses.push(emulator.press('ChannelUp', { holdMs: fastHold }));
        await new Promise((r) => { setTimeout(r, fastHold + fastGap); });
      }
    }
    await Promise.all(presses);
    await finished(started + count, `the last of ${count} zaps`);
    return hook.zaps(count);
  }, { count, hold: PRESS_HOLD_MS, fastHold: FAST_PRESS.holdMs, fastGap: FAST_PRESS.gapMs, timeoutMs: ZAP_TIMEOUT_MS, pacing });
}

const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

function summarize(zaps) {
  const framed = zaps.filter((z) => z.ok && typeof z.zapMs === 'number').map((z) => z.zapMs);
  return {
    zaps: zaps.length,
    withFrame: framed.length,
    noFrame: zaps.filter((z) => z.ok && typeof z.zapMs !== 'number').length,
    failed: zaps.filter((z) => !z.ok).length,
    errors: [...new Set(zaps.filter((z) => !z.ok).map((z) => z.error))],
    p50: round(percentile(framed, 0.5), 1),
    p95: round(percentile(framed, 0.95), 1),
    max: round(Math.max(...framed), 1),
  };
}

/**
 * The V8 heap after three forced GCs: used size (Runtime.getHeapUsage), and from a heap snapshot the part that
 * is compiled code. Code grows for a while as V8 tiers hot functions up (baseline, then optimized code): that
 * is the engine warming up, not the app keeping objects, so the target compares the heap without it.
 */
async function heapUsed(page, cdp) {
  await page.evaluate(() => window.emulator.clearKeyLog());
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join(''));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let code = 0;
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const size = snapshot.nodes[i + sizeAt];
    total += size;
    if (types[snapshot.nodes[i + typeAt]] === 'code') code += size;
  }
  const mib = (bytes) => round(bytes / 2 ** 20, 2);
  return { usedMiB: mib(usedSize), snapshotMiB: mib(total), codeMiB: mib(code), withoutCodeMiB: mib(total - code) };
}

export async function run(ctx) {
  const rows = [];
  const results = { date: new Date().toISOString(), app: 'samples/live-tv in the emulator', runs: {} };
  const notes = [];

  for (const throttle of ctx.throttles) {
    const t0 = Date.now();
    const { page, device, errors } = await openLiveTv(ctx, `${throttle}x`);
    const products = await entitleEverything(ctx, page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await zapInPage(device, WARMUP_ZAPS);
    const zaps = await zapInPage(device, ZAPS_PER_THROTTLE);
    const s = summarize(zaps);
    results.runs[`${throttle}x`] = { ...s, entitledProducts: products, pageErrors: errors };
    rows.push({
      CPU: `${throttle}×`, measure: 'zap ms (key → first frame)', n: `${s.withFrame}/${s.zaps}`,
      p50: s.p50, p95: s.p95, max: s.max,
      target: `p95 < ${TARGETS.zapP95Ms}`, met: s.p95 < TARGETS.zapP95Ms ? '✓' : '✗',
      detail: `${s.noFrame} radio (no frame), ${s.failed} failed${s.errors.length ? ` (${s.errors.join(', ')})` : ''}`,
    });
    console.log(`  · ${throttle}× CPU: ${WARMUP_ZAPS + ZAPS_PER_THROTTLE} zaps in ${((Date.now() - t0) / 1000).toFixed(1)}s: p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms`);
    await page.context().close();
  }

  // Heap: one session at 1×, 100 zaps then up to 2,000.
  const t0 = Date.now();
  const { page, device } = await openLiveTv(ctx, 'heap');
  await entitleEverything(ctx, page);
  const cdp = await page.context().newCDPSession(page);
  await zapInPage(device, HEAP_ZAPS.early);
  const early = await heapUsed(page, cdp);
  // In slices, so one page evaluation never runs for minutes; the last ones settled, like the first 100.
  const lateSettled = 50;
  for (let done = HEAP_ZAPS.early; done < HEAP_ZAPS.late - lateSettled; done += 250) {
    await zapInPage(device, Math.min(250, HEAP_ZAPS.late - lateSettled - done), HEAP_PACING);
  }
  await zapInPage(device, lateSettled);
  const after = await heapUsed(page, cdp);
  const zapCount = await device.evaluate(() => window.liveTv.state().zapCount);
  const outcomes = await device.evaluate(() => window.liveTv.zaps().reduce((n, z) => n + (z.ok ? 0 : 1), 0));
  const growth = (after.withoutCodeMiB - early.withoutCodeMiB) / early.withoutCodeMiB;
  const usedGrowth = (after.usedMiB - early.usedMiB) / early.usedMiB;
  await page.context().close();
  console.log(`  · heap: ${zapCount} zaps in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  results.heap = {
    pacing: HEAP_PACING, afterEarly: { zaps: HEAP_ZAPS.early, ...early }, afterLate: { zaps: zapCount, ...after },
    growthWithoutCode: round(growth, 4), usedGrowth: round(usedGrowth, 4), failedAmongLast200: outcomes,
  };
  rows.push({
    CPU: '1×', measure: `heap snapshot MiB after ${HEAP_ZAPS.early} / ${zapCount} zaps, without code`, n: zapCount,
    p50: '', p95: '', max: '', heap: `${early.withoutCodeMiB} / ${after.withoutCodeMiB}`,
    target: `growth < ${TARGETS.heapGrowth * 100} %`, met: Math.abs(growth) < TARGETS.heapGrowth ? '✓' : '✗',
    detail: `${pct(growth)}; used (with code) ${early.usedMiB} → ${after.usedMiB} MiB ${pct(usedGrowth)}, code ${early.codeMiB} → ${after.codeMiB} MiB; zaps 101–${HEAP_ZAPS.late - 50} ${HEAP_PACING === 'settled' ? 'settled' : 'back to back'}`,
  });
  notes.push(
    'zap ms = the tuner\'s zapMs: the ChannelUp keydown\'s timeStamp → the player\'s first frame of the new channel (test card in a <video>).',
    'Presses through window.emulator.press (raw key → SDK → Lightning bridge → tuner.next), one zap at a time, every lineup product entitled.',
    'heap = heap snapshot (JS objects and the DOM objects they hold) after three forced GCs, emulator page and device frame (one isolate;',
    'the emulator\'s key log cleared first), without compiled code: V8 keeps compiling hot functions for a while, which is warm-up, not',
    'retained objects. "used" is Runtime.getHeapUsage (JS heap, code included).',
  );
  return { rows, notes, results };
}
