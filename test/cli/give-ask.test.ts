import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction } from '../../src/contract/interactions.js';
import type { Person } from '../../src/contract/people.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('tend log --give/--ask (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
    await cli.json<Person>('people', 'add', 'Raj Patel', '--json');
  });
  afterAll(() => cli?.close());

  it('marks a log as a give or an ask and says so', async () => {
    const r = await cli.run('log', 'Sent him the Rust talk', '--with', 'Raj', '--give', 'shared');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('counted as a give (shared)');
    const asked = await cli.json<Interaction>(
      'log',
      'Asked for a referral',
      '--with',
      'Raj',
      '--ask',
      'referral',
      '--json',
    );
    expect(asked).toMatchObject({ exchange: 'ask', exchangeKind: 'referral' });
  });

  it('refuses a kind from the other side and both flags at once, in one line', async () => {
    const wrong = await cli.run('log', 'x', '--with', 'Raj', '--ask', 'shared');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('Choose one of: referral, advice, favour, introduction, other');
    const both = await cli.run('log', 'x', '--with', 'Raj', '--ask', 'advice', '--give', 'help');
    expect(both.code).not.toBe(0);
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
  });
});
