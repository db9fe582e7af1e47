// Informal benchmark, not part of the suite (no `.test.ts`): prints timings, asserts nothing about time.
//   npx web-test-runner test/browser/epg/bench/store-import.bench.ts
//   npx web-test-runner --config test/browser/epg/bench/throttled.config.mjs test/browser/epg/bench/store-import.bench.ts
import { deleteDB } from 'idb';
import { grid, nowNext, search } from '../../../../sdk/epg/queries/index.js';
import { openGuide } from '../../../../sdk/epg/store/index.js';
import { channelId, guideBatches, seededRandom } from '../../support/generate-guide.js';

const HOUR = 3_600_000;
const RUNS = 3;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timed(count: number, run: (i: number) => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;
}

describe('guide store benchmark (70,000 programmes: 340 channels x 7 days)', function () {
  this.timeout(600_000);
  it('imports, re-imports and queries', async () => {
    const start = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;
    const spec = { channels: 340, hours: 7 * 24, start, seed: 7 };
    const batches = [...guideBatches(spec, 2000)];
    const count = batches.reduce((n, b) => n + b.programmes.length, 0);
    const name = `bench-import-${Date.now()}`;
    for (let run = 1; run <= RUNS; run++) {
      const runName = `${name}-${run}`;
      const guide = await openGuide({ name: runName });
      let maxGap = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const t = performance.now();
        maxGap = Math.max(maxGap, t - last);
        last = t;
      }, 0);
      const first = await guide.importBatches(batches);
      clearInterval(timer);
      const again = await guide.importBatches(batches);
      console.log(`run ${run}: import ${count} programmes ${first.durationMs.toFixed(0)} ms (${first.transactions} tx, `
        + `longest timer gap ${maxGap.toFixed(0)} ms); identical re-import ${again.durationMs.toFixed(0)} ms`);
      if (run === RUNS) {
        const random = seededRandom(99);
        const window = (): { from: number; first: number } => ({
          from: start + Math.floor(random() * (7 * 24 - 3)) * HOUR + Math.floor(random() * 4) * 900_000,
          first: 1 + Math.floor(random() * 330),
        });
        console.log(`grid 10 channels x 3 h: ${await timed(200, () => {
          const { from, first } = window();
          const channels = Array.from({ length: 10 }, (_, i) => channelId(first + i));
          return grid(guide, { channels, from, to: from + 3 * HOUR });
        })}`);
        console.log(`nowNext: ${await timed(200, () => nowNext(guide, channelId(1 + Math.floor(random() * 340)), window().from))}`);
        console.log(`search '新闻' limit 50: ${await timed(50, () => search(guide, '新闻', { limit: 50 }))}`);
        console.log(`search 'premier league' limit 50: ${await timed(50, () => search(guide, 'premier league', { limit: 50 }))}`);
      }
      guide.close();
      await deleteDB(runName);
    }
  });
});
