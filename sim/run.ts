/*
 * `npm run sim [-- --seeds 1,2,3,4,5] [--people 300] [--budget 5] [--days 364] [--policy NAME] [--away-notice DAYS]`
 *
 * Runs every policy over the same simulated years (one per seed), prints the
 * table of metrics (mean over seeds, with the range) and writes the raw results
 * as JSON under sim/results/. See docs/efficacy.md for the model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Bound, upperBound } from './bound.js';
import { type Result, setUp, simulate, tearDown } from './harness.js';
import { POLICIES } from './policies.js';
import { buildWorld } from './world.js';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3,4,5' },
    people: { type: 'string', default: '300' },
    budget: { type: 'string', default: '5' },
    days: { type: 'string', default: '364' },
    start: { type: 'string', default: '2026-01-05' },
    absences: { type: 'string', default: '2' },
    'away-notice': { type: 'string', default: '14' },
    policy: { type: 'string' },
    diagnose: { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'npm run sim -- [--seeds 1,2,3,4,5] [--people 300] [--budget 5] [--days 364] [--start 2026-01-05] [--absences 2] [--away-notice 14] [--policy substring] [--diagnose] [--out FILE]\n',
  );
  process.exit(0);
}
const seeds = args.seeds.split(',').map((s) => Number(s.trim()));
if (seeds.some((s) => !Number.isInteger(s)))
  throw new Error('--seeds takes whole numbers separated by commas, e.g. 1,2,3');
const people = Number(args.people);
const budget = Number(args.budget);
const days = Number(args.days);
const awayNotice = Number(args['away-notice']);
if (!Number.isInteger(awayNotice) || awayNotice < 0)
  throw new Error('--away-notice takes a whole number of days (0: the user never tells Tend they are away)');
const policies = POLICIES.filter((p) => !args.policy || p.name.toLowerCase().includes(args.policy.toLowerCase()));

const results: Result[] = [];
const bounds: Bound[] = [];
for (const seed of seeds) {
  const world = buildWorld({ seed, people, days, start: args.start, absences: Number(args.absences) });
  bounds.push(upperBound(world, budget));
  const base = await setUp(world);
  for (const policy of policies) {
    const r = await simulate(world, base, policy, { budget, awayNotice });
    results.push(r);
    process.stderr.write(`seed ${seed} · ${policy.name}: ${r.seconds.toFixed(1)} s ${JSON.stringify(r.timing)}\n`);
    if (args.diagnose) process.stderr.write(`  ${JSON.stringify(r.diagnostics)}\n`);
  }
  tearDown(base);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function cell(values: number[], f: (x: number) => string): string {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return f(mean);
  return `${f(mean)} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}
const columns: [string, (r: Result) => number, (x: number) => string][] = [
  ['inner+close in cadence', (r) => r.keptInCadence, pct],
  ['inner', (r) => r.innerKept, pct],
  ['close', (r) => r.closeKept, pct],
  ['event follow-ups ≤48h', (r) => r.eventFollowUps48h, pct],
  ['congrats ≤7d', (r) => r.congratulated7d, pct],
  ['dormant revived', (r) => r.dormantRevived / Math.max(r.dormantTotal, 1), pct],
  ['touches', (r) => r.touches, (x) => x.toFixed(0)],
  [
    'on inner+close',
    (r) => ((r.touchesByCircle.inner ?? 0) + (r.touchesByCircle.close ?? 0)) / Math.max(r.touches, 1),
    pct,
  ],
  ['recovery days', (r) => Math.max(...r.recoveryDays.map((d) => (Number.isFinite(d) ? d : 99))), (x) => x.toFixed(0)],
];
const header = ['policy', ...columns.map((c) => c[0])];
const rows = policies.map((p) => {
  const mine = results.filter((r) => r.policy === p.name);
  return [p.name, ...columns.map(([, get, f]) => cell(mine.map(get), f))];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
const sample = results[0];
process.stdout.write(
  `${people} people, ${budget} touches a week, ${days} days, seeds ${seeds.join(', ')}, absences recorded ${awayNotice > 0 ? `${awayNotice} days ahead` : 'never'}; ${sample ? `${sample.eventsMet} people met at events, ${sample.achievements} achievements, ${sample.dormantTotal} dormant strong ties (seed ${sample.seed})` : ''}\n\n`,
);
process.stdout.write(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
for (const r of rows) process.stdout.write(`${line(r)}\n`);
process.stdout.write(
  '\nMean over seeds (min–max). Recovery: the slower of the two absences, in days (99 = not within the year).\n',
);

// Per seed: what the year asks of any policy, and the best an oracle that knows the year could do.
const perSeed = [
  [
    'seed',
    'inner',
    'close',
    'touches',
    'just-in-time need',
    'met',
    'oracle in cadence',
    'oracle with 90% follow-ups',
    'estimate without foresight',
    ...policies.map((p) => `${p.name.split(' ')[0]} cadence / ≤48h`),
  ],
  ...bounds.map((b) => {
    const world = results.find((r) => r.seed === b.seed);
    return [
      String(b.seed),
      String(world?.tracked.inner ?? ''),
      String(world?.tracked.close ?? ''),
      String(b.touches),
      String(b.justInTime),
      String(b.eventsMet),
      pct(b.inCadenceNoFollowUps),
      pct(b.inCadenceWithFollowUps),
      `≤ ${pct(b.withoutForesight)}`,
      ...policies.map((p) => {
        const r = results.find((x) => x.seed === b.seed && x.policy === p.name);
        return r ? `${pct(r.keptInCadence)} / ${pct(r.eventFollowUps48h)}` : '';
      }),
    ];
  }),
];
const w2 = (perSeed[0] as string[]).map((_, i) => Math.max(...perSeed.map((r) => (r[i] as string).length)));
const line2 = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(w2[i] as number)).join(' | ')} |`;
process.stdout.write(`\n${line2(perSeed[0] as string[])}\n|${w2.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
for (const r of perSeed.slice(1)) process.stdout.write(`${line2(r)}\n`);
process.stdout.write(
  'Per seed. touches: what the year gives; just-in-time need: touches to keep every inner and close person in cadence without knowing who will write first (see sim/bound.ts); oracle: an upper bound for any policy, knowing every reach-out, event and absence in advance; estimate without foresight: what the touches short of the need cost at the least (absences not counted).\n',
);

const out =
  args.out ?? path.join(import.meta.dirname, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify({ people, budget, days, seeds, awayNotice, bounds, results }, null, 2)}\n`);
process.stdout.write(`results in ${path.relative(process.cwd(), out)}\n`);
