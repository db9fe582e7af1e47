#!/usr/bin/env node
// The `yiwang` command: runs the compiled CLI (build it with `npm run build:node`).
import '../dist/node/cli/yiwang.js';
