// The project's web-test-runner config with Chromium's CPU throttled 4x (DevTools "4x slowdown"), to
// approximate a set-top box. For benchmarks only.
import { chromeLauncher } from '@web/test-runner-chrome';
import base from '../../../../web-test-runner.config.mjs';

const RATE = Number(process.env.CPU_THROTTLE ?? 4);

export default {
  ...base,
  files: [],
  testFramework: { config: { timeout: 600000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
      async createPage({ context }) {
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
        return page;
      },
    }),
  ],
};
