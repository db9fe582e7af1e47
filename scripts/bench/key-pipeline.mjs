// (b) What the SDK key pipeline costs: the same focus moves with Lightning's own key handling
// (?keys=lightning) and through remoteKeys() → bridgeLightningKeys (default), per CPU throttling.
import { formatMs, round } from './lib/stats.mjs';

export const name = 'keyPipeline';
export const title = 'Key pipeline: Lightning keymap vs SDK remoteKeys → bridge (same app, same moves)';
export const order = 20;

const signed = (n) => (n >= 0 ? `+${n}` : String(n));
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? round(a / b, 2) : null);

function row(label, throttle, r) {
  return {
    CPU: `${throttle}×`,
    keys: label,
    presses: r.presses,
    'paint p50': formatMs(r.keyToPaintMs.p50),
    'paint p95': formatMs(r.keyToPaintMs.p95),
    'ET p50': formatMs(r.eventTiming.p50),
    'ET p95': formatMs(r.eventTiming.p95),
    'JS mean µs': r.processingUs.mean,
    'JS p50 µs': r.processingUs.p50,
    'JS p95 µs': r.processingUs.p95,
    'ET JS µs': r.eventTiming.processingMeanMsOfReported === null ? '–' : Math.round(r.eventTiming.processingMeanMsOfReported * 1000),
  };
}

export async function run(ctx) {
  const rows = [];
  const runs = { lightning: {}, sdk: {} };
  const comparison = {};
  for (const throttle of ctx.throttles) {
    const lightning = await ctx.keyLatency({ mode: 'lightning', throttle });
    const sdk = await ctx.keyLatency({ mode: 'sdk', throttle });
    runs.lightning[`${throttle}x`] = lightning;
    runs.sdk[`${throttle}x`] = sdk;
    const c = {
      keyToPaintP50Ratio: ratio(sdk.keyToPaintMs.p50, lightning.keyToPaintMs.p50),
      keyToPaintP95Ratio: ratio(sdk.keyToPaintMs.p95, lightning.keyToPaintMs.p95),
      processingMeanRatio: ratio(sdk.processingUs.mean, lightning.processingUs.mean),
      processingMeanDeltaUs: round(sdk.processingUs.mean - lightning.processingUs.mean, 0),
      processingP50Ratio: ratio(sdk.processingUs.p50, lightning.processingUs.p50),
      processingP50DeltaUs: round(sdk.processingUs.p50 - lightning.processingUs.p50, 0),
      processingP95DeltaUs: round(sdk.processingUs.p95 - lightning.processingUs.p95, 0),
    };
    comparison[`${throttle}x`] = c;
    rows.push(row('Lightning', throttle, lightning), row('SDK', throttle, sdk), {
      CPU: `${throttle}×`,
      keys: 'SDK/Lightning',
      presses: '',
      'paint p50': `×${c.keyToPaintP50Ratio}`,
      'paint p95': `×${c.keyToPaintP95Ratio}`,
      'ET p50': '',
      'ET p95': '',
      'JS mean µs': `×${c.processingMeanRatio} (${signed(c.processingMeanDeltaUs)})`,
      'JS p50 µs': `×${c.processingP50Ratio} (${signed(c.processingP50DeltaUs)})`,
      'JS p95 µs': signed(c.processingP95DeltaUs),
      'ET JS µs': '',
    });
  }
  return {
    rows,
    notes: [
      'JS = main-thread time for one keydown, first capture listener → last bubble listener on window',
      '(Lightning: _receiveKeydown; SDK: KeyMap + rxjs press semantics + bridge + the same handlers).',
      'ET JS = Event Timing processingEnd − processingStart (all keydown listeners), mean over reported presses.',
      'Both modes run side by side, alternating every 13 presses, so they share the machine\'s load.',
    ],
    results: { date: new Date().toISOString(), app: 'samples/hello-remote', runs, sdkVsLightning: comparison },
  };
}
