import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../../src/contract/events.js';
import type { Person } from '../../src/contract/people.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('tend event (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
    await cli.json<Person>('people', 'add', 'Raj Patel', '--json');
  });
  afterAll(() => cli?.close());

  it('adds an event, meets people (new and known), follows up and shows the rate', async () => {
    const add = await cli.run(
      'event',
      'add',
      'DevConf 2026',
      '--date',
      '2026-06-12',
      '--kind',
      'conference',
      '--place',
      'Brno',
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Added DevConf 2026 · conference · ');
    const fresh = await cli.run(
      'event',
      'met',
      'DevConf',
      'Ana Ruiz',
      '--context',
      'Rust payments',
      '--linkedin',
      'https://linkedin.com/in/anaruiz',
    );
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('Met Ana Ruiz at DevConf 2026 (new in your network) — Rust payments');
    const known = await cli.run('event', 'met', 'DevConf 2026', 'Raj Patel');
    expect(known.stdout).toContain('Met Raj Patel at DevConf 2026');
    expect(known.stdout).not.toContain('new in your network');
    const again = await cli.run(
      'event',
      'met',
      'devconf',
      'Ana R.',
      '--linkedin',
      'https://www.linkedin.com/in/anaruiz/',
    );
    expect(again.stdout).toContain('matched by LinkedIn');
    await cli.run('people', 'add', 'Li Wei');
    const plan = await cli.run('event', 'plan', 'DevConf', 'Li Wei', '--context', 'ask about grid storage');
    expect(plan.stdout).toContain('Planned to see Li Wei at DevConf 2026');
    const done = await cli.run('event', 'followup', 'DevConf', 'Ana');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Followed up with Ana Ruiz · DevConf 2026: 1/2 followed up (50%)');
    const show = await cli.run('event', 'show', 'DevConf');
    expect(show.stdout).toContain('[x] Ana Ruiz — Rust payments');
    expect(show.stdout).toContain('[ ] Raj Patel');
    expect(show.stdout).toContain('Planned to see (1)');
    const json = await cli.json<EventDetail>('event', 'show', 'DevConf', '--json');
    expect(json.counts).toMatchObject({ met: 2, followedUp: 1, followUpRate: 0.5 });
    const list = await cli.run('event', 'list');
    expect(list.stdout).toMatch(/DevConf 2026\s+conference\s+2\s+50%/);
  });

  it('says in one line what is wrong', async () => {
    const none = await cli.run('event', 'show', 'Nope Summit');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No event named "Nope Summit"');
    const kind = await cli.run('event', 'add', 'X', '--kind', 'rave');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('Choose one of: conference, seminar, meetup, virtual, coffee-round, other');
    const backwards = await cli.run('event', 'add', 'Y', '--date', '2026-05-02', '--until', '2026-05-01');
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('--until: must be on or after the start date (2026-05-02)');
    const planned = await cli.run('event', 'followup', 'DevConf', 'Li Wei');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('Only people you met have a follow-up');
    const nobody = await cli.run('event', 'plan', 'DevConf', 'Nobody Here');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('Person not found');
  });
});
