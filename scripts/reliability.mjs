#!/usr/bin/env node
/*
 * `npm run reliability`: runs every test that records what it tried with
 * recordReliability (test/support/reliability.ts) — hostile input, crash
 * safety, concurrency, soak, many instances, backups, migrations — then turns
 * the records in reports/reliability/*.json into the table of
 * docs/reliability.md. New reliability tests are picked up by that call alone.
 *
 *   npm run reliability                 run them all (vitest, then the browser tests) and write the table
 *   npm run reliability -- --no-e2e     leave out the browser tests (no build needed)
 *   npm run reliability -- --no-build   run the browser tests on the build that is there
 *   npm run reliability -- --table-only write the table from the records already there (and the audit)
 *   npm run reliability -- <filter>     only test files whose path contains <filter>
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reportsDir = path.join(root, 'reports', 'reliability');
const docFile = path.join(root, 'docs', 'reliability.md');
const args = process.argv.slice(2);
const tableOnly = args.includes('--table-only');
const noE2e = args.includes('--no-e2e');
const noBuild = args.includes('--no-build');
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return [p];
  });
}

/** Test files that call recordReliability, relative to the root. */
function reliabilityTests() {
  return [...walk(path.join(root, 'test')), ...walk(path.join(root, 'src'))]
    .filter((f) => /\.(test|e2e)\.ts$/.test(f))
    .filter((f) => fs.readFileSync(f, 'utf8').includes('recordReliability('))
    .map((f) => path.relative(root, f))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
}

function run(cmd, cmdArgs, env = {}) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let failed = false;
const started = Date.now();
if (!tableOnly) {
  const files = reliabilityTests();
  const unit = files.filter((f) => f.endsWith('.test.ts'));
  const e2e = files.filter((f) => f.endsWith('.e2e.ts'));
  console.log(`Reliability tests (${files.length}):\n  ${files.join('\n  ')}`);
  // A fresh set of records: a test that no longer exists leaves no stale row.
  if (filters.length === 0) fs.rmSync(reportsDir, { recursive: true, force: true });
  if (unit.length > 0 && run('npx', ['vitest', 'run', ...unit]) !== 0) failed = true;
  if (e2e.length > 0 && !noE2e) {
    if (!noBuild && run('npm', ['run', 'build']) !== 0) failed = true;
    else if (run('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', ...e2e]) !== 0) failed = true;
  }
}

// The audit of production dependencies is part of data safety too; its record says when it could not run.
if (filters.length === 0) {
  const audit = spawnSync(process.execPath, [path.join(root, 'scripts', 'audit.mjs')], { cwd: root, encoding: 'utf8' });
  const out = (audit.stdout ?? '').trim();
  console.log(`\n$ node scripts/audit.mjs\n${out}`);
  const unchecked = /NOT checked/.test(out);
  fs.mkdirSync(reportsDir, { recursive: true });
  fs.writeFileSync(
    path.join(reportsDir, 'npm-audit.json'),
    `${JSON.stringify(
      {
        id: 'npm-audit',
        area: 'data safety',
        test: 'scripts/audit.mjs: npm audit --omit=dev, failing on high or critical advisories',
        tried: 'every production dependency against the npm registry advisory database',
        result: unchecked
          ? `not checked: ${out.split('\n')[0]?.replace(/^npm audit: /, '')}`
          : out.split('\n').join(' '),
        ok: audit.status === 0 && !unchecked,
        unchecked,
        at: new Date().toISOString(),
      },
      null,
      2,
    )}\n`,
  );
}

const records = fs.existsSync(reportsDir)
  ? fs
      .readdirSync(reportsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(reportsDir, f), 'utf8')))
  : [];
const AREAS = [
  'hostile input',
  'stored content',
  'crash safety',
  'concurrency',
  'load',
  'soak',
  'many instances',
  'data safety',
];
const areaRank = (a) => (AREAS.indexOf(a) < 0 ? AREAS.length : AREAS.indexOf(a));
records.sort((a, b) => areaRank(a.area) - areaRank(b.area) || a.area.localeCompare(b.area) || a.id.localeCompare(b.id));

const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
const passed = records.filter((r) => r.ok).length;
const unchecked = records.filter((r) => r.unchecked).length;
const lines = [
  '# Reliability',
  '',
  'What Tend was put through, and what happened: hostile input, stored content shown safely, crash safety,',
  'concurrency, load, many instances and data safety for operators. Each row is written by the test itself',
  '(`recordReliability` in `test/support/reliability.ts`), so the figures are the ones of the last run.',
  '',
  'Regenerate with one command (runs every test that records itself, then rewrites this file):',
  '',
  '```sh',
  'npm run reliability            # add -- --no-e2e to leave out the browser tests',
  '```',
  '',
  `Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${passed} of ${records.length} passed${unchecked ? `, ${unchecked} could not be checked` : ''}.`,
  '',
];
let area = null;
for (const r of records) {
  if (r.area !== area) {
    area = r.area;
    lines.push(
      `## ${area[0].toUpperCase()}${area.slice(1)}`,
      '',
      '| Test | What it tried | Result | OK |',
      '| --- | --- | --- | --- |',
    );
  }
  lines.push(
    `| ${cell(r.test)} | ${cell(r.tried)} | ${cell(r.result)} | ${r.ok ? 'yes' : r.unchecked ? 'not checked' : '**no**'} |`,
  );
  const next = records[records.indexOf(r) + 1];
  if (!next || next.area !== area) lines.push('');
}
if (records.length === 0) lines.push('No records yet: run `npm run reliability`.', '');
fs.writeFileSync(docFile, lines.join('\n'));
console.log(
  `\nWrote ${path.relative(root, docFile)}: ${records.length} records, ${passed} passed, in ${Math.round((Date.now() - started) / 1000)} s.`,
);
if (failed || passed + unchecked < records.length) process.exit(1);
