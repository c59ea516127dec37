import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwayPeriod } from '../../src/contract/away.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('away command (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
  });
  afterAll(() => cli?.close());

  it('adds, lists and removes away periods, with one-line errors', async () => {
    expect((await cli.run('away', 'list')).stdout).toContain('No away periods');
    const added = await cli.run('away', 'add', '2099-12-20', '2100-01-03', '--label', 'Holidays');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Away 20 December 2099 – 3 January 2100 \(Holidays\): [0-9a-f-]{36}\n$/);
    const list = await cli.run('away', 'list');
    expect(list.stdout).toContain('2099-12-20');
    expect(list.stdout).toContain('Holidays');
    const [p] = await cli.json<AwayPeriod[]>('away', 'list', '--json');
    expect(p).toMatchObject({ from: '2099-12-20', to: '2100-01-03', label: 'Holidays' });

    const backwards = await cli.run('away', 'add', '2099-12-20', '2099-12-01');
    expect(backwards.code).not.toBe(0);
    expect(backwards.stderr).toContain('TO: must be on or after from (2099-12-20)');
    const notADate = await cli.run('away', 'add', 'tomorrow', '2099-12-01');
    expect(notADate.stderr).toContain('FROM: must be a date like 2026-03-14');
    const overlap = await cli.run('away', 'add', '2099-12-31', '2100-01-10');
    expect(overlap.stderr).toContain('already away from 2099-12-20 to 2100-01-03');

    const removed = await cli.run('away', 'remove', (p?.id ?? '').slice(0, 12));
    expect(removed.stdout).toContain('Removed the away period 20 December 2099 – 3 January 2100.');
    expect((await cli.run('away', 'remove', p?.id ?? '')).stderr).toContain('No away period');
  });
});
