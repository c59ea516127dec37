#!/usr/bin/env node
// The `tend` command: runs the compiled CLI (one CommonJS bundle, see vite.server.config.ts), or says how to build it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// V8's young generation stays at its initial size: see src/cli/young-generation.ts (set here too
// so that it holds before the bundle's modules load).
v8.setFlagsFromString('--semi-space-growth-factor=1');

const entry = new URL('../dist/bundle/tend.cjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('tend: not built yet — run `npm run build` in the Tend folder first\n');
  process.exit(1);
}
createRequire(import.meta.url)(fileURLToPath(entry));
