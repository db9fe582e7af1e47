#!/usr/bin/env node
// Regenerates the emulator's ClearKey fixture: apps/headend/media/clearkey/testcard-clearkey.webm (VP8, 640×360,
// 4 s, WebM AES-CTR encrypted) and keys.json (its key id and key as a ClearKey JWK map). The media is made by
// the project itself in Debian's Chromium: canvas frames → WebCodecs VP8 → the project's test WebM writer → Web
// Crypto AES-CTR (test/browser/player/support/testmedia/). Before writing, the script plays the result through the
// SDK's HTML5 player with the new key and checks a screenshot of the decrypted picture (canvas readback of EME
// video is black in Chromium, the compositor's picture is not).
//   node scripts/make-clearkey-fixture.mjs            regenerate and check
//   node scripts/make-clearkey-fixture.mjs --verify   only check the committed files (used by the Node tests)
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'apps/headend/media/clearkey');
const MAX_BYTES = 300 * 1024;
const verifyOnly = process.argv.includes('--verify');

const entry = `
import { makeTestWebm, base64Url, TEST_MEDIA_COLOURS } from './test/browser/player/support/testmedia/make-test-webm.ts';
import { createHtml5Player, CLEARKEY } from './sdk/player/index.ts';
window.fixture = {
  async generate() {
    const keyId = crypto.getRandomValues(new Uint8Array(16));
    const key = crypto.getRandomValues(new Uint8Array(16));
    const media = await makeTestWebm({ width: 640, height: 360, seconds: 4, bitrate: 250000, encryption: { keyId, key } });
    let binary = '';
    for (const byte of media.bytes) binary += String.fromCharCode(byte);
    return { webm: btoa(binary), kid: base64Url(keyId), key: base64Url(key) };
  },
  colour: TEST_MEDIA_COLOURS[0],
  async play(url, clearKeys) {
    document.body.style.margin = '0';
    const player = createHtml5Player({ firstFrameTimeoutMs: 10000 });
    await player.setMuted(true);
    await player.play({ kind: 'url', url, drm: { keySystem: CLEARKEY, clearKeys } });
    await player.pause();
    return player.state.status;
  },
  async pixelOf(pngBase64, x, y) {
    const bytes = Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    return Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
  },
};
`;

const bundle = await build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'clearkey-fixture-entry.ts' },
  bundle: true, format: 'esm', target: 'es2022', write: false, logLevel: 'warning',
});
const script = bundle.outputFiles[0].text;

let fixture = Buffer.alloc(0);
const server = createServer((request, response) => {
  if (request.url === '/fixture.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  else if (request.url === '/fixture.webm') response.writeHead(200, { 'content-type': 'video/webm' }).end(fixture);
  else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><body><script type="module" src="/fixture.js"></script></body>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = await browser.newPage({ viewport: { width: 640, height: 360 } });
  page.on('console', (message) => { if (message.type() === 'error') console.error(`browser: ${message.text()}`); });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'fixture' in window);
  let clearKeys;
  if (verifyOnly) {
    fixture = readFileSync(join(outDir, 'testcard-clearkey.webm'));
    ({ clearKeys } = JSON.parse(readFileSync(join(outDir, 'keys.json'), 'utf8')));
  } else {
    const made = await page.evaluate(() => window.fixture.generate());
    fixture = Buffer.from(made.webm, 'base64');
    clearKeys = { [made.kid]: made.key };
  }
  if (fixture.length > MAX_BYTES) throw new Error(`fixture is ${fixture.length} bytes, over the ${MAX_BYTES} limit`);

  const colour = await page.evaluate(() => window.fixture.colour);
  const status = await page.evaluate(([url, keys]) => window.fixture.play(url, keys), ['/fixture.webm', clearKeys]);
  const png = (await page.screenshot({ clip: { x: 0, y: 0, width: 640, height: 360 } })).toString('base64');
  const pixel = await page.evaluate(([data]) => window.fixture.pixelOf(data, 20, 20), [png]);
  const off = pixel.map((value, index) => Math.abs(value - colour[index]));
  if (status !== 'paused' || off.some((delta) => delta > 24)) {
    throw new Error(`decrypted playback check failed: status ${status}, pixel ${pixel} (expected about ${colour})`);
  }

  if (verifyOnly) {
    console.log(`verified ${fixture.length} bytes: decrypted with keys.json, first-second pixel ${pixel} (expected about ${colour})`);
  } else {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'testcard-clearkey.webm'), fixture);
    writeFileSync(join(outDir, 'keys.json'), `${JSON.stringify({ keySystem: 'org.w3.clearkey', clearKeys }, null, 2)}\n`);
    console.log(`wrote ${join(outDir, 'testcard-clearkey.webm')} (${fixture.length} bytes) and keys.json; decrypted pixel ${pixel}`);
  }
} finally {
  await browser.close();
  server.close();
}
