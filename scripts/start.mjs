// `npm start`: installs what is missing, builds, and serves the emulator (with the default device app)
// from the headend on http://localhost:8080 (PORT overrides).
import { checkNode, ensureDependencies, run } from './lib.mjs';

checkNode();
ensureDependencies();
run('build', 'npm', ['run', 'build']);
await import('../dist/node/apps/headend/main.js');
