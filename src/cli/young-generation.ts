import v8 from 'node:v8';

/*
 * Keeps V8's young generation at its initial size instead of letting it double up to
 * 2 × 16 MB while modules load and under load: about 15–30 MB of a server's RSS for a few
 * per cent more scavenges (docs/performance.md, "Server memory"). `node` takes no flags from
 * `tend`, `npm start` or the benchmark, and --max-semi-space-size is read only when the heap
 * is set up; the growth factor is read at each growth, so setting it at run time works.
 * bin/tend.js sets it before anything loads; this module does the same for the CLI run from
 * source (`npm run dev`, the tests' server processes), imported first by cli/index.ts.
 */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';
v8.setFlagsFromString(YOUNG_GENERATION_FLAG);
