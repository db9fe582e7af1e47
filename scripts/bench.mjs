// `npm run bench`: builds what is missing or stale, serves dist/web from the headend in-process, drives
// Debian's Chromium with playwright-core and runs every benchmark in scripts/bench/*.mjs (each exports
// `name`, `title`, `order` and `async run(ctx)` → `{rows, notes?, results}`). Prints a table per
// benchmark and merges the results into bench-results.json at the repo root.
//
//   npm run bench [-- --only keyToPaint,keyPipeline] [--presses 200] [--warmup 13] [--pace 75] [--hold 35]
//                 [--throttles 1,4] [--web-root dist/web] [--no-build] [--list]
//
// About 3 minutes on 2 cores: 1,600 presses, each waiting for its keydown and keyup frames to be painted.
// Chromium runs with the project's headless flags; with --disable-gpu the compositor is software, so every
// redrawn 1080p WebGL frame is read back synchronously (15–45 ms here): key-to-paint figures include it.
// `--gpu` drops --disable-gpu (a GPU process on SwiftShader); on this 2-core machine that measured slower.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';
import { ensureSystemDependencies } from './system-deps.mjs';
import { measureKeyLatency } from './bench/lib/key-latency.mjs';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const RESULTS = resolve(root, 'bench-results.json');

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    presses: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '13' },
    pace: { type: 'string', default: '75' },
    hold: { type: 'string', default: '35' },
    throttles: { type: 'string', default: '1,4' },
    'web-root': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    gpu: { type: 'boolean', default: false },
  },
});
if (args.gpu) CHROMIUM_ARGS.splice(CHROMIUM_ARGS.indexOf('--disable-gpu'), 1);

const positiveInt = (value, flag) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} needs a positive integer, got "${value}"`);
  return n;
};

// ---------------------------------------------------------------- benchmarks

async function loadBenchmarks() {
  const dir = resolve(root, 'scripts/bench');
  const benches = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    if (typeof mod.run !== 'function' || typeof mod.name !== 'string') continue;
    benches.push({ name: mod.name, file: basename(file, '.mjs'), title: mod.title ?? mod.name, order: mod.order ?? 100, run: mod.run });
  }
  return benches.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------- build

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const entry of readdirSync(p)) visit(join(p, entry));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) visit(resolve(root, p));
  return newest;
}

/** Whether `output` is missing or older than any file under `inputs`. */
function stale(output, inputs) {
  const out = resolve(root, output);
  return !existsSync(out) || statSync(out).mtimeMs < newestMtime(inputs);
}

function build(label, command, commandArgs, hint) {
  const started = Date.now();
  console.log(`▶ ${label}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed${hint ? `: ${hint}` : ''}`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

/** dist/sdk, which bench pages bundle and the Node side of epgParse imports. */
const SDK_INPUTS = ['sdk', 'tsconfig.sdk.json', 'tsconfig.base.json'];

function ensureBuilt(webRoot) {
  if (stale('dist/sdk/index.js', SDK_INPUTS)) build('build:sdk', 'npx', ['tsc', '-p', 'tsconfig.sdk.json']);
  if (stale('dist/node/apps/headend/server.js', ['apps/headend', 'tsconfig.node.json'])) {
    build('build:node', 'npx', ['tsc', '-p', 'tsconfig.node.json']);
  }
  if (args['web-root']) return;
  const page = join(webRoot, 'samples/hello-remote/index.html');
  if (stale(page, ['samples/hello-remote', 'sdk', 'vite.config.ts'])) {
    build('build:web', 'npx', ['vite', 'build'], 'vite.config.ts builds every app; pass --web-root <dir> to use another build of samples/hello-remote');
  }
}

// ---------------------------------------------------------------- output

function printTable(rows) {
  if (!rows.length) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v) => (v === undefined || v === null ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values) => values.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))));
}

function mergeResults(machine, results) {
  let previous = {};
  if (existsSync(RESULTS)) {
    try {
      previous = JSON.parse(readFileSync(RESULTS, 'utf8'));
    } catch (err) {
      console.warn(`bench-results.json is not valid JSON (${err.message}); starting it afresh`);
    }
  }
  const merged = {
    ...previous,
    date: new Date().toISOString(),
    machine,
    benchmarks: { ...(previous.benchmarks ?? {}), ...results },
  };
  writeFileSync(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
}

// ---------------------------------------------------------------- main

async function main() {
  const benches = await loadBenchmarks();
  if (args.list) {
    for (const b of benches) console.log(`${b.name.padEnd(14)} ${b.title}`);
    return;
  }
  const wanted = args.only ? args.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const selected = wanted ? benches.filter((b) => wanted.includes(b.name) || wanted.includes(b.file)) : benches;
  const unknown = wanted?.filter((w) => !benches.some((b) => b.name === w || b.file === w)) ?? [];
  if (unknown.length || !selected.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ') || args.only}. Known: ${benches.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const options = {
    presses: positiveInt(args.presses, 'presses'),
    warmup: positiveInt(args.warmup, 'warmup'),
    paceMs: positiveInt(args.pace, 'pace'),
    holdMs: positiveInt(args.hold, 'hold'),
  };
  if (options.holdMs >= options.paceMs) throw new Error('--hold must be shorter than --pace');
  const throttles = args.throttles.split(',').map((t) => positiveInt(t.trim(), 'throttles'));

  ensureSystemDependencies();
  const webRoot = resolve(root, args['web-root'] ?? 'dist/web');
  if (!args['no-build']) ensureBuilt(webRoot);
  // With --no-build a stale dist/sdk is measured as it is; benchmarks note it in their output.
  const sdkStale = stale('dist/sdk/index.js', SDK_INPUTS);
  if (sdkStale) console.warn('! dist/sdk is older than sdk/ (--no-build: measuring it as it is; `npm run build:sdk` to refresh)');
  if (!existsSync(join(webRoot, 'samples/hello-remote/index.html'))) {
    console.error(`No build of samples/hello-remote in ${webRoot}`);
    process.exit(1);
  }

  const { startHeadend } = await import(pathToFileURL(resolve(root, 'dist/node/apps/headend/server.js')).href);
  const { chromium } = await import('playwright-core');
  const started = Date.now();
  const headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      chromium: browser.version(),
      renderer: 'headless, SwiftShader WebGL (no GPU)',
      // Other work on the machine skews latency figures: the 1-minute load average when the run began.
      loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
    };
    console.log(`\nChromium ${machine.chromium} · ${machine.cpus} CPUs (${machine.cpuModel}, load ${machine.loadAverageAtStart}) · ${options.presses} presses/run, `
      + `every ${options.paceMs} ms (held ${options.holdMs} ms) · CPU throttling ${throttles.map((t) => `${t}×`).join(', ')}`);

    // One session per CPU throttling rate measures both key modes, interleaved; benchmarks share them.
    const sessions = new Map();
    const ctx = {
      browser,
      baseUrl: headend.url.replace('localhost', '127.0.0.1'),
      options,
      throttles,
      sdkStale,
      machine,
      /** A page in a fresh context, 1920×1080, served cross-origin isolated (5 µs timers instead of 100 µs). */
      async newPage() {
        const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
        await context.route('**/*', async (route) => {
          const response = await route.fetch();
          await route.fulfill({
            response,
            headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
          });
        });
        return context.newPage();
      },
      /** hello-remote key latency in `mode` ('sdk' | 'lightning') at CPU throttling `throttle`. */
      async keyLatency({ mode, throttle }) {
        if (!sessions.has(throttle)) {
          const t0 = Date.now();
          const modes = ['lightning', 'sdk'];
          sessions.set(throttle, measureKeyLatency(ctx, { modes, throttle, ...options }).then((r) => {
            console.log(`  · ${throttle}× CPU: ${modes.map((m) => `${r[m].presses} ${m}`).join(' + ')} presses in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
            return r;
          }));
        }
        return (await sessions.get(throttle))[mode];
      },
    };

    const results = {};
    for (const bench of selected) {
      console.log(`\n■ ${bench.name}: ${bench.title}`);
      const out = await bench.run(ctx);
      console.log('');
      printTable(out.rows);
      for (const note of out.notes ?? []) console.log(`  ${note}`);
      results[bench.name] = out.results;
    }
    mergeResults(machine, results);
    console.log(`\nWrote ${Object.keys(results).join(', ')} to ${RESULTS} (${((Date.now() - started) / 1000).toFixed(0)}s)`);
  } finally {
    await browser.close();
    await headend.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
