import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Achievement, FollowUp, KeepInTouch, Today } from '../../src/contract/keep-in-touch.js';
import type { Person } from '../../src/contract/people.js';
import { addDays } from '../../src/domain/dates.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('today, followup, achievement and snooze commands (%s)', (dialect) => {
  let cli: Cli;
  let ana: Person;
  beforeAll(async () => {
    cli = await openCli(dialect);
    ana = await cli.json<Person>('people', 'add', 'Ana Ruiz', '--circle', 'inner', '--json');
    await cli.json(
      'log',
      'coffee, talked about her Rust migration',
      '--with',
      'Ana Ruiz',
      '--kind',
      'coffee',
      '--at',
      '20 days ago',
      '--json',
    );
    await cli.json('log', 'coffee again', '--with', 'Ana Ruiz', '--kind', 'coffee', '--json');
  });
  afterAll(() => cli?.close());

  it('prints Today readably and as JSON', async () => {
    const r = await cli.run('today');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Today, \w+ \d+ \w+ · UTC\n/);
    expect(r.stdout).toContain('Weekly goal');
    expect(r.stdout).toContain('Follow-ups');
    expect(r.stdout).toContain('Send a thank-you — Ana Ruiz');
    const json = await cli.json<Today>('today', '--json');
    expect(json.date).toBe(today());
    const later = await cli.json<Today>('today', '--date', addDays(today(), 20), '--json');
    expect(later.due.items.map((p) => p.fullName)).toContain('Ana Ruiz');
    const bad = await cli.run('today', '--date', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Give a date like 2026-03-14');
  });

  it('adds, lists, snoozes and completes follow-ups, logging in the same step', async () => {
    const f = await cli.json<FollowUp>(
      'followup',
      'add',
      'Send the deck',
      '--with',
      'ana',
      '--kind',
      'share',
      '--due',
      addDays(today(), 1),
      '--json',
    );
    expect(f).toMatchObject({ title: 'Send the deck', kind: 'share', people: [{ id: ana.id }] });
    const list = await cli.run('followup', 'list');
    expect(list.stdout).toContain('Send the deck');
    const snoozed = await cli.json<FollowUp>('followup', 'snooze', f.id.slice(0, 13), '--days', '3', '--json');
    expect(snoozed.dueOn).toBe(addDays(today(), 3));
    const done = await cli.run('followup', 'done', f.id, '--log', 'Sent the deck by email');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Done Send the deck — Ana Ruiz .* · logged\n$/);
    const after = await cli.json<FollowUp[]>('followup', 'list', '--status', 'done', '--json');
    expect(after.map((x) => x.id)).toContain(f.id);
    const missing = await cli.run('followup', 'done', 'ffffffff');
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('No open follow-up');
  });

  it('records an achievement that Today turns into a congratulation', async () => {
    const a = await cli.json<Achievement>(
      'achievement',
      'add',
      'Ana Ruiz',
      'Staff Engineer at Acme',
      '--kind',
      'new-role',
      '--json',
    );
    expect(a).toMatchObject({ kind: 'new_role', occurredOn: today() });
    const t = await cli.json<Today>('today', '--json');
    expect(t.nudges.map((n) => n.kind)).toContain('congratulate');
  });

  it('snoozes a person and ends the snooze', async () => {
    const until = addDays(today(), 60);
    const r = await cli.run('snooze', 'Ana Ruiz', '--until', until);
    expect(r.stdout).toContain('Snoozed Ana Ruiz until');
    const off = await cli.json<KeepInTouch>('snooze', 'Ana Ruiz', '--off', '--json');
    expect(off.snoozedUntil).toBeNull();
    const none = await cli.run('snooze', 'Ana Ruiz');
    expect(none.code).toBe(1);
  });
});
