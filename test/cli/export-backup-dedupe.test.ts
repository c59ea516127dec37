import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicatesList, MergeResult } from '../../src/contract/dedupe.js';
import type { RestoreResult } from '../../src/contract/export.js';
import { parseVcards } from '../../src/formats/vcard.js';
import { DIALECTS } from '../support/db.js';
import { fillWorkspace } from '../support/rich-workspace.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('export, backup, restore and dedupe commands (%s)', (dialect) => {
  let cli: Cli;
  let empty: Cli;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-cli-export-'));
  beforeAll(async () => {
    cli = await openCli(dialect);
    empty = await openCli(dialect);
    await fillWorkspace(cli.client);
  });
  afterAll(async () => {
    await cli?.close();
    await empty?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports CSV to stdout and to a file, with filters', async () => {
    const r = await cli.run('export', 'csv', '--tag', 'investor');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toMatch(/^\uFEFFid,full_name,/);
    expect(r.stdout).toContain('Ana Ruiz x');
    const file = path.join(dir, 'people.csv');
    const w = await cli.run('export', 'csv', '--circle', 'inner', '--out', file);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('Wrote 1 person');
    expect(fs.readFileSync(file, 'utf8')).toContain('Raj Patel x');
    const bad = await cli.run('export', 'csv', '--circle', 'best');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exports vCard 3.0 and 4.0', async () => {
    const file = path.join(dir, 'people.vcf');
    const r = await cli.run('export', 'vcard', '--version', '3.0', '--out', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 vCards (3.0)');
    const parsed = parseVcards(fs.readFileSync(file, 'utf8'));
    expect(parsed.cards.map((c) => c.version)).toEqual(['3.0', '3.0']);
    const four = await cli.run('export', 'vcard');
    expect(four.stdout).toContain('VERSION:4.0\r\n');
  });

  it('backs up, dry-runs and restores into an empty workspace, refusing a full one', async () => {
    const file = path.join(dir, 'backup.json');
    expect((await cli.run('backup', '--out', file)).code).toBe(0);
    const dry = await empty.run('restore', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run');
    expect(dry.stdout).toMatch(/people\s+3/);
    expect((await empty.client.backupCounts({})).counts.people).toBe(0);
    const done = await empty.json<RestoreResult>('restore', file, '--json');
    expect(done.counts.people).toBe(3);
    const again = await empty.run('restore', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/i);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('explains a missing, non-JSON or foreign file in one line', async () => {
    const missing = await empty.run('restore', path.join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read .*ENOENT/);
    const notJson = path.join(dir, 'not.json');
    fs.writeFileSync(notJson, 'BEGIN:VCARD\n');
    expect((await empty.run('restore', notJson)).stderr).toMatch(/not a Tend backup: it is not JSON/);
    const foreign = path.join(dir, 'foreign.json');
    fs.writeFileSync(foreign, '{"hello":"world"}');
    const f = await empty.run('restore', foreign, '--dry-run');
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/Not a Tend backup/);
  });

  it('lists duplicates, merges with a dry run first, and undoes', async () => {
    await cli.client.createPerson({ body: { fullName: 'Ana Ruiz', emails: [{ value: 'ana.x@acme.example' }] } });
    const list = await cli.json<DuplicatesList>('dedupe', 'list', '--json');
    expect(list.total).toBe(1);
    const human = await cli.run('dedupe', 'list');
    expect(human.stdout).toContain('same email ana.x@acme.example');
    const [pair] = list.items;
    if (!pair) throw new Error('no pair');
    const survivor = pair.a.fullName === 'Ana Ruiz x' ? pair.a : pair.b;
    const other = survivor === pair.a ? pair.b : pair.a;
    const dry = await cli.run('dedupe', 'merge', survivor.id, other.id, '--dry-run');
    expect(dry.stdout).toContain('Dry run');
    const merged = await cli.json<MergeResult>('dedupe', 'merge', survivor.id, other.id, '--json');
    expect(merged.merge?.survivor.id).toBe(survivor.id);
    expect((await cli.run('dedupe', 'merges')).stdout).toContain('Ana Ruiz → Ana Ruiz x');
    const undo = await cli.run('dedupe', 'undo', merged.merge?.id ?? '');
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('Ana Ruiz is back');
    const twice = await cli.run('dedupe', 'undo', merged.merge?.id ?? '');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already undone/i);
    const dismissed = await cli.run('dedupe', 'dismiss', survivor.id, other.id);
    expect(dismissed.code).toBe(0);
    expect((await cli.json<DuplicatesList>('dedupe', 'list', '--json')).total).toBe(0);
  });
});
