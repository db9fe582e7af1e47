// Informal benchmark, not part of the suite (no `.test.ts`): run with
//   npx web-test-runner test/browser/epg/bench/store-import.bench.ts
// It prints timings; nothing is asserted on time.
import { deleteDB } from 'idb';
import { openGuide } from '../../../../sdk/epg/store/index.js';
import { guideBatches } from '../../support/generate-guide.js';

const HOUR = 3_600_000;

describe('store import benchmark', function () {
  this.timeout(180_000);
  it('imports 70,000 programmes', async () => {
    const name = `bench-import-${Date.now()}`;
    const start = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;
    const spec = { channels: 340, hours: 7 * 24, start, seed: 7 };
    const batches = [...guideBatches(spec, 2000)];
    const count = batches.reduce((n, b) => n + b.programmes.length, 0);
    const guide = await openGuide({ name });
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const t = performance.now();
      maxGap = Math.max(maxGap, t - last);
      last = t;
    }, 0);
    const first = await guide.importBatches(batches);
    clearInterval(timer);
    console.log(`first import: ${count} programmes in ${first.durationMs.toFixed(0)} ms (${first.transactions} tx, longest timer gap ${maxGap.toFixed(0)} ms)`);
    const again = await guide.importBatches(batches);
    console.log(`re-import: ${again.durationMs.toFixed(0)} ms, superseded ${again.superseded}`);
    guide.close();
    await deleteDB(name);
  });
});
