// (a) Key-to-paint latency of hello-remote focus moves, keys through the SDK, at 1× and 4× CPU throttling.
import { formatMs } from './lib/stats.mjs';

export const name = 'keyToPaint';
export const title = 'Key-to-paint: hello-remote focus moves, SDK keys (Event Timing + in-page rAF)';
export const order = 10;

export async function run(ctx) {
  const runs = {};
  const rows = [];
  for (const throttle of ctx.throttles) {
    const r = await ctx.keyLatency({ mode: 'sdk', throttle });
    runs[`${throttle}x`] = r;
    rows.push({
      CPU: `${throttle}×`,
      presses: r.presses,
      'ET reported': `${r.eventTiming.reported} (${(r.eventTiming.reportedShare * 100).toFixed(0)}%)`,
      'ET p50 ms': formatMs(r.eventTiming.p50),
      'ET p95 ms': formatMs(r.eventTiming.p95),
      'frame p50': formatMs(r.keyToFrameMs.p50),
      'frame p95': formatMs(r.keyToFrameMs.p95),
      'paint p50': formatMs(r.keyToPaintMs.p50),
      'paint p95': formatMs(r.keyToPaintMs.p95),
      'JS p50 µs': r.processingUs.p50,
      'JS p95 µs': r.processingUs.p95,
    });
  }
  return {
    rows,
    notes: [
      'ET = Event Timing keydown duration (timeStamp → next paint); it reports only events ≥ 16 ms, so a',
      'percentile that falls among unreported presses prints as "<16". frame/paint = in-page, every press:',
      'timeStamp → rAF after the handlers / → task queued from that rAF. JS = first capture → last bubble listener.',
    ],
    results: { date: new Date().toISOString(), app: 'samples/hello-remote (sdk mode)', runs },
  };
}
