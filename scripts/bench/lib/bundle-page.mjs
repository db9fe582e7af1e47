// Bench pages: bundled from scripts/bench/pages with esbuild (importing the built SDK in dist/sdk) and
// served from memory with page.route, cross-origin isolated so timers have 5 µs resolution.
import { resolve } from 'node:path';
import { root } from '../../lib.mjs';

export const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Bundles `scripts/bench/pages/<page>` for the browser and returns its text; `options` add esbuild settings. */
export async function bundlePage(page, options = {}) {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [resolve(root, 'scripts/bench/pages', page)],
    bundle: true, format: 'esm', platform: 'browser', write: false, minify: true, target: 'es2022', logLevel: 'error',
    ...options,
  });
  return out.outputFiles[0].text;
}
