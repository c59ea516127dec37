import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathResult } from '../../src/contract/paths.js';
import type { Person } from '../../src/contract/people.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('tend path (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
    await cli.json<Person>('people', 'add', 'Ana Ruiz', '--circle', 'close', '--json');
    await cli.json<Person>('people', 'add', 'Raj Patel', '--org', 'Stripe', '--role', 'Engineer', '--json');
    const c = await cli.run('connect', 'Ana Ruiz', 'Raj Patel', '--kind', 'worked-with', '--strength', '4');
    expect(c.code, c.stderr).toBe(0);
  });
  afterAll(() => cli?.close());

  it('prints each path as a chain with its warmth and its sentence', async () => {
    const r = await cli.run('path', '--to', 'org:Stripe');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        'Warm paths to Stripe (1 person in your network)',
        '1. You → Ana Ruiz → Raj Patel (Stripe)  warm · 0.49',
        '   Ask Ana Ruiz (close), who worked with Raj Patel, Engineer at Stripe.',
        '',
      ].join('\n'),
    );
    // The target may also come as an argument; JSON is the API's answer.
    const j = await cli.json<PathResult>('path', 'Stripe', '--k', '1', '--json');
    expect(j.target).toMatchObject({ kind: 'org', label: 'Stripe', matchedPeople: 1 });
    expect(j.paths).toHaveLength(1);
  });

  it('says what to do when there is no path, and refuses bad input in one line', async () => {
    let r = await cli.run('path', '--to', 'org:Stripe', '--max-hops', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No path within 1 hop');
    r = await cli.run('path', '--to', 'org:Nowhere');
    expect(r.stdout).toContain('Nobody in your network matches');
    r = await cli.run('path', '--to', 'planet:Mars');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^tend: The request is not valid: --to: unknown target kind "planet"/);
    r = await cli.run('path', '--to', 'Stripe', '--k', '11');
    expect(r.code).not.toBe(0);
  });
});

describe.each(DIALECTS)('tend reach (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
    await cli.json<Person>(
      'people',
      'add',
      'Priya Nair',
      '--org',
      'Stripe',
      '--role',
      'CTO',
      '--circle',
      'inner',
      '--json',
    );
    await cli.client.createWorkspace({ body: { name: 'Acme Ventures' } });
  });
  afterAll(() => cli?.close());

  it('shares, answers who knows someone at an organisation, and stops sharing', async () => {
    let r = await cli.run('reach', '--team', 'acme ventures', '--org', 'Stripe');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Nobody on Acme Ventures shares a contact at Stripe (0 of the members share their reach).\n');
    r = await cli.run('reach', '--team', 'Acme Ventures', '--share');
    expect(r.stdout).toMatch(/^Sharing whom you know with Acme Ventures \(1 sharing\)/);
    r = await cli.run('reach', '--team', 'Acme Ventures', '--org', 'stripe');
    expect(r.stdout).toMatch(/^Priya Nair, CTO at Stripe · .+ \(very close\)\n$/);
    r = await cli.run('reach', '--team', 'Acme Ventures', '--stop-sharing', '--org', 'Stripe');
    expect(r.stdout).toContain('Stopped sharing with Acme Ventures');
    expect(r.stdout).toContain('Nobody on Acme Ventures shares a contact at Stripe');
  });

  it('says what is missing', async () => {
    let r = await cli.run('reach', '--team', 'Acme Ventures');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--org <organisation> or --q <words>');
    r = await cli.run('reach', '--team', 'Nope', '--org', 'Stripe');
    expect(r.stderr).toContain('No workspace "Nope"');
  });
});
