// Browser tests run in Debian's Chromium (never a downloaded browser). TypeScript is compiled by esbuild;
// Lightning's SDK needs two shims to load unbundled (see toolchain notes): deepmerge's CJS build wrapped
// as ESM, and package.json served as a JS module.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupJson from '@rollup/plugin-json';

const json = fromRollup(rollupJson);

const deepmergeAsEsm = {
  name: 'deepmerge-as-esm',
  transform(context) {
    if (context.path.includes('/deepmerge/dist/cjs.js')) {
      return { body: `const module = { exports: {} };\n${context.body}\nexport default module.exports;` };
    }
    return undefined;
  },
};

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  testsFinishTimeout: 180000,
  mimeTypes: { '**/*.json': 'js' },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), json(), deepmergeAsEsm],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
          '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  testFramework: { config: { timeout: 20000 } },
};
