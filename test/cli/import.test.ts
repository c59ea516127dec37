import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportBatch } from '../../src/contract/import.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'import');
const fixture = (name: string) => path.join(FIXTURES, name);

describe.each(DIALECTS)('tend import (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
  });
  afterAll(() => cli?.close());

  it('previews a LinkedIn export with --dry-run and writes nothing', async () => {
    const r = await cli.run('import', 'linkedin', fixture('linkedin-export.zip'), '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Preview of linkedin-export.zip (nothing written)');
    expect(r.stdout).toMatch(/16 rows: 5 new · 2 updated · 0 unchanged · 3 interactions/);
    expect(r.stdout).toContain('Connections.csv:11  "31 Foo 2021" is not a date (Connected On)');
    expect((await cli.client.listPeople({ query: {} })).items).toEqual([]);
  });

  it('imports a LinkedIn folder, lists the import and undoes it', async () => {
    const r = await cli.run('import', 'linkedin', FIXTURES);
    // No file in the fixtures folder is named like the export's own, so the folder is refused.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No Connections.csv, Invitations.csv or messages.csv');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-linkedin-'));
    fs.mkdirSync(path.join(dir, 'Basic_LinkedInDataExport'));
    fs.copyFileSync(
      fixture('linkedin-connections-preamble.csv'),
      path.join(dir, 'Basic_LinkedInDataExport', 'Connections.csv'),
    );
    fs.copyFileSync(fixture('linkedin-messages.csv'), path.join(dir, 'Basic_LinkedInDataExport', 'messages.csv'));
    const applied = await cli.run('import', 'linkedin', dir);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('3 interactions');
    expect(applied.stdout).toMatch(/Undo with: tend import undo [0-9a-f-]{36}/);
    const list = await cli.json<ImportBatch[]>('import', 'list', '--json');
    expect(list[0]).toMatchObject({ source: 'linkedin', status: 'applied' });
    const text = await cli.run('import', 'list');
    expect(text.stdout).toContain('5 new, 0 updated, 2 errors');
    const undone = await cli.run('import', 'undo', list[0]?.id ?? '');
    expect(undone.stdout).toContain('Undone linkedin import');
    expect((await cli.client.listPeople({ query: {} })).items).toEqual([]);
  });

  it('imports Google, Outlook and vCard files, and a CSV with --map', async () => {
    for (const [source, file] of [
      ['google', 'google-legacy.csv'],
      ['outlook', 'outlook-legacy.csv'],
      ['vcard', 'contacts.vcf'],
    ]) {
      const r = await cli.run('import', source as string, fixture(file as string), '--json');
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as ImportBatch).status).toBe('applied');
    }
    const dry = await cli.run('import', 'csv', fixture('generic.csv'), '--dry-run');
    expect(dry.stdout).toContain('Mapping: Name=fullName,Work Email=email');
    const mapped = await cli.json<ImportBatch>(
      'import',
      'csv',
      fixture('generic.csv'),
      '--map',
      'Name=fullName,Employer=organisation',
      '--json',
    );
    expect(mapped.report?.counts).toMatchObject({ created: 2, errors: 1 }); // Ana Ruiz is known by now
  });

  it('says what is wrong in one line', async () => {
    const missing = await cli.run('import', 'google', fixture('nope.csv'));
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('No file or folder at');
    const bad = await cli.run('import', 'linkedin', fixture('linkedin-truncated.zip'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^tend: The file cannot be imported: The zip archive cannot be read/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const map = await cli.run('import', 'csv', fixture('generic.csv'), '--map', 'Name=nonsense');
    expect(map.code).toBe(2);
    expect(map.stderr).toContain('"nonsense" is not a field');
    const noName = await cli.run('import', 'csv', fixture('generic.csv'), '--map', 'Work Email=email');
    expect(noName.stderr).toContain('Map a column to the name');
    const undo = await cli.run('import', 'undo', 'abc');
    expect(undo.stderr).toContain('is not an import id');
  });
});
