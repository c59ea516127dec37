import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emphasise } from '../../src/cli/commands/search.js';
import { createStyle } from '../../src/cli/style.js';
import type { SearchResult } from '../../src/contract/search.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('tend search (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
    await cli.run('people', 'add', 'Ana Ruiz', '--topic', 'Rust');
    await cli.run('people', 'add', 'Raj Patel', '--tag', 'investor');
  });
  afterAll(() => cli?.close());

  it('prints hits with their kind, title and subtitle', async () => {
    const r = await cli.run('search', 'ana');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/person\s+Ana Ruiz/);
    expect(r.stdout).not.toContain('Raj');
  });

  it('prints JSON, filters by type and tag, and survives hostile words', async () => {
    const j = await cli.json<SearchResult>('search', 'r', '--tag', 'investor', '--json');
    expect(j.items.map((i) => i.title)).toEqual(['Raj Patel']);
    // After `--` every word is a search word, even one starting with a dash.
    const hostile = await cli.run('search', '--type', 'person', '--', '"(raj', '*', '-patel)');
    expect(hostile.code, hostile.stderr).toBe(0);
    expect(hostile.stdout).toContain('Raj Patel');
    const bad = await cli.run('search', 'ana', '--type', 'planet');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('planet');
  });

  it('says so when nothing matches, and rebuilds the index', async () => {
    expect((await cli.run('search', 'zzyzx')).stdout).toContain('Nothing matches "zzyzx"');
    const re = await cli.run('search', '--reindex');
    expect(re.code, re.stderr).toBe(0);
    expect(re.stdout).toMatch(/Rebuilt the search index from \d+ rows/);
  });

  it('emphasises the matched words on a terminal', () => {
    const s = createStyle(true);
    expect(emphasise('Ana Ruiz', [{ start: 0, end: 3 }], s)).toBe(`${s.bold(s.yellow('Ana'))} Ruiz`);
    expect(emphasise('Ana Ruiz', [{ start: 0, end: 3 }], createStyle(false))).toBe('Ana Ruiz');
  });
});
