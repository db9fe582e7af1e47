// Emergency alerts end to end: POST /api/alerts on the runner's headend → embedded aedes broker →
// ws://<headend>/mqtt → connectAlertDelivery → AlertManager → mountAlertOverlay, in headless Chromium,
// over a small animated "TV app" (a moving full-screen gradient and a focus grid driven by remoteKeys).
//
// 1. Receive → painted: 200 CAP 1.2 alerts (levels 1–4, regions 110000 / 110105), one at a time: POST, wait
//    until the overlay shows it and that frame is out, then cancel it (the cancel is published before the
//    next alert, and the device takes messages in order, so each arrives on a clear screen). The alert
//    carries its POST start time (Node's epoch clock) in a parameter; the page subtracts it from its own
//    epoch clock (performance.timeOrigin + now), corrected by the page − Node offset measured over CDP.
// 2. The headend alone: 1,000 POST/s for 2 s to a region no device subscribes to (can HTTP keep up?).
// 3. Flood: 1,000 messages/s for 10 s over HTTP (new alerts, exact repeats, updates and cancels of earlier
//    ones; the expected final active set is computed in Node as they are generated), one more alert right
//    after it (how long a real alert waits behind the flood), then the page's `manager.active` is compared
//    with the expectation once the device has taken every delivery. Key-to-paint of arrow presses every
//    100 ms during the flood against an idle baseline of as many presses just before it.
// About 80–110 s on 2 cores, most of it the device working through the flood.
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { bundlePage, ISOLATION_HEADERS } from './lib/bundle-page.mjs';
import { percentile, round } from './lib/stats.mjs';

export const name = 'alerts';
export const title = 'Emergency alerts: POST → MQTT → overlay painted, and a 1,000 msg/s flood (final state, key-to-paint)';
export const order = 50;

const RECEIVE = { alerts: 200, timeoutMs: 5000 };
const FLOOD = {
  rate: 1000, seconds: 10, concurrency: 64,
  /** Share of each kind of message; a new alert becomes a cancel while `maxLive` alerts are live. */
  mix: { new: 0.3, repeat: 0.2, update: 0.25, cancel: 0.25 },
  maxLive: 64,
  /** Repeats are exact copies of one of the last this many originals (well inside the manager's memory). */
  repeatWindow: 200,
  /** How long after the flood the device may take to work through it (~160 messages/s here). */
  drainTimeoutMs: 65_000,
  quietMs: 1000,
  stallMs: 3000,
};
const KEYS = { intervalMs: 100, idlePresses: 100 };
/** Seconds of the headend-alone POST probe (no device subscribed to its region). */
const CAPACITY_SECONDS = 2;
const TARGETS = { receiveMs: 1000, floodKeyP95Ratio: 2 };
const SENDER = 'bench@yiwang.test';
const POSTED_AT = 'yiwang-bench-posted-at';

const nodeEpoch = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

// ---------------------------------------------------------------- dist/sdk and the page




async function openPage(ctx, script) {
  const page = await ctx.newPage();
  // The page comes from route.fulfill (no address of its own), so Chromium's Local Network Access checks
  // treat its WebSocket to the loopback headend as a local-network request: allow it for this origin.
  await page.context().grantPermissions(['local-network-access'], { origin: ctx.baseUrl });
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  page.on('pageerror', (err) => warnings.push(`pageerror: ${err.message}`));
  await page.route('**/bench-alerts/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const reply = (contentType, body) => route.fulfill({ contentType, body, headers: ISOLATION_HEADERS });
    if (path === '/bench-alerts/page.html') {
      return reply('text/html', '<!doctype html><meta charset="utf-8"><title>alerts bench</title><body></body>'
        + '<script type="module" src="/bench-alerts/page.js"></script>');
    }
    if (path === '/bench-alerts/page.js') return reply('text/javascript', script);
    return route.fulfill({ status: 404 });
  });
  await page.goto(`${ctx.baseUrl}/bench-alerts/page.html?region=110105`);
  await page.waitForFunction(() => typeof window.benchAlerts === 'object', undefined, { timeout: 20_000 });
  await page.evaluate(() => window.benchAlerts.ready);
  const subscribed = await page.evaluate(() => window.benchAlerts.waitConnected(10_000));
  if (!subscribed) throw new Error(`the bench page did not connect to ${ctx.baseUrl}/mqtt: ${warnings.join(' | ')}`);
  await sleep(300); // SUBACK
  return { page, warnings, isolated: await page.evaluate(() => window.benchAlerts.isolated()) };
}

/** page − Node epoch clock offset from the evaluate round trip with the smallest RTT. */
async function clockOffset(page, samples = 15) {
  let best = { rtt: Infinity, offset: Number.NaN };
  for (let i = 0; i < samples; i++) {
    const t0 = nodeEpoch();
    const pageNow = await page.evaluate(() => window.benchAlerts.epochNow());
    const t1 = nodeEpoch();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: pageNow - (t0 + t1) / 2 };
  }
  return { offsetMs: best.offset, uncertaintyMs: best.rtt / 2 };
}

// ---------------------------------------------------------------- CAP messages

/** Sent times strictly increase across every message of the run (ms precision), so lineages order. */
let lastSent = 0;
function nextSent() {
  lastSent = Math.max(Date.now(), lastSent + 1);
  return lastSent;
}
const capTime = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');

const LEVELS = {
  1: { severity: 'Extreme', colour: '红色' },
  2: { severity: 'Severe', colour: '橙色' },
  3: { severity: 'Moderate', colour: '黄色' },
  4: { severity: 'Minor', colour: '蓝色' },
};

/** A CAP 1.2 Alert or Update for one region, level 1–4, expiring in 30 minutes. */
function capAlert({ identifier, level, region, headline, references = [], postedAt }) {
  const sent = nextSent();
  const { severity, colour } = LEVELS[level];
  const refs = references.map((r) => `${SENDER},${r.identifier},${capTime(r.sent)}`).join(' ');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>${SENDER}</sender>
  <sent>${capTime(sent)}</sent>
  <status>Actual</status>
  <msgType>${references.length ? 'Update' : 'Alert'}</msgType>
  <scope>Public</scope>${refs ? `\n  <references>${refs}</references>` : ''}
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大风</event>
    <urgency>Expected</urgency>
    <severity>${severity}</severity>
    <certainty>Likely</certainty>
    <expires>${capTime(sent + 30 * 60_000)}</expires>
    <senderName>一网基准测试气象台</senderName>
    <headline>${headline}</headline>
    <description>预计未来6小时内本区将出现6级以上大风，阵风8级，请注意防范。（基准测试消息，非真实预警）</description>
    <instruction>请加固门窗和室外物品，远离广告牌和临时搭建物。</instruction>
    <parameter><valueName>预警级别</valueName><value>${colour}</value></parameter>${postedAt === undefined ? '' : `
    <parameter><valueName>${POSTED_AT}</valueName><value>${postedAt.toFixed(3)}</value></parameter>`}
    <area>
      <areaDesc>${region === '110000' ? '北京市' : '朝阳区'}</areaDesc>
      <geocode><valueName>GB/T 2260</valueName><value>${region}</value></geocode>
    </area>
  </info>
</alert>`;
  return { xml, key: `cap:${SENDER}/${identifier}`, identifier, sent, level, headline };
}

function capCancel({ identifier, references }) {
  const sent = nextSent();
  const refs = references.map((r) => `${SENDER},${r.identifier},${capTime(r.sent)}`).join(' ');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>${SENDER}</sender>
  <sent>${capTime(sent)}</sent>
  <status>Actual</status>
  <msgType>Cancel</msgType>
  <scope>Public</scope>
  <references>${refs}</references>
</alert>`;
  return { xml, key: `cap:${SENDER}/${identifier}`, identifier, sent };
}

// ---------------------------------------------------------------- HTTP

function poster(baseUrl, maxSockets) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const post = (xml, path = '/api/alerts', method = 'POST') => new Promise((resolveReply, reject) => {
    const body = Buffer.from(xml, 'utf8');
    const req = request(`${baseUrl}${path}`, {
      method, agent, headers: method === 'POST' ? { 'content-type': 'application/cap+xml', 'content-length': body.length } : {},
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = { error: text };
        }
        resolveReply({ status: res.statusCode, body: json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? body : undefined);
  });
  return { post, close: () => agent.destroy() };
}

/**
 * Opens the agent's keep-alive connections before a burst (the headend closes idle ones after 5 s): a burst
 * that has to open them all at once stalls some requests for up to a second, which reorders messages.
 */
async function warmUp(baseUrl, post) {
  await Promise.all(Array.from({ length: FLOOD.concurrency }, () => post('', '/api/health', 'GET')));
}

// ---------------------------------------------------------------- machine load

/** CPU ticks (utime + stime) of this process and of its descendants (Chromium), from /proc (Linux). */
function processTicks() {
  const ppid = new Map();
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ppid.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of ppid) {
      if (!ours.has(pid) && ours.has(parent)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  const children = { gpu: 0, renderer: 0, other: 0 };
  for (const pid of ours) {
    if (pid === process.pid) continue;
    let type = 'other';
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (args.includes('--type=gpu-process')) type = 'gpu';
      else if (args.includes('--type=renderer')) type = 'renderer';
    } catch {
      // gone meanwhile
    }
    children[type] += ticks.get(pid) ?? 0;
  }
  return { node: ticks.get(process.pid) ?? 0, children };
}

/** Whole-machine CPU ticks from /proc/stat, and this benchmark's own (Node + Chromium). */
function cpuSnapshot() {
  let machine;
  let own;
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    machine = { idle: fields[3] + (fields[4] ?? 0), total: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
    own = processTicks();
  } catch {
    machine = undefined;
  }
  return { machine, own, at: performance.now(), load: loadavg()[0] };
}

/**
 * Shares of all the machine's CPU time (100 % = every CPU busy) between two snapshots: busy in total, taken
 * by this Node process (runner, headend, POSTs), by its Chromium, and by everything else on the machine.
 */
function cpuBetween(a, b) {
  const result = { seconds: round((b.at - a.at) / 1000, 1), loadAverage: { start: round(a.load, 2), end: round(b.load, 2) } };
  if (!a.machine || !b.machine) return result;
  const total = Math.max(1, b.machine.total - a.machine.total);
  const pct = (ticks) => round((ticks / total) * 100, 0);
  const busy = total - (b.machine.idle - a.machine.idle);
  const node = b.own.node - a.own.node;
  // Chromium processes that exited in between are missed; ones that started count from zero.
  const part = (type) => Math.max(0, b.own.children[type] - a.own.children[type]);
  const chromium = part('gpu') + part('renderer') + part('other');
  return {
    ...result, busyPct: pct(busy), nodePct: pct(node), chromiumPct: pct(chromium),
    chromiumGpuPct: pct(part('gpu')), chromiumRendererPct: pct(part('renderer')), otherPct: pct(Math.max(0, busy - node - chromium)),
  };
}

// ---------------------------------------------------------------- stats

const ms = (v) => round(v, 1);
function latency(values) {
  if (!values.length) return { n: 0, p50: Number.NaN, p95: Number.NaN, max: Number.NaN };
  return { n: values.length, p50: ms(percentile(values, 0.5)), p95: ms(percentile(values, 0.95)), max: ms(Math.max(...values)) };
}

/** A seeded generator (32-bit LCG, top bits), so every run sends the same mix. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// ---------------------------------------------------------------- 1. receive → painted

async function receiveToPainted(page, post, offset, runId) {
  const sent = [];
  let failed = 0;
  for (let i = 0; i < RECEIVE.alerts; i++) {
    const level = i % 10 === 0 ? 1 : i % 10 === 5 ? 2 : i % 2 === 0 ? 3 : 4;
    const region = i % 2 === 0 ? '110105' : '110000';
    const postedAt = nodeEpoch();
    const alert = capAlert({
      identifier: `yw-bench-${runId}-r${i}`, level, region, postedAt,
      headline: `市气象台发布大风${LEVELS[level].colour}预警信号（基准 ${i + 1}）`,
    });
    const reply = await post(alert.xml);
    const acceptedAt = nodeEpoch();
    if (reply.status !== 202) {
      failed++;
      console.warn(`  ! POST ${alert.key}: ${reply.status} ${JSON.stringify(reply.body)}`);
      continue;
    }
    await page.evaluate(([k, t]) => window.benchAlerts.waitPainted(k, t), [alert.key, RECEIVE.timeoutMs]);
    // The cancel is published before the next alert, and the device takes messages in order: the screen is
    // clear of this one when the next arrives. Its removal is timed in the page meanwhile.
    const cancelAt = nodeEpoch();
    const cancel = capCancel({ identifier: `${alert.identifier}-c`, references: [alert] });
    const cancelReply = await post(cancel.xml);
    if (cancelReply.status !== 202) failed++;
    sent.push({ key: alert.key, level, region, postedAt, acceptedAt, cancelAt, cancelled: cancelReply.status === 202 });
  }
  // Wait until the last cancel has been painted, then read every record at once.
  const last = sent.at(-1);
  const until = performance.now() + RECEIVE.timeoutMs;
  while (last && performance.now() < until) {
    const [record] = await page.evaluate((k) => window.benchAlerts.records([k]), last.key);
    if (record.gonePaintedEpoch !== undefined) break;
    await sleep(20);
  }
  const pageRecords = await page.evaluate((keys) => window.benchAlerts.records(keys), sent.map((s) => s.key));
  const records = sent.map((s, i) => {
    const shown = pageRecords[i];
    if (shown.postedAt !== undefined && Math.abs(shown.postedAt - s.postedAt) > 0.01) {
      throw new Error(`the page read POST time ${shown.postedAt} from ${s.key}, Node sent ${s.postedAt}`);
    }
    // The page's epoch times minus the POST start it read from the alert, less the page − Node clock offset.
    const sincePost = (epoch) => (epoch === undefined || shown.postedAt === undefined ? undefined : epoch - shown.postedAt - offset.offsetMs);
    const painted = shown.sincePostMs === undefined ? undefined : shown.sincePostMs - offset.offsetMs;
    return {
      key: s.key,
      level: s.level,
      region: s.region,
      accepted: s.acceptedAt - s.postedAt,
      active: sincePost(shown.activeEpoch),
      dom: sincePost(shown.domEpoch),
      painted: painted !== undefined && painted <= RECEIVE.timeoutMs ? painted : undefined,
      layerOpen: shown.layerOpen,
      cleared: s.cancelled && shown.gonePaintedEpoch !== undefined ? shown.gonePaintedEpoch - offset.offsetMs - s.cancelAt : undefined,
    };
  });
  return { records, failed };
}

// ---------------------------------------------------------------- 2. flood

/**
 * Presses ArrowRight every KEYS.intervalMs until `until()` is true or `count` presses are sent. Presses are
 * not held back while the page is busy (a viewer does not wait either): each keydown/keyup pair is sent on
 * time over CDP, stamped with the time it was sent, and the browser queues it for the renderer. (Playwright's
 * keyboard.press would wait for the renderer, or mark a press that overlaps the previous one as a repeat.)
 */
async function pressKeys(page, cdp, { count = Infinity, until = () => false }) {
  await page.evaluate(() => window.benchAlerts.startPresses());
  const key = { key: 'ArrowRight', code: 'ArrowRight', windowsVirtualKeyCode: 39, nativeVirtualKeyCode: 39 };
  const pending = [];
  let next = performance.now();
  let late = 0;
  let sent = 0;
  while (sent < count && !until()) {
    await sleep(next - performance.now());
    late = Math.max(late, performance.now() - next);
    next += KEYS.intervalMs;
    const timestamp = nodeEpoch() / 1000;
    pending.push(cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', timestamp, ...key }));
    pending.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: timestamp + 0.001, ...key }));
    sent++;
  }
  await Promise.all(pending);
  const presses = await page.evaluate((n) => window.benchAlerts.stopPresses(n), sent);
  const painted = presses.filter((p) => Number.isFinite(p.painted));
  return {
    sent,
    latestSendMs: round(late, 1),
    reachedApp: presses.length,
    keyToPaint: latency(painted.map((p) => p.painted - p.ts)),
    keyToFrame: latency(painted.map((p) => p.frame - p.ts)),
    keyToHandler: latency(presses.map((p) => p.handled - p.ts)),
  };
}

/**
 * POSTs `next()`'s messages at `rate`/s for `seconds` (at most `concurrency` in flight; a message not sent on
 * time is sent as soon as a slot frees, never dropped), then waits for the replies.
 */
async function pacedPosts(post, next, { rate, seconds, concurrency }) {
  const replies = { accepted: 0, failed: 0, deliveries: 0, errors: new Map(), ms: [] };
  const total = rate * seconds;
  let issued = 0;
  let inflight = 0;
  let maxBehind = 0;
  let wake;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  /** `message`: the XML, or `{xml, timing}` to have its POST start, reply time and status noted in `timing`. */
  const send = (message) => {
    const { xml, timing } = typeof message === 'string' ? { xml: message, timing: undefined } : message;
    inflight++;
    const t0 = performance.now();
    if (timing) timing.startMs = round(t0 - started, 1);
    const failedWith = (why) => {
      replies.failed++;
      replies.errors.set(why, (replies.errors.get(why) ?? 0) + 1);
    };
    post(xml).then((reply) => {
      replies.ms.push(performance.now() - t0);
      if (timing) Object.assign(timing, { replyMs: round(performance.now() - t0, 1), status: reply.status });
      if (reply.status === 202) {
        replies.accepted++;
        replies.deliveries += reply.body.topics?.length ?? 0;
      } else {
        failedWith(`${reply.status} ${reply.body.error ?? ''}`);
      }
    }, (err) => failedWith(err.message)).finally(() => {
      inflight--;
      wake?.();
    });
  };
  while (issued < total) {
    const now = performance.now();
    if (now >= deadline) break;
    const due = Math.min(total, Math.floor(((now - started) / 1000) * rate) + 1);
    while (issued < due && inflight < concurrency) {
      send(next());
      issued++;
    }
    maxBehind = Math.max(maxBehind, due - issued);
    if (inflight >= concurrency) await new Promise((r) => { wake = r; });
    else await sleep(1);
  }
  const issuedAt = performance.now();
  while (inflight > 0) await new Promise((r) => { wake = r; });
  const seconds_ = (issuedAt - started) / 1000;
  return {
    sent: issued,
    seconds: round(seconds_, 2),
    rate: Math.round(issued / seconds_),
    repliedSeconds: round((performance.now() - started) / 1000, 2),
    maxBehind,
    accepted: replies.accepted,
    failed: replies.failed,
    errors: Object.fromEntries(replies.errors),
    deliveries: replies.deliveries,
    postToReplyMs: latency(replies.ms),
    started,
  };
}

/** The headend alone: new alerts for a region no device here subscribes to (Shanghai, 310115). */
async function headendCapacity(post, runId) {
  let n = 0;
  const next = () => capAlert({
    identifier: `yw-bench-${runId}-h${++n}`, level: 4, region: '310115', headline: `大雾蓝色预警 #${n}`,
  }).xml;
  const result = await pacedPosts(post, next, { rate: FLOOD.rate, seconds: CAPACITY_SECONDS, concurrency: FLOOD.concurrency });
  delete result.started;
  return result;
}

async function flood(page, cdp, post, runId, offset) {
  const random = seeded(0x5eed ^ FLOOD.rate);
  /** Live lineages: every message so far (for references) and the current version (what should show). */
  const live = new Map();
  /** Every lineage's messages in the order generated, for explaining a difference. */
  const history = new Map();
  const originals = [];
  const counts = { new: 0, repeat: 0, update: 0, cancel: 0 };
  let serial = 0;

  const pickLive = () => {
    const lineages = [...live.values()];
    return lineages[Math.floor(random() * lineages.length)];
  };
  /** Notes a message of `lineage` and returns what pacedPosts sends (its timing filled in there). */
  const note = (lineage, kind, msg) => {
    const entry = { kind, key: msg.key, timing: {} };
    history.get(lineage.id).push(entry);
    return { xml: msg.xml, timing: entry.timing };
  };
  const newAlert = () => {
    const n = ++serial;
    const level = random() < 0.5 ? 3 : 4;
    const region = random() < 0.5 ? '110105' : '110000';
    const msg = capAlert({ identifier: `yw-bench-${runId}-f${n}`, level, region, headline: `大风${LEVELS[level].colour}预警 #${n} v1` });
    const lineage = { id: n, region, messages: [msg], current: msg, version: 1 };
    live.set(n, lineage);
    history.set(n, []);
    msg.lineage = lineage;
    counts.new++;
    return msg;
  };
  const nextMessage = () => {
    const r = random();
    const { mix } = FLOOD;
    let kind = r < mix.new ? 'new' : r < mix.new + mix.repeat ? 'repeat' : r < mix.new + mix.repeat + mix.update ? 'update' : 'cancel';
    if (kind === 'new' && live.size >= FLOOD.maxLive) kind = 'cancel';
    if (kind === 'repeat' && originals.length === 0) kind = 'new';
    if ((kind === 'update' || kind === 'cancel') && live.size === 0) kind = 'new';
    let msg;
    if (kind === 'new') {
      msg = newAlert();
    } else if (kind === 'repeat') {
      counts.repeat++;
      const original = originals[Math.floor(random() * originals.length)];
      return note(original.lineage, 'repeat', original);
    } else if (kind === 'update') {
      const lineage = pickLive();
      lineage.version++;
      const level = random() < 0.5 ? 3 : 4;
      msg = capAlert({
        identifier: `yw-bench-${runId}-f${lineage.id}-u${lineage.version}`, level, region: lineage.region,
        headline: `大风${LEVELS[level].colour}预警 #${lineage.id} v${lineage.version}`, references: lineage.messages,
      });
      msg.lineage = lineage;
      lineage.messages.push(msg);
      lineage.current = msg;
      counts.update++;
    } else {
      const lineage = pickLive();
      msg = capCancel({ identifier: `yw-bench-${runId}-f${lineage.id}-c`, references: lineage.messages });
      msg.lineage = lineage;
      live.delete(lineage.id);
      counts.cancel++;
    }
    originals.push(msg);
    if (originals.length > FLOOD.repeatWindow) originals.shift();
    return note(msg.lineage, kind, msg);
  };

  const before = await page.evaluate(() => window.benchAlerts.stats());
  let floodOver = false;
  const keys = pressKeys(page, cdp, { until: () => floodOver });
  const { started, ...posts } = await pacedPosts(post, nextMessage, FLOOD);
  floodOver = true;
  // One more alert right behind the flood: how long a real alert waits for the device to work through it.
  const lastPostedAt = nodeEpoch();
  const last = capAlert({
    identifier: `yw-bench-${runId}-f0`, level: 3, region: '110105', postedAt: lastPostedAt, headline: '大风黄色预警 #0 (after the flood)',
  });
  const lastReply = await post(last.xml);
  if (lastReply.status === 202) {
    posts.deliveries += lastReply.body.topics.length;
    live.set(0, { id: 0, region: '110105', messages: [last], current: last, version: 1 });
  }
  const keyResult = await keys;

  // Drain: the device has taken every delivery the broker made to its topics (or the alert sent after the
  // flood, which the broker queued last, is on screen), and then nothing more for FLOOD.quietMs; given up
  // when nothing at all moves for FLOOD.stallMs, or at the deadline.
  let drained = false;
  let stats = before;
  const processed = (x) => x.ingested + x.malformed + x.ingestFailed;
  while (performance.now() - started < FLOOD.seconds * 1000 + FLOOD.drainTimeoutMs) {
    stats = await page.evaluate(() => window.benchAlerts.stats());
    const [record] = await page.evaluate((k) => window.benchAlerts.records(k), [last.key]);
    const through = processed(stats) - processed(before) >= posts.deliveries || record.paintedEpoch !== undefined;
    if (through && stats.lastReceiptAgoMs >= FLOOD.quietMs) {
      drained = true;
      break;
    }
    if (stats.lastReceiptAgoMs > FLOOD.stallMs) break;
    await sleep(100);
  }
  const drainedAt = performance.now();
  await sleep(200); // one more frame for the overlay; manager.active itself is synchronous
  const actual = await page.evaluate(() => window.benchAlerts.active());
  const [lastRecord] = await page.evaluate((k) => window.benchAlerts.records(k), [last.key]);
  const lastPainted = lastRecord.sincePostMs === undefined ? undefined : round(lastRecord.sincePostMs - offset.offsetMs, 0);

  const expected = new Map([...live.values()].map((l) => [l.current.key, l.current]));
  const actualByKey = new Map(actual.map((a) => [a.key, a]));
  const missing = [...expected.keys()].filter((k) => !actualByKey.has(k));
  const extra = [...actualByKey.keys()].filter((k) => !expected.has(k));
  const wrong = [...expected.values()].filter((e) => {
    const a = actualByKey.get(e.key);
    return a && (a.level !== e.level || a.headline !== e.headline);
  }).map((e) => e.key);

  // For a difference: what Node sent for that alert, and what the device decided, in order.
  const lineageOf = (key) => /-f(\d+)(?:-[uc]\d*)?$/.exec(key)?.[1];
  const explain = [];
  for (const key of drained ? [...missing, ...extra, ...wrong].slice(0, 3) : []) {
    const steps = history.get(Number(lineageOf(key))) ?? [];
    const decided = await page.evaluate((k) => window.benchAlerts.receiptsFor(k), [...new Set(steps.map((m) => m.key))]);
    const short = (k) => k.slice(k.lastIndexOf('-f') + 1);
    explain.push({
      key,
      sent: steps.map((m) => `${m.kind} ${short(m.key)} POSTed at ${m.timing.startMs} ms, ${m.timing.status} after ${m.timing.replyMs} ms`),
      decided: decided.map(([i, k, outcome]) => `#${i} ${short(k)} ${outcome}`),
    });
  }

  const ingested = stats.ingested - before.ingested;
  return {
    target: { rate: FLOOD.rate, seconds: FLOOD.seconds, messages: FLOOD.rate * FLOOD.seconds, concurrency: FLOOD.concurrency },
    counts,
    ...posts,
    device: {
      received: stats.received - before.received,
      ingested,
      malformed: stats.malformed - before.malformed,
      ingestFailed: stats.ingestFailed - before.ingestFailed,
      disconnects: stats.disconnects - before.disconnects,
      drained,
      drainedSeconds: round((drainedAt - started) / 1000, 2),
      ingestRate: Math.round(ingested / ((drainedAt - started) / 1000)),
    },
    finalSet: {
      compared: drained ? 'after the device took every delivery' : 'NOT drained: compared anyway at the deadline',
      exact: missing.length === 0 && extra.length === 0 && wrong.length === 0,
      expected: expected.size,
      actual: actual.length,
      missing: missing.length,
      extra: extra.length,
      wrongLevelOrText: wrong.length,
      updatedLineagesLive: [...live.values()].filter((l) => l.version > 1).length,
      explain,
    },
    keys: keyResult,
    afterFlood: { postedAtMs: round(lastPostedAt - performance.timeOrigin - started, 0), status: lastReply.status, paintedMs: lastPainted },
  };
}

// ---------------------------------------------------------------- rows

const COLUMNS = ['measure', 'n', 'p50 ms', 'p95 ms', 'max ms', 'target', 'met', 'detail'];
const row = (fields) => Object.fromEntries(COLUMNS.map((c) => [c, fields[c]]));
const met = (ok) => (ok ? '✓' : '✗');
const lat = (l) => ({ n: l.n, 'p50 ms': l.p50, 'p95 ms': l.p95, 'max ms': l.max });

// ---------------------------------------------------------------- run

/** The flood's results without its key presses (reported under `keys`). */
function withoutKeys(result) {
  const copy = { ...result };
  delete copy.keys;
  return copy;
}

export async function run(ctx) {
  const script = await bundlePage('alerts-page.mjs', { define: { global: 'globalThis' } });
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const { post, close } = poster(ctx.baseUrl, FLOOD.concurrency);
  const { page, warnings, isolated } = await openPage(ctx, script);
  const cdp = await page.context().newCDPSession(page);
  try {
    const offsetBefore = await clockOffset(page);
    const cpu0 = cpuSnapshot();
    const receive = await receiveToPainted(page, post, offsetBefore, runId);
    const cpu1 = cpuSnapshot();
    const leftovers = await page.evaluate(() => window.benchAlerts.active());
    console.log(`  · receive → painted: ${receive.records.length} alerts in ${cpuBetween(cpu0, cpu1).seconds}s`);

    await warmUp(ctx.baseUrl, post);
    const capacity = await headendCapacity(post, runId);
    console.log(`  · headend alone: ${capacity.sent} POSTs in ${capacity.seconds}s (${capacity.rate}/s)`);
    const cpu1b = cpuSnapshot();
    const idle = await pressKeys(page, cdp, { count: KEYS.idlePresses });
    await warmUp(ctx.baseUrl, post);
    const cpu2 = cpuSnapshot();
    const floodResult = await flood(page, cdp, post, runId, offsetBefore);
    const cpu3 = cpuSnapshot();
    const offsetAfter = await clockOffset(page);
    console.log(`  · flood: ${floodResult.sent} POSTs in ${floodResult.seconds}s (${floodResult.rate}/s), `
      + `device drained at ${floodResult.device.drainedSeconds}s`);

    const r = receive.records;
    const painted = r.filter((x) => x.painted !== undefined).map((x) => x.painted);
    const take = (pred) => r.filter((x) => pred(x) && x.painted !== undefined).map((x) => x.painted);
    const receiveAll = latency(painted);
    const timedOut = r.filter((x) => x.painted === undefined).length;
    const ratio = floodResult.keys.keyToPaint.p95 / idle.keyToPaint.p95;
    const set = floodResult.finalSet;
    const cpuReceive = cpuBetween(cpu0, cpu1);
    const cpuCapacity = cpuBetween(cpu1, cpu1b);
    const cpuIdle = cpuBetween(cpu1b, cpu2);
    const cpuFlood = cpuBetween(cpu2, cpu3);
    const loadText = (c) => (c.busyPct === undefined ? `load ${c.loadAverage.start}→${c.loadAverage.end}`
      : `${c.busyPct}% busy (Node ${c.nodePct}%, Chromium ${c.chromiumPct}% of which GPU process ${c.chromiumGpuPct}% and renderer `
        + `${c.chromiumRendererPct}%, other work ${c.otherPct}%), load ${c.loadAverage.start}→${c.loadAverage.end}`);

    const rows = [
      row({
        measure: 'POST → alert painted (all)', ...lat(receiveAll), target: `< ${TARGETS.receiveMs} ms`,
        met: met(timedOut === 0 && receiveAll.max < TARGETS.receiveMs), detail: timedOut ? `${timedOut} not painted within 5 s` : 'every alert, max',
      }),
      row({ measure: '  level 1–2 takeover', ...lat(latency(take((x) => x.level <= 2))) }),
      row({ measure: '  level 3–4 banner', ...lat(latency(take((x) => x.level >= 3))) }),
      row({ measure: '  POST → 202 (published)', ...lat(latency(r.map((x) => x.accepted))) }),
      row({ measure: '  POST → on manager.active', ...lat(latency(r.map((x) => x.active).filter((v) => v !== undefined))) }),
      row({ measure: '  POST → in overlay DOM', ...lat(latency(r.map((x) => x.dom).filter((v) => v !== undefined))) }),
      row({
        measure: 'cancel POST → cleared, painted', ...lat(latency(r.map((x) => x.cleared).filter((v) => v !== undefined))),
        detail: `${r.filter((x) => x.cleared === undefined).length} not seen cleared`,
      }),
      row({
        measure: 'headend alone: POST → 202', ...lat(capacity.postToReplyMs), target: `${FLOOD.rate}/s`, met: met(capacity.rate >= FLOOD.rate * 0.95),
        detail: `${capacity.rate}/s for ${CAPACITY_SECONDS} s, no device subscribed (region 310115); ${capacity.accepted} × 202, ${capacity.failed} failed`,
      }),
      row({
        measure: 'flood POSTs', n: floodResult.sent, target: `${FLOOD.rate}/s × ${FLOOD.seconds} s`, met: met(floodResult.rate >= FLOOD.rate * 0.95),
        detail: `${floodResult.rate}/s achieved over HTTP (${FLOOD.concurrency} in flight), ${floodResult.accepted} × 202, `
          + `${floodResult.failed} failed; new ${floodResult.counts.new}, repeat ${floodResult.counts.repeat}, update ${floodResult.counts.update}, cancel ${floodResult.counts.cancel}`,
      }),
      row({ measure: '  POST → 202 during flood', ...lat(floodResult.postToReplyMs) }),
      row({
        measure: 'device ingest', n: floodResult.device.ingested, met: met(floodResult.device.drained),
        detail: `${floodResult.deliveries} deliveries expected; all ingested ${floodResult.device.drained ? '' : 'NOT '}by ${floodResult.device.drainedSeconds} s `
          + `(${floodResult.device.ingestRate}/s); malformed ${floodResult.device.malformed}, failed ${floodResult.device.ingestFailed}, `
          + `MQTT disconnects ${floodResult.device.disconnects}`,
      }),
      row({
        measure: 'alert POSTed after the flood → painted', n: 1, 'max ms': floodResult.afterFlood.paintedMs ?? '–', target: `< ${TARGETS.receiveMs} ms`,
        met: met(floodResult.afterFlood.paintedMs !== undefined && floodResult.afterFlood.paintedMs < TARGETS.receiveMs),
        detail: floodResult.afterFlood.paintedMs === undefined ? 'not painted' : 'waits behind the queued flood',
      }),
      row({
        measure: 'final active set exact', n: set.expected, target: 'exact', met: met(set.exact && floodResult.device.drained),
        detail: `${floodResult.device.drained ? '' : 'NOT DRAINED, '}${set.exact ? 'yes' : 'no'} (missing ${set.missing}, extra ${set.extra}, wrong level/text ${set.wrongLevelOrText}; `
          + `${set.updatedLineagesLive} of the expected are updated versions)`,
      }),
      row({ measure: 'key → paint, idle', ...lat(idle.keyToPaint), detail: `${idle.reachedApp}/${idle.sent} presses reached the app` }),
      row({
        measure: 'key → paint, during flood', ...lat(floodResult.keys.keyToPaint), target: `p95 ≤ ${TARGETS.floodKeyP95Ratio}× idle`,
        met: met(ratio <= TARGETS.floodKeyP95Ratio),
        detail: `p95 ×${round(ratio, 2)} idle (p50 ×${round(floodResult.keys.keyToPaint.p50 / idle.keyToPaint.p50, 2)}); `
          + `${floodResult.keys.reachedApp}/${floodResult.keys.sent} presses reached the app`,
      }),
      row({ measure: '  key → handler, idle / flood', n: idle.keyToHandler.n, 'p50 ms': `${idle.keyToHandler.p50} / ${floodResult.keys.keyToHandler.p50}`, 'p95 ms': `${idle.keyToHandler.p95} / ${floodResult.keys.keyToHandler.p95}`, 'max ms': `${idle.keyToHandler.max} / ${floodResult.keys.keyToHandler.max}` }),
    ];

    const notes = [
      `final active set exact: ${set.exact ? 'yes' : 'no'} (missing ${set.missing}, extra ${set.extra})${floodResult.device.drained ? '' : ' — the device had NOT worked through the flood by the deadline'}${set.wrongLevelOrText ? `, ${set.wrongLevelOrText} with the wrong level/headline` : ''}; expected ${set.expected}, page has ${set.actual}.`,
      `Path: POST /api/alerts (CAP 1.2) on the runner's headend → embedded aedes broker → ws://…/mqtt → connectAlertDelivery → createAlertManager({regionCode: '110105'}) → mountAlertOverlay (tone off: headless has no audio).`,
      `Receive: ${RECEIVE.alerts} alerts one at a time (every 10th level 1, every 10th+5 level 2 = takeovers; the rest level 3/4 banners; regions 110105 / 110000`,
      '  alternately), each cancelled once painted; the next is POSTed when the cancel has been published (the device takes messages in order).',
      `"painted" = the overlay's shadow DOM holds the key (MutationObserver), then rAF, then a task queued from it. Times compare Node's and the page's epoch clocks (performance.timeOrigin + now):`,
      `  page − Node offset ${round(offsetBefore.offsetMs, 2)} ms ± ${round(offsetBefore.uncertaintyMs, 2)} before, ${round(offsetAfter.offsetMs, 2)} ms ± ${round(offsetAfter.uncertaintyMs, 2)} after (measured over CDP, subtracted).`,
      `Flood: seeded mix (new ${FLOOD.mix.new * 100}%, exact repeat of one of the last ${FLOOD.repeatWindow} ${FLOOD.mix.repeat * 100}%, update ${FLOOD.mix.update * 100}%, cancel ${FLOOD.mix.cancel * 100}%; new → cancel while ${FLOOD.maxLive} are live),`,
      `  updates and cancels reference every earlier message of their alert; sent times strictly increase (ms). Flood alerts are level 3–4 only: level 1–2 alerts hold the remote`,
      `  by design, so keys would not reach the app. The headend runs in the runner's Node process, which also sends the POSTs.`,
      `Keys: ArrowRight every ${KEYS.intervalMs} ms, sent over CDP without waiting for the page and stamped with the send time; key → paint = KeyboardEvent.timeStamp → rAF after the app`,
      `  moved focus → task from it. Idle = ${KEYS.idlePresses} presses just before the flood.`,
      `Machine load, as shares of all ${ctx.machine?.cpus ?? '?'} CPUs (from /proc; "other work" is not this benchmark and skews its figures):`,
      `  receive ${loadText(cpuReceive)};`,
      `  headend alone ${loadText(cpuCapacity)};`,
      `  idle keys ${loadText(cpuIdle)};`,
      `  flood + drain ${loadText(cpuFlood)}.`,
      ...set.explain.flatMap((e) => [`! ${e.key}: ${e.sent.join('; ')}`, `    the device decided (#n = its nth message this run): ${e.decided.join(', ')}`]),
      ...(leftovers.length ? [`! ${leftovers.length} receive-phase alerts were still active when the flood started (they count as extra).`] : []),
      ...(receive.failed ? [`! ${receive.failed} receive-phase POSTs were refused.`] : []),
      ...(floodResult.failed ? [`! flood POST failures: ${JSON.stringify(floodResult.errors)}`] : []),
      ...(isolated ? [] : ['! the page was not cross-origin isolated: timers are coarse (100 µs).']),
      ...(ctx.sdkStale ? ['! dist/sdk was older than sdk/ and was measured as it is (--no-build).'] : []),
      'IndexedDB: the runner\'s off-the-record context keeps the alert store in memory (a box writes it to flash).',
      'The device takes one MQTT message at a time: connectAlertDelivery acknowledges a message once ingest has stored it (strict IndexedDB commit),',
      '  and mqtt.js reads the next packet after that; what the device cannot take yet waits in the broker and the socket.',
      'Compositing runs on the CPU here (software by default; with `--gpu`, SwiftShader\'s GPU process took ~90% of both CPUs while the gradient',
      '  moved, leaving the renderer less); a box composites on its GPU.',
    ];
    const pageWarnings = [...new Set(warnings)];
    if (pageWarnings.length) notes.push(`page warnings (${warnings.length}): ${pageWarnings.slice(0, 3).join(' | ').slice(0, 300)}`);

    return {
      rows,
      notes,
      results: {
        date: new Date().toISOString(),
        targets: TARGETS,
        crossOriginIsolated: isolated,
        clock: { before: offsetBefore, after: offsetAfter },
        receive: {
          alerts: RECEIVE.alerts,
          failed: receive.failed,
          notPainted: timedOut,
          postToPaintedMs: receiveAll,
          takeoverMs: latency(take((x) => x.level <= 2)),
          bannerMs: latency(take((x) => x.level >= 3)),
          postTo202Ms: latency(r.map((x) => x.accepted)),
          postToActiveMs: latency(r.map((x) => x.active).filter((v) => v !== undefined)),
          postToDomMs: latency(r.map((x) => x.dom).filter((v) => v !== undefined)),
          cancelToClearedMs: latency(r.map((x) => x.cleared).filter((v) => v !== undefined)),
          cpu: cpuReceive,
        },
        headendAlone: capacity,
        flood: { ...withoutKeys(floodResult), cpu: cpuFlood },
        keys: { idle, flood: floodResult.keys, p95Ratio: round(ratio, 2), cpuIdle },
        pageWarnings: warnings.length,
      },
    };
  } finally {
    close();
    await page.context().close();
  }
}
