/*
 * Makes the shared benchmark database of a size ahead of the benchmarks, with
 * every layer they add (who-knows-whom, the search index), so a later run
 * times queries, not generation:
 *
 *   npm run bench:prepare -- --size L [--db sqlite|postgres|both] [--seed 42] [--postgres ADMIN_URL] [--fresh]
 */

import { benchArgs } from './lib/args.js';
import { DEFAULT_BENCH_POSTGRES, ensureGraph, ensureSearchIndex, openBenchDb } from './lib/bench-db.js';
import { SIZES, type Size } from './lib/dataset.js';

const USAGE = `npm run bench:prepare -- --size S|M|L [--db sqlite|postgres|both] [--seed 42] [--postgres ADMIN_URL] [--fresh]

Makes the shared benchmark network of that size (who-knows-whom and the search index included),
so later runs time queries, not generation.`;

const { values: args } = benchArgs(USAGE, {
  options: {
    size: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '42' },
    postgres: { type: 'string', default: DEFAULT_BENCH_POSTGRES },
    fresh: { type: 'boolean', default: false },
  },
});
const size = String(args.size).toUpperCase() as Size;
if (!SIZES[size]) {
  console.error('--size must be S, M or L');
  process.exit(2);
}
const dialects = args.db === 'both' ? (['sqlite', 'postgres'] as const) : [args.db as 'sqlite' | 'postgres'];
for (const dialect of dialects) {
  const started = Date.now();
  const log = (l: string) => console.log(`${dialect}: ${l}`);
  const b = await openBenchDb({
    dialect,
    size,
    seed: Number(args.seed),
    postgres: args.postgres,
    fresh: args.fresh,
    log,
  });
  await ensureGraph(b, log);
  await ensureSearchIndex(b, log);
  await b.db.close();
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s: ${b.url}`);
}
