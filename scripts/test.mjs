// `npm test`: every check, in order, stopping at the first failure: lint, typecheck, build, browser
// tests in Debian's headless Chromium (web-test-runner), then Node tests (headend, CLI, end-to-end, alert
// delivery through the embedded broker and through a real Mosquitto).
import { checkNode, ensureDependencies, run } from './lib.mjs';
import { ensureSystemDependencies } from './system-deps.mjs';

const started = Date.now();
checkNode();
ensureDependencies();
ensureSystemDependencies({ mosquitto: true }); // mosquitto: the alert-delivery test against a real broker
run('lint', 'npm', ['run', 'lint']);
run('typecheck', 'npm', ['run', 'typecheck']);
run('build', 'npm', ['run', 'build']);
run('browser tests', 'npm', ['run', 'test:browser']);
run('node tests', 'npm', ['run', 'test:node']);
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
