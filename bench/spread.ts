/*
 * The spread of several benchmark runs: reads the JSON results that
 * `npm run bench` wrote under bench/results/ and prints, per database and
 * figure, the median, the lowest and the highest value, and how many runs
 * passed the target.
 *
 *   npm run bench:spread -- bench/results/A.json bench/results/B.json bench/results/C.json
 *   npm run bench:spread -- --last 3 --size L     (the three newest results of size L)
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchArgs } from './lib/args.js';

interface Row {
  db: string;
  figure: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean | null;
}

interface Result {
  startedAt: string;
  size: string;
  loadAverage?: number[] | string;
  rows: Row[];
}

const USAGE = `npm run bench:spread -- [RESULT.json ...] [--last N] [--size S|M|L]

  Prints median, min and max of each figure over several runs of npm run bench.
  --last N   the N newest results in bench/results (with --size, only that size)
`;

const { values: args, positionals } = benchArgs(USAGE, {
  allowPositionals: true,
  options: {
    last: { type: 'string' },
    size: { type: 'string' },
  },
});

const dir = path.resolve(import.meta.dirname, 'results');

function fail(message: string): never {
  process.stderr.write(`bench:spread: ${message}\n`);
  process.exit(1);
}

let files = positionals;
if (args.last !== undefined) {
  const n = Number(args.last);
  if (!Number.isInteger(n) || n < 1) fail(`--last must be a whole number of runs (got "${args.last}")`);
  if (!fs.existsSync(dir)) fail(`no results yet in ${dir}: run npm run bench first`);
  const size = args.size?.toUpperCase();
  files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && (!size || f.endsWith(`-${size}.json`)))
    .sort()
    .slice(-n)
    .map((f) => path.join(dir, f));
}
if (files.length === 0) fail('name result files, or use --last N (see --help)');

function readResult(f: string): Result {
  try {
    const r = JSON.parse(fs.readFileSync(f, 'utf8')) as Result;
    if (!Array.isArray(r.rows)) throw new Error('it has no "rows"');
    return r;
  } catch (err) {
    return fail(`cannot read ${f}: ${(err as Error).message}`);
  }
}

const results: Result[] = files.map(readResult);

const byFigure = new Map<string, { row: Row; values: number[]; passes: number; runs: number }>();
for (const r of results) {
  for (const row of r.rows) {
    if (!Number.isFinite(row.value)) continue;
    const key = `${row.db}\u0000${row.figure}`;
    const entry = byFigure.get(key) ?? { row, values: [], passes: 0, runs: 0 };
    entry.values.push(row.value);
    entry.runs++;
    if (row.pass) entry.passes++;
    byFigure.set(key, entry);
  }
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(2));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const lines = [
  `${results.length} runs: ${results.map((r) => `${r.startedAt} (${r.size})`).join(', ')}`,
  '',
  '| db | figure | median | min | max | target | passed |',
  '|---|---|---|---|---|---|---|',
];
for (const { row, values, passes, runs } of byFigure.values()) {
  const target = row.target || '';
  lines.push(
    `| ${row.db} | ${row.figure} | ${fmt(median(values))} ${row.unit} | ${fmt(Math.min(...values))} | ${fmt(Math.max(...values))} | ${target} | ${target ? `${passes} of ${runs}` : ''} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
