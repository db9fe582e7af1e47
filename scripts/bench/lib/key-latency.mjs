// Drives hello-remote with trusted key presses (CDP input through playwright) and measures, per press:
//  - Event Timing (PerformanceObserver 'event', durationThreshold 16, buffered): keydown → next paint,
//    reported only for events of 16 ms or more;
//  - in page, for every press: event.timeStamp → the requestAnimationFrame after the handlers (next frame)
//    → a MessageChannel task queued from that rAF (≈ the frame has been produced: the paint);
//  - JS processing per keydown: a capture listener registered first on window (before the app loads) to
//    a bubble listener registered last on window (after the app and the SDK registered theirs).
import { censoredPercentile, mean, round, summary } from './stats.mjs';

/** The Event Timing API's smallest durationThreshold, and so the smallest duration it reports. */
export const EVENT_TIMING_THRESHOLD_MS = 16;

// One lap of the 4×6 grid from the top-left tile back to it; every press moves focus.
const LAP = [
  ...Array(5).fill('ArrowRight'), 'ArrowDown', ...Array(5).fill('ArrowLeft'), 'ArrowDown',
  ...Array(5).fill('ArrowRight'), 'ArrowDown', ...Array(5).fill('ArrowLeft'), 'ArrowUp', 'ArrowUp', 'ArrowUp',
];
const STEP = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };

/** `count` arrow presses along the lap, and the focus they end on (starting at [0, 0]). */
export function movePlan(count) {
  const keys = Array.from({ length: count }, (_, i) => LAP[i % LAP.length]);
  const focus = [0, 0];
  for (const key of keys) {
    focus[0] += STEP[key][0];
    focus[1] += STEP[key][1];
  }
  return { keys, focus };
}

// Runs in the page before any of its scripts (page.addInitScript), so its capture listeners are first.
function installKeyProbe(threshold) {
  const probe = { presses: [], entries: [], recording: false, eventTiming: false, current: undefined, unpainted: 0 };
  window.__keyProbe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name !== 'keydown') continue;
        probe.entries.push({
          startTime: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd,
        });
      }
    }).observe({ type: 'event', durationThreshold: threshold, buffered: true });
    probe.eventTiming = true;
  } catch {
    probe.eventTiming = false;
  }
  // The frame after a key event: rAF queued now runs after the app's own rAF (Lightning draws there), and a
  // task queued from that rAF runs once the frame has been committed (≈ painted).
  const afterNextFrame = (onFrame, onPainted) => {
    probe.unpainted += 1;
    requestAnimationFrame(() => {
      onFrame(performance.now());
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.unpainted -= 1;
        onPainted(performance.now());
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    });
  };
  window.addEventListener('keydown', (e) => {
    if (!e.isTrusted || e.repeat) return;
    const press = { key: e.key, ts: e.timeStamp, start: performance.now(), end: Number.NaN, frame: Number.NaN, painted: Number.NaN };
    if (probe.recording) probe.presses.push(press);
    probe.current = press;
    afterNextFrame((t) => { press.frame = t; }, (t) => { press.painted = t; });
  }, { capture: true });
  window.addEventListener('keyup', (e) => {
    if (e.isTrusted) afterNextFrame(() => undefined, () => undefined);
  }, { capture: true });
  probe.addLastListener = () => {
    window.addEventListener('keydown', (e) => {
      const press = probe.current;
      if (press && e.timeStamp === press.ts) press.end = performance.now();
    });
  };
  // Resolves once every key event so far has had its frame painted.
  probe.settled = () => new Promise((resolve) => {
    const check = () => (probe.unpainted > 0 ? setTimeout(check, 1) : resolve(performance.now()));
    check();
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function openApp(ctx, mode, throttle) {
  const page = await ctx.newPage();
  await page.addInitScript(installKeyProbe, EVENT_TIMING_THRESHOLD_MS);
  const query = mode === 'lightning' ? '?keys=lightning' : '';
  await page.goto(`${ctx.baseUrl}/samples/hello-remote/${query}`);
  await page.waitForFunction(() => window.helloRemote !== undefined, undefined, { timeout: 20000 });
  await page.evaluate(() => window.helloRemote.ready);
  const info = await page.evaluate(() => {
    window.__keyProbe.addLastListener();
    return { crossOriginIsolated: window.crossOriginIsolated, eventTiming: window.__keyProbe.eventTiming, state: window.helloRemote.state() };
  });
  if (info.state.mode !== mode) throw new Error(`hello-remote started in ${info.state.mode} mode, wanted ${mode}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { mode, page, cdp, info, pressed: 0, recordingFrom: 0, next: 0 };
}

// Press; release `holdMs` later but not before the press's frame is painted (a remote press lasts
// ~100 ms, so its keyup does not compete with the keydown's frame); the next press comes `paceMs`
// after this one, or once the release's frame is painted too, so slow frames never queue presses up.
async function pressOnce(app, key, { paceMs, holdMs }) {
  await sleep(app.next - performance.now());
  const pressedAt = performance.now();
  await app.page.keyboard.down(key);
  await app.page.evaluate(() => window.__keyProbe.settled());
  await sleep(pressedAt + holdMs - performance.now());
  await app.page.keyboard.up(key);
  await app.page.evaluate(() => window.__keyProbe.settled());
  app.next = Math.max(pressedAt + paceMs, performance.now());
  app.pressed += 1;
}

/**
 * Loads hello-remote once per mode ('sdk' | 'lightning') under CPU throttling `throttle` and presses
 * arrows in each, alternating between them every `chunk` presses so both modes see the same machine
 * load. Options: presses (measured, per mode), warmup (unmeasured, first), paceMs, holdMs, chunk.
 * Returns one result per mode.
 */
export async function measureKeyLatency(ctx, { modes, throttle, presses, warmup, paceMs, holdMs, chunk = 13 }) {
  const apps = [];
  try {
    for (const mode of modes) apps.push(await openApp(ctx, mode, throttle));
    const plan = movePlan(warmup + presses);
    for (let from = 0; from < plan.keys.length; from += chunk) {
      for (const app of apps) {
        for (let i = from; i < Math.min(from + chunk, plan.keys.length); i++) {
          if (i === warmup) {
            app.recordingFrom = await app.page.evaluate(() => {
              window.__keyProbe.recording = true;
              return performance.now();
            });
          }
          await pressOnce(app, plan.keys[i], { paceMs, holdMs });
        }
      }
    }
    await sleep(300); // Event Timing entries are delivered a little late
    const results = {};
    for (const app of apps) {
      const data = await app.page.evaluate(() => ({
        presses: window.__keyProbe.presses, entries: window.__keyProbe.entries, state: window.helloRemote.state(),
      }));
      const [row, col] = data.state.focus;
      if (row !== plan.focus[0] || col !== plan.focus[1]) {
        throw new Error(`${app.mode}: focus ended at ${row},${col}, expected ${plan.focus.join(',')}: presses were lost`);
      }
      results[app.mode] = analyse({
        mode: app.mode, throttle, paceMs, holdMs, pageInfo: app.info, recordingFrom: app.recordingFrom,
        presses: data.presses, entries: data.entries,
      });
    }
    return results;
  } finally {
    for (const app of apps) await app.page.context().close();
  }
}

function analyse({ mode, throttle, paceMs, holdMs, pageInfo, recordingFrom, presses, entries }) {
  const valid = (f) => presses.map(f).filter(Number.isFinite);
  const keyEntries = entries.filter((e) => e.startTime >= recordingFrom - 1);
  // Event Timing's startTime is the event's timeStamp: pair entries with presses by it.
  const matched = [];
  for (const e of keyEntries) if (presses.some((p) => Math.abs(p.ts - e.startTime) < 1)) matched.push(e);
  const durations = matched.map((e) => e.duration);
  const total = presses.length;
  return {
    mode,
    cpuThrottling: throttle,
    presses: total,
    paceMs,
    holdMs,
    crossOriginIsolated: pageInfo.crossOriginIsolated,
    // In page, every press: keydown timeStamp → next frame (rAF) → task after it (≈ paint).
    keyToFrameMs: summary(valid((p) => p.frame - p.ts)),
    keyToPaintMs: summary(valid((p) => p.painted - p.ts)),
    // JS on the main thread for one keydown: first capture listener → last bubble listener.
    processingUs: summary(valid((p) => (p.end - p.start) * 1000), 0),
    // Input delay: keydown timeStamp → first listener runs.
    inputDelayMs: summary(valid((p) => p.start - p.ts)),
    eventTiming: {
      supported: pageInfo.eventTiming,
      thresholdMs: EVENT_TIMING_THRESHOLD_MS,
      reported: matched.length,
      reportedShare: total ? round(matched.length / total, 3) : 0,
      p50: censoredPercentile(durations, total, 0.5, EVENT_TIMING_THRESHOLD_MS),
      p95: censoredPercentile(durations, total, 0.95, EVENT_TIMING_THRESHOLD_MS),
      maxMs: durations.length ? Math.max(...durations) : null,
      // For the reported (slow) presses only: processingEnd − processingStart.
      processingMeanMsOfReported: matched.length ? round(mean(matched.map((e) => e.processingEnd - e.processingStart)), 2) : null,
    },
  };
}
