// Builds the browser apps (emulator, samples, and later the launcher and companion) as one multi-page
// site in dist/web, which the headend serves. Paths stay the same in `vite` dev mode and in the build.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  build: {
    outDir: resolve(root, 'dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    reportCompressedSize: true,
    rollupOptions: {
      input: {
        emulator: resolve(root, 'apps/emulator/index.html'),
        'hello-remote': resolve(root, 'samples/hello-remote/index.html'),
        'epg-grid': resolve(root, 'samples/epg-grid/index.html'),
        'alert-demo': resolve(root, 'samples/alert-demo/index.html'),
        'live-tv': resolve(root, 'samples/live-tv/index.html'),
      },
    },
  },
  server: { port: 5173 },
});
