import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFeedCreated } from '../../src/contract/sync.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('feed, webhook and digest commands (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
  });
  afterAll(() => cli?.close());

  it('creates, shows and revokes the calendar feed', async () => {
    expect((await cli.run('feed')).stdout).toContain('The calendar feed is off');
    const created = await cli.run('feed', 'create');
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(/\/feeds\/[0-9a-f-]{36}_[\w-]+\.ics$/);
    expect(created.stderr).toContain('shown only now');
    const json = await cli.json<CalendarFeedCreated>('feed', 'regenerate', '--json');
    expect(json.active).toBe(true);
    expect((await cli.run('feed')).stdout).toMatch(/on \(secret [\w-]{6}…\), last fetched never/);
    expect((await cli.run('feed', 'revoke')).stdout).toContain('404');
    expect((await cli.run('feed')).stdout).toContain('off');
  });
});
