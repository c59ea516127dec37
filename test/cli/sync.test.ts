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

  it('adds, lists, pauses and removes webhooks, with one-line errors', async () => {
    const added = await cli.run(
      'webhook',
      'add',
      'https://example.com/hook',
      '--event',
      'person.created,interaction.logged',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Signing secret: whsec_/);
    const list = await cli.run('webhook', 'list');
    expect(list.stdout).toContain('https://example.com/hook');
    expect(list.stdout).toContain('person.created,interaction.logged');
    expect(list.stdout).not.toContain('whsec_');
    const bad = await cli.run('webhook', 'add', 'ftp://example.com', '--event', 'person.created');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('URL');
    const typo = await cli.run('webhook', 'add', 'https://example.com', '--event', 'person.creatd');
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain('Did you mean person.created');
    expect((await cli.run('webhook', 'pause', 'https://example.com/hook')).stdout).toContain('Paused');
    expect((await cli.run('webhook', 'deliveries')).stdout).toContain('No deliveries.');
    expect((await cli.run('webhook', 'remove', 'https://example.com/hook')).stdout).toContain('Removed');
    expect((await cli.run('webhook', 'list')).stdout).toContain('No webhooks.');
  });

  it('sets the digest daily or weekly, turns it off, and shows the log', async () => {
    expect((await cli.run('digest')).stdout).toContain('Email digest: off');
    const daily = await cli.run('digest', 'set', 'daily', '--hour', '7');
    expect(daily.stdout).toMatch(/Email digest: daily at 07:00 UTC to .+@/);
    expect(daily.stdout).toContain('no SMTP settings');
    expect((await cli.run('digest', 'set', 'weekly', '--day', 'friday')).stdout).toContain('weekly on Friday at 07:00');
    const bad = await cli.run('digest', 'set', 'hourly');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('daily, weekly');
    expect((await cli.run('digest', 'set', 'daily', '--hour', '25')).code).not.toBe(0);
    expect((await cli.run('digest', 'off')).stdout).toContain('Email digest: off');
    expect((await cli.run('digest', 'log')).stdout).toContain('No digest sent yet.');
  });
});
