// Bundled by scripts/bench/alerts.mjs for Chromium: a small animated "TV app" (a full-screen gradient that
// moves every frame, and a focus grid driven by remoteKeys arrows) under the SDK's alert stack — an
// AlertManager for 110105, mountAlertOverlay and connectAlertDelivery to the headend's /mqtt.
//
// It records, in the page's own clock:
//  - per alert key, when it first appeared on `manager.active`, when the overlay's DOM first held it, the
//    frame after that (rAF) and the task queued from that frame (≈ painted); the same again when it left;
//  - per key press that reached the app: the event's timeStamp, the rAF after the focus moved and the task
//    queued from that rAF (≈ painted).
// Node reads these through `window.benchAlerts`. Times meant for comparison with Node are epoch ms
// (`performance.timeOrigin + performance.now()`); key latencies stay on the page's performance.now() line.
import { connectAlertDelivery, createAlertManager, mountAlertOverlay, remoteKeys } from '../../../dist/sdk/index.js';

const params = new URLSearchParams(location.search);
const deviceLocation = { regionCode: params.get('region') ?? '110105' };
const POSTED_AT = 'yiwang-bench-posted-at';
const ROWS = 4;
const COLUMNS = 6;

const epochNow = () => performance.timeOrigin + performance.now();

/** Calls back with the time of the next frame (rAF) and of the task queued from it (the frame is out). */
function afterNextFrame(done) {
  requestAnimationFrame(() => {
    const frame = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done(frame, performance.now());
    };
    channel.port2.postMessage(null);
  });
}

// ---------------------------------------------------------------- the TV app

function buildApp() {
  const style = document.createElement('style');
  style.textContent = `
    html, body { margin: 0; height: 100%; overflow: hidden; background: #000; font-family: sans-serif; }
    #picture { position: fixed; left: 0; top: 0; width: 300vw; height: 300vh; will-change: transform;
      background: linear-gradient(120deg, #1b2a6b, #0f7a78, #6b1b5e, #1b2a6b, #0f7a78, #6b1b5e); }
    #grid { position: fixed; left: 160px; top: 260px; display: grid; grid-template-columns: repeat(${COLUMNS}, 240px);
      gap: 28px; }
    .tile { height: 136px; border-radius: 12px; background: rgba(255, 255, 255, 0.18); color: #fff; font-size: 34px;
      display: flex; align-items: center; justify-content: center; transition: none; }
    .tile.focused { background: #fff; color: #111; transform: scale(1.08); box-shadow: 0 0 0 6px #ffd400; }
  `;
  document.head.append(style);
  const picture = document.createElement('div');
  picture.id = 'picture';
  const grid = document.createElement('div');
  grid.id = 'grid';
  const tiles = [];
  for (let i = 0; i < ROWS * COLUMNS; i++) {
    const tile = document.createElement('div');
    tile.className = 'tile';
    tile.textContent = `频道 ${i + 1}`;
    tiles.push(tile);
    grid.append(tile);
  }
  document.body.append(picture, grid);

  // The "video": a gradient three screens wide moved from the main thread every frame (a transform on its
  // own layer, so the compositor moves it without raster), as an app's own animation would be.
  const move = (t) => {
    const x = (t / 20) % 1920;
    picture.style.transform = `translate(${-x}px, ${-x / 2}px)`;
    requestAnimationFrame(move);
  };
  requestAnimationFrame(move);

  let focus = 0;
  tiles[focus].classList.add('focused');
  const moveFocus = (delta) => {
    tiles[focus].classList.remove('focused');
    focus = (focus + delta + tiles.length) % tiles.length;
    tiles[focus].classList.add('focused');
  };
  return { moveFocus, focus: () => focus };
}

// ---------------------------------------------------------------- probes

const presses = [];
const alerts = new Map();
/** key → resolve, for `waitPainted`. */
const paintedWaiters = new Map();
let lastActive = [];

function alertRecord(key) {
  let record = alerts.get(key);
  if (!record) {
    record = { key };
    alerts.set(key, record);
  }
  return record;
}

function postedAtOf(active) {
  const value = active.alert.parameters.find((p) => p.name === POSTED_AT)?.value;
  return value === undefined ? undefined : Number(value);
}

/** Keys the overlay's DOM shows now, whether the layer is open (popover / modal / open attribute). */
function keysOnScreen(overlay) {
  const root = overlay.shadowRoot;
  if (!root) return new Set();
  return new Set([...root.querySelectorAll('[data-key]')].map((el) => el.getAttribute('data-key')));
}

function watchOverlay(overlay) {
  let shown = new Set();
  const check = () => {
    const now = keysOnScreen(overlay);
    const at = performance.now();
    for (const key of now) {
      if (shown.has(key)) continue;
      const record = alertRecord(key);
      record.domAt = at;
      record.domEpoch = performance.timeOrigin + at;
      record.layerOpen = overlay.shadowRoot?.querySelector('dialog')?.open
        || overlay.shadowRoot?.querySelector('dialog')?.matches(':popover-open') || false;
      record.goneDomAt = undefined;
      afterNextFrame((frame, painted) => {
        record.frameAt = frame;
        record.paintedAt = painted;
        record.paintedEpoch = performance.timeOrigin + painted;
        // POST start (Node's epoch clock, carried in the alert) → painted (the page's epoch clock).
        if (record.postedAt !== undefined) record.sincePostMs = record.paintedEpoch - record.postedAt;
        paintedWaiters.get(key)?.(record);
      });
    }
    for (const key of shown) {
      if (now.has(key)) continue;
      const record = alertRecord(key);
      record.goneDomAt = performance.now();
      afterNextFrame((_, painted) => {
        record.gonePaintedEpoch = performance.timeOrigin + painted;
      });
    }
    shown = now;
  };
  const observe = () => {
    if (!overlay.shadowRoot) return false;
    new MutationObserver(check).observe(overlay.shadowRoot, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-key'] });
    check();
    return true;
  };
  if (!observe()) {
    overlay.updateComplete.then(() => {
      if (!observe()) throw new Error('the overlay has no shadow root');
    });
  }
}

// ---------------------------------------------------------------- start

const app = buildApp();
const manager = createAlertManager({ dbName: `bench-alerts-${Date.now()}-${Math.random().toString(36).slice(2)}`, location: deviceLocation });
// Mounted before the app's key listener, as the SDK asks: its capture listener sees every key first.
const overlay = mountAlertOverlay(manager, { tone: false, speech: false });
watchOverlay(overlay.element);

/** Keys on `manager.active` at its last emission. */
let activeKeys = new Set();
manager.active.subscribe((list) => {
  lastActive = list;
  const at = performance.now();
  const keys = new Set();
  for (const active of list) {
    const key = active.alert.key;
    keys.add(key);
    if (activeKeys.has(key)) continue;
    const record = alertRecord(key);
    record.activeAt = at;
    record.activeEpoch = performance.timeOrigin + at;
    record.goneActiveAt = undefined;
    record.level = active.alert.level;
    record.postedAt = postedAtOf(active);
  }
  for (const key of activeKeys) if (!keys.has(key)) alertRecord(key).goneActiveAt = at;
  activeKeys = keys;
});

const ingested = { count: 0, lastAt: 0 };
/** Every ingest decision in order, for explaining a final set that differs from Node's expectation. */
const receipts = [];
manager.receipts.subscribe((r) => {
  ingested.count++;
  ingested.lastAt = performance.now();
  receipts.push([r.key, r.outcome.accepted ? r.outcome.action : r.outcome.reason]);
});

let recording = false;
remoteKeys({ groups: ['navigation'] }).subscribe((e) => {
  if (e.kind !== 'down') return;
  const delta = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
  if (delta === undefined) return;
  app.moveFocus(delta);
  const press = { key: e.key, ts: e.timeStamp, handled: performance.now(), frame: Number.NaN, painted: Number.NaN };
  if (recording) presses.push(press);
  afterNextFrame((frame, painted) => {
    press.frame = frame;
    press.painted = painted;
  });
});

const delivery = connectAlertDelivery(manager, {
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`,
  location: deviceLocation,
  clientId: `bench-alerts-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
});
let connected = false;
let disconnects = 0;
delivery.connected.subscribe((up) => {
  if (connected && !up) disconnects++;
  connected = up;
});

/** Resolves with `test()`'s value once it is truthy, or undefined after `timeoutMs`. */
function poll(test, timeoutMs) {
  return new Promise((resolve) => {
    const until = performance.now() + timeoutMs;
    const tick = () => {
      const value = test();
      if (value) resolve(value);
      else if (performance.now() > until) resolve(undefined);
      else setTimeout(tick, 2);
    };
    tick();
  });
}

window.benchAlerts = {
  ready: manager.ready,
  isolated: () => window.crossOriginIsolated,
  epochNow,
  connected: () => connected,
  /** Resolves once the delivery client has subscribed (connected and a moment for SUBACK). */
  waitConnected: (timeoutMs) => poll(() => connected && delivery.subscriptions().length > 0, timeoutMs),
  stats: () => ({ ...delivery.stats(), disconnects, receipts: ingested.count, lastReceiptAgoMs: ingested.count ? performance.now() - ingested.lastAt : Infinity }),
  /** The record of `key` once its overlay content has been painted, or `{timeout: true}`. */
  waitPainted(key, timeoutMs) {
    return new Promise((resolve) => {
      const done = (record) => {
        clearTimeout(timer);
        paintedWaiters.delete(key);
        resolve(record ? { ...record } : { timeout: true, ...(alerts.get(key) ?? {}) });
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const known = alerts.get(key);
      if (known?.paintedEpoch !== undefined && known.goneDomAt === undefined) done(known);
      else paintedWaiters.set(key, done);
    });
  },
  /** The records of `keys` (what is known of each so far). */
  records: (keys) => keys.map((key) => ({ ...(alerts.get(key) ?? { key }) })),
  /** The ingest decisions of messages with one of `keys`, in order (with their place among all decisions). */
  receiptsFor(keys) {
    const wanted = new Set(keys);
    return receipts.flatMap(([key, outcome], i) => (wanted.has(key) ? [[i, key, outcome]] : []));
  },
  /** What `manager.active` holds now. */
  active: () => lastActive.map((a) => ({ key: a.alert.key, level: a.alert.level, headline: a.text.headline ?? '' })),
  overlayMode: () => overlay.view().mode,
  startPresses() {
    presses.length = 0;
    recording = true;
  },
  /**
   * The presses recorded since `startPresses`, once `expected` of them have reached the app and each one's
   * frame has been painted (or after 5 s: presses held back or lost are then missing).
   */
  async stopPresses(expected) {
    await poll(() => presses.length >= expected && presses.every((p) => !Number.isNaN(p.painted)), 5000);
    recording = false;
    return presses.map((p) => ({ ...p }));
  },
  focus: () => app.focus(),
};
