import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceDetail } from '../../src/contract/resources.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('tend resource and tend share (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
    await cli.run('people', 'add', 'Ana Ruiz', '--topic', 'Rust');
    await cli.run('people', 'add', 'Raj Patel', '--topic', 'Rust');
  });
  afterAll(() => cli?.close());

  it('saves, suggests, shares once, and skips who already got it', async () => {
    const add = await cli.run(
      'resource',
      'add',
      'https://example.com/async-rust',
      '--title',
      'Async Rust',
      '--topic',
      'Rust',
      '--kind',
      'talk',
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Saved Async Rust · talk · Rust');
    const suggest = await cli.run('resource', 'suggest', 'https://example.com/async-rust');
    expect(suggest.stdout).toContain('Ana Ruiz — Interested in Rust');
    expect(suggest.stdout).toContain('Raj Patel — Interested in Rust');
    const share = await cli.run('share', 'https://example.com/async-rust', '--with', 'Ana');
    expect(share.code).toBe(0);
    expect(share.stdout).toContain('Shared Async Rust with Ana Ruiz · logged as a give');
    const after = await cli.run('resource', 'suggest', 'https://www.example.com/async-rust/');
    expect(after.stdout).not.toContain('Ana Ruiz');
    expect(after.stdout).toContain('left out: the 1 who already got it');
    const twice = await cli.run('share', 'https://example.com/async-rust', '--with', 'Ana');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('Ana Ruiz already got "Async Rust"');
    const skip = await cli.run(
      'share',
      'https://example.com/async-rust',
      '--with',
      'Ana',
      '--with',
      'Raj',
      '--skip-shared',
    );
    expect(skip.stdout).toContain('Shared Async Rust with Raj Patel');
    expect(skip.stdout).toContain('skipped Ana Ruiz: already got it');
    const list = await cli.run('resource', 'list', '--topic', 'rust');
    expect(list.stdout).toMatch(/Async Rust\s+talk\s+Rust\s+2/);
    const fresh = await cli.json<{ shared: unknown[] }>(
      'share',
      'https://example.com/new-paper',
      '--with',
      'Raj',
      '--json',
    );
    expect(fresh.shared).toHaveLength(1);
    const saved = await cli.json<{ items: ResourceDetail[] }>('resource', 'list', '--json');
    expect(saved.items.map((r) => r.url)).toContain('https://example.com/new-paper');
  });

  it('says in one line what is wrong', async () => {
    const bad = await cli.run('resource', 'add', 'ftp://example.com/x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('URL: must start with http:// or https://');
    const nobody = await cli.run('share', 'https://example.com/async-rust', '--with', 'Nobody Here');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('Person not found');
    const notUrl = await cli.run('resource', 'suggest', 'rust talk');
    expect(notUrl.code).toBe(1);
    expect(notUrl.stderr).toContain("Give a resource's address");
  });
});
