// Bundled by scripts/bench/epg-store.mjs for Chromium: parses an XMLTV guide with the SDK's source into
// an array of batches, imports them into fresh IndexedDB guide stores and times queries over the result.
// Node drives it step by step (so it can sample the heap over CDP while a step runs).
import { createEpgReport, findEpgSource, grid, nowNext, openGuide, search } from '../../../dist/sdk/index.js';

const HOUR = 3_600_000;
const QUARTER = 900_000;

let bytes;
let batches = [];
/** What the parsed guide covers: channel ids in guide order, first start, last end. */
let guide = { channelIds: [], start: 0, end: 0 };
/** The store of the last `importFresh`, kept open for `reimport` and the queries. */
let store;

async function* chunksOf(data, size = 1 << 16) {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

/** A seeded generator (a 32-bit linear congruential one, top bits), so runs pick the same windows. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * How long the main thread stays unavailable while `work` runs: the longest gap between two callbacks
 * of a setTimeout(0) chain and of a requestAnimationFrame chain, and the long tasks (≥ 50 ms) reported.
 */
async function withResponsiveness(work) {
  let running = true;
  let timerGap = 0;
  let frameGap = 0;
  const longTasks = [];
  const observer = typeof PerformanceObserver === 'function'
    && PerformanceObserver.supportedEntryTypes?.includes('longtask')
    ? new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    })
    : undefined;
  observer?.observe({ type: 'longtask' });
  let lastTimer = performance.now();
  const onTimer = () => {
    const t = performance.now();
    timerGap = Math.max(timerGap, t - lastTimer);
    lastTimer = t;
    if (running) setTimeout(onTimer, 0);
  };
  let lastFrame;
  const onFrame = (t) => {
    if (lastFrame !== undefined) frameGap = Math.max(frameGap, t - lastFrame);
    lastFrame = t;
    if (running) requestAnimationFrame(onFrame);
  };
  setTimeout(onTimer, 0);
  requestAnimationFrame(onFrame);
  const t0 = performance.now();
  let value;
  try {
    value = await work();
  } finally {
    running = false;
  }
  const ms = performance.now() - t0;
  // The gap still open when the work ended counts too.
  timerGap = Math.max(timerGap, performance.now() - lastTimer);
  observer?.takeRecords().forEach((entry) => longTasks.push(entry.duration));
  observer?.disconnect();
  return {
    ms, value, timerGapMs: timerGap, frameGapMs: frameGap,
    longTasks: longTasks.length, longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
  };
}

function deleteDatabase(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`deleting ${name} is blocked by an open connection`));
  });
}

/** Latencies of `count` calls of `query(random)`, after `warmup` untimed ones. */
async function timeQueries(count, warmup, seed, query) {
  const random = seeded(seed);
  for (let i = 0; i < warmup; i++) await query(random);
  const times = [];
  let items = 0;
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const n = await query(random);
    times.push(performance.now() - t0);
    items += n;
  }
  return { times, meanItems: items / count };
}

window.benchEpgStore = {
  isolated: () => globalThis.crossOriginIsolated === true,

  async load(url) {
    bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    return bytes.length;
  },

  /** Parses the loaded bytes into an array of batches (kept for the imports). */
  async parse() {
    const report = createEpgReport();
    const parsed = [];
    const t0 = performance.now();
    for await (const batch of findEpgSource('xmltv').parse(chunksOf(bytes), report)) parsed.push(batch);
    const ms = performance.now() - t0;
    batches = parsed;
    const channelIds = [];
    let start = Infinity;
    let end = -Infinity;
    let programmes = 0;
    for (const batch of batches) {
      for (const channel of batch.channels) channelIds.push(channel.id);
      for (const p of batch.programmes) {
        start = Math.min(start, p.start);
        end = Math.max(end, p.end);
      }
      programmes += batch.programmes.length;
    }
    guide = { channelIds, start, end };
    return { ms, batches: batches.length, channels: channelIds.length, programmes, skipped: report.skipped, repaired: report.repaired, start, end };
  },

  /** Imports the parsed batches into a new store `name` (left open for `reimport` and the queries). */
  async importFresh(name) {
    store = await openGuide({ name });
    // `now` at the guide's start: the generated guide has fixed dates, and none of it may expire.
    const r = await withResponsiveness(() => store.importBatches(batches, { now: guide.start }));
    return { ...r, value: undefined, summary: r.value };
  },

  /** The same batches again into the open store: every programme is an upsert of an identical one. */
  async reimport() {
    const r = await withResponsiveness(() => store.importBatches(batches, { now: guide.start }));
    return { ...r, value: undefined, summary: r.value };
  },

  async dropStore() {
    const name = store.name;
    store.close();
    store = undefined;
    await deleteDatabase(name);
  },

  /** Grid of 10 consecutive channels from a random one × 3 h from a random quarter hour of the guide. */
  async grids(count, seed) {
    const ids = guide.channelIds;
    const quarters = Math.floor((guide.end - guide.start - 3 * HOUR) / QUARTER);
    return timeQueries(count, 10, seed, async (random) => {
      const first = Math.floor(random() * (ids.length - 10));
      const from = guide.start + Math.floor(random() * quarters) * QUARTER;
      const rows = await grid(store, { channels: ids.slice(first, first + 10), from, to: from + 3 * HOUR });
      return rows.reduce((n, row) => n + row.cells.filter((c) => c.kind === 'programme').length, 0);
    });
  },

  async nowNexts(count, seed) {
    const ids = guide.channelIds;
    return timeQueries(count, 10, seed, async (random) => {
      const channelId = ids[Math.floor(random() * ids.length)];
      const at = guide.start + random() * (guide.end - guide.start);
      const r = await nowNext(store, channelId, at);
      return (r.now ? 1 : 0) + (r.next ? 1 : 0);
    });
  },

  async searches(text, count) {
    return timeQueries(count, 3, 1, async () => (await search(store, text)).length);
  },
};
