#!/usr/bin/env node
// The `tend` command: runs the compiled CLI (one bundled module, see vite.server.config.ts), or says how to build it.
import { existsSync } from 'node:fs';
import v8 from 'node:v8';

// Keep V8's young generation at its initial size instead of letting it double to 2 × 16 MB
// while modules load and under load (≈25 MB of the server's RSS; docs/performance.md, "Server
// memory"). Set here because `tend`, `npm start` and the benchmark all run this file with a
// plain `node`, which takes no flags of its own: unlike --max-semi-space-size, which V8 reads
// only when the heap is set up, the growth factor is read at each growth, so it works at run time.
v8.setFlagsFromString('--semi-space-growth-factor=1');

const entry = new URL('../dist/bundle/tend.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('tend: not built yet — run `npm run build` in the Tend folder first\n');
  process.exit(1);
}
await import(entry.href);
