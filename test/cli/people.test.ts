import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction } from '../../src/contract/interactions.js';
import type { Person, PersonSummary } from '../../src/contract/people.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe.each(DIALECTS)('people and log commands (%s)', (dialect) => {
  let cli: Cli;
  let ana: Person;

  beforeAll(async () => {
    cli = await openCli(dialect);
    ana = await cli.json<Person>(
      'people',
      'add',
      'Ana Ruiz',
      '--email',
      'ana@example.com',
      '--org',
      'Fernwood Labs',
      '--role',
      'Staff Engineer',
      '--circle',
      'close',
      '--tag',
      'rust,climate',
      '--topic',
      'Rust',
      '--met-at',
      'DevConf 2026',
      '--linkedin',
      'ana-ruiz',
      '--json',
    );
    await cli.json('people', 'add', 'Ana Silva', '--org', 'Acme', '--json');
    await cli.json('people', 'add', 'Raj Patel', '--introduced-by', 'Ana Ruiz', '--circle', 'inner', '--json');
  });
  afterAll(() => cli?.close());

  it('adds a person with everything given on the command line', () => {
    expect(ana).toMatchObject({
      fullName: 'Ana Ruiz',
      roleTitle: 'Staff Engineer',
      organisation: { name: 'Fernwood Labs' },
      circle: 'close',
      emails: [{ value: 'ana@example.com', primary: true }],
      links: [{ url: 'https://www.linkedin.com/in/ana-ruiz', label: 'linkedin' }],
      topics: ['Rust'],
      howWeMet: { event: 'DevConf 2026' },
    });
    expect([...ana.tags].sort()).toEqual(['climate', 'rust']);
  });

  it('prints a readable confirmation by default', async () => {
    const r = await cli.run('people', 'add', 'Li Wei', '--role', 'Designer');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Added Li Wei — Designer');
    expect(r.stdout).toContain('tend log');
    expect(r.stderr).toBe('');
  });

  it('lists people as aligned columns and as JSON', async () => {
    const r = await cli.run('people', 'list');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ROLE\s+CIRCLE\s+TAGS\s+LAST CONTACT$/);
    const row = lines.find((l) => l.startsWith('Ana Ruiz'));
    expect(row).toContain('Staff Engineer at Fernwood Labs');
    // Columns line up: CIRCLE starts at the same offset in the header and the rows.
    expect(row?.indexOf('close')).toBe(lines[0]?.indexOf('CIRCLE'));
    const items = await cli.json<PersonSummary[]>('people', 'list', '--circle', 'inner', '--json');
    expect(items.map((p) => p.fullName)).toEqual(['Raj Patel']);
  });

  it('follows cursors up to --limit', async () => {
    const two = await cli.json<PersonSummary[]>('people', 'list', '--limit', '2', '--json');
    expect(two).toHaveLength(2);
    const r = await cli.run('people', 'list', '--limit', '2');
    expect(r.stdout).toMatch(/Showing 2 of \d+ — see more with --limit \d+/);
  });

  it('shows a person by name, by partial name and by id', async () => {
    const byName = await cli.run('people', 'show', 'Ana Ruiz');
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain('Staff Engineer at Fernwood Labs');
    expect(byName.stdout).toMatch(/Met\s+at DevConf 2026/);
    const byPart = await cli.json<{ person: Person }>('people', 'show', 'raj', '--json');
    expect(byPart.person.howWeMet.introducedBy?.fullName).toBe('Ana Ruiz');
    const byId = await cli.json<{ person: Person }>('people', 'show', ana.id, '--json');
    expect(byId.person.id).toBe(ana.id);
  });

  it('lists the candidates of an ambiguous name and exits 1', async () => {
    const r = await cli.run('people', 'show', 'ana');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('tend: "ana" matches 2 people — use the full name or one of these ids:');
    expect(lines.slice(1).join('\n')).toContain(`${ana.id}  Ana Ruiz  (Staff Engineer at Fernwood Labs)`);
    expect(lines.slice(1).join('\n')).toContain('Ana Silva  (Acme)');
  });

  it('says how to add someone it cannot find', async () => {
    const r = await cli.run('people', 'show', 'Zed');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('tend: Person not found: No person named "Zed" — add them with: tend people add "Zed"\n');
    const byId = await cli.run('people', 'show', '0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e');
    expect(byId.code).toBe(1);
    expect(byId.stderr).toMatch(/^tend: Person not found: No person has the id 0192f7c4-[^\n]+\n$/);
  });

  it('reports invalid input as one line naming the flag, and writes nothing', async () => {
    const r = await cli.run('people', 'add', 'Bad Email', '--email', 'not-an-email');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tend: The request is not valid: --email: must be an email address like ana@example.com\n');
    const found = await cli.json<PersonSummary[]>('people', 'list', '--q', 'Bad Email', '--json');
    expect(found).toEqual([]);
  });

  it('leaves bad option values to commander: one line, exit 2', async () => {
    const r = await cli.run('people', 'add', 'X', '--circle', 'innr');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain('Did you mean inner?');
    expect(r.stderr).toContain('see: tend people add --help');
    const typo = await cli.run('people', 'lst');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^tend: unknown command 'lst' \(Did you mean list\?\)/);
  });

  it('logs an interaction with two people, resolving names', async () => {
    const logged = await cli.json<Interaction>(
      'log',
      'coffee, talked about her Rust migration',
      '--with',
      'Ana Ruiz',
      '--with',
      'raj',
      '--kind',
      'coffee',
      '--in-person',
      '--at',
      '2026-03-14',
      '--duration',
      '45',
      '--json',
    );
    expect(logged).toMatchObject({ kind: 'coffee', channel: 'in_person', durationMinutes: 45 });
    expect(logged.participants.map((p) => p.fullName).sort()).toEqual(['Ana Ruiz', 'Raj Patel']);
    expect(logged.occurredAt.slice(0, 10)).toBe('2026-03-14');

    const show = await cli.json<{ interactions: Interaction[] }>('people', 'show', 'Raj Patel', '--json');
    expect(show.interactions.map((i) => i.id)).toContain(logged.id);
    const text = await cli.run('people', 'show', 'Raj Patel');
    expect(text.stdout).toContain('coffee, talked about her Rust migration — with Ana Ruiz');
  });

  it('guesses the kind from the summary and says so', async () => {
    const r = await cli.run('log', 'Lunch at Dishoom', '--with', 'Li Wei');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Logged meal with Li Wei · in person · /);
    expect(r.stdout).toContain('guessed from the summary');
  });

  it('refuses to log with an unknown or ambiguous person, and without --with', async () => {
    const unknown = await cli.run('log', 'call', '--with', 'Zed');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No person named "Zed"');
    const ambiguous = await cli.run('log', 'call', '--with', 'Ana');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('matches 2 people');
    const missing = await cli.run('log', 'call');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--with <person>' not specified");
    const bothChannels = await cli.run('log', 'call', '--with', 'Li Wei', '--online', '--in-person');
    expect(bothChannels.code).toBe(2);
    const badDate = await cli.run('log', 'call', '--with', 'Li Wei', '--at', '2026-02-30');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('not a real calendar date');
  });
});
