// Makes sure the system packages the tests need are installed: Debian's Chromium (browser tests, e2e,
// benchmarks) and a CJK font (Chinese text in screenshots and Lightning text). As root on Debian it
// installs them with apt-get; otherwise it stops with a one-line instruction.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = { chromium: 'chromium', font: 'fonts-wqy-microhei' };

function hasCjkFont() {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

export function ensureSystemDependencies({ mosquitto = false } = {}) {
  const missing = [];
  if (!existsSync(process.env.CHROME_PATH ?? '/usr/bin/chromium')) missing.push(PACKAGES.chromium);
  if (!hasCjkFont()) missing.push(PACKAGES.font);
  if (mosquitto && !existsSync('/usr/sbin/mosquitto')) missing.push('mosquitto');
  if (!missing.length) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`Missing system packages for the tests: run "sudo apt-get install -y ${missing.join(' ')}" and try again.`);
    process.exit(1);
  }
  console.log(`\n▶ installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args[0]} failed: install "${missing.join(' ')}" by hand and try again.`);
      process.exit(1);
    }
  }
}
