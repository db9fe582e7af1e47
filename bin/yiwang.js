#!/usr/bin/env node
// The `yiwang` command: runs the compiled CLI (compiled by `npm run build`, or `npm run build:node`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/node/cli/yiwang.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('yiwang: the CLI is not built yet; run "npm run build" in the Yiwang project first.');
  process.exit(1);
}
await import(cli.href);
