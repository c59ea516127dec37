import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/contract/connections.js';
import type { Introduction } from '../../src/contract/introductions.js';
import type { Opportunity, OpportunityReport } from '../../src/contract/opportunities.js';
import type { Person } from '../../src/contract/people.js';
import { moneyArg } from '../../src/cli/commands/opp.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

describe('--value', () => {
  it('reads an amount and a currency either way round', () => {
    expect(moneyArg('1500 EUR')).toEqual({ amount: 1500, currency: 'EUR' });
    expect(moneyArg('usd 2,000.50')).toEqual({ amount: 2000.5, currency: 'USD' });
    expect(moneyArg('40000gbp')).toEqual({ amount: 40000, currency: 'GBP' });
    expect(() => moneyArg('1500')).toThrow(/with its currency/);
    expect(() => moneyArg('EUR 5 USD')).toThrow(/with its currency/);
  });
});

describe.each(DIALECTS)('intro, opp and connect commands (%s)', (dialect) => {
  let cli: Cli;
  let ana: Person;
  let raj: Person;
  beforeAll(async () => {
    cli = await openCli(dialect);
    ana = await cli.json<Person>('people', 'add', 'Ana Ruiz', '--json');
    raj = await cli.json<Person>('people', 'add', 'Raj Patel', '--json');
  });
  afterAll(() => cli?.close());

  it('proposes an introduction by name, walks it by a short id and records the outcome', async () => {
    const r = await cli.run('intro', 'ana', 'Raj Patel', '--reason', 'both build payments in Rust');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Proposed Ana Ruiz ↔ Raj Patel · proposed /);
    expect(r.stdout).toContain('Next: Ask Ana Ruiz whether they would like to meet Raj Patel');
    const [intro] = await cli.json<Introduction[]>('intro', 'list', '--json');
    const short = intro?.id.slice(-8) ?? '';
    for (const step of ['asked-a', 'a-agreed', 'asked-b', 'b-agreed']) {
      const s = await cli.run('intro', 'step', short, step);
      expect(s.code, s.stderr).toBe(0);
    }
    const done = await cli.json<Introduction>('intro', 'step', short, 'introduced', '--json');
    expect(done.step).toBe('introduced');
    const o = await cli.run('intro', 'outcome', short, 'working-together', '--note', 'a contract');
    expect(o.stdout).toMatch(/^Recorded Ana Ruiz ↔ Raj Patel · introduced · working together/);
    const list = await cli.run('intro', 'list');
    expect(list.stdout).toContain('introduced: working together');
  });

  it('refuses a person introduced to themselves, unknown people and a wrong step, in one line', async () => {
    let r = await cli.run('intro', 'Ana Ruiz', 'ana');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('tend: The request is not valid: B: a person cannot be introduced to themselves');
    r = await cli.run('intro', 'Ana Ruiz', 'Nobody Here');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Person not found');
    const i = await cli.json<Introduction>('intro', 'propose', 'Raj Patel', 'Ana Ruiz', '--json');
    r = await cli.run('intro', 'step', i.id, 'introduced');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^tend: Cannot go from proposed to introduced: From proposed the next step is asked_a/,
    );
    r = await cli.run('intro', 'step', i.id, 'agreed');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Choose one of');
  });

  it('adds opportunities via a person, moves them, lists and reports', async () => {
    const o = await cli.json<Opportunity>(
      'opp',
      'add',
      'Staff engineer at Acme',
      '--kind',
      'job-lead',
      '--via',
      'ana',
      '--value',
      '150000 EUR',
      '--json',
    );
    expect(o).toMatchObject({ kind: 'job_lead', stage: 'lead', value: { amount: 150000, currency: 'EUR' } });
    expect(o.people).toMatchObject([{ id: ana.id, role: 'source' }]);
    const event = await cli.client.createEvent({
      body: { name: 'RustConf 2026', kind: 'conference', startsOn: '2026-09-01' },
    });
    const talk = await cli.json<Opportunity>(
      'opp',
      'add',
      'Talk at RustConf',
      '--kind',
      'speaking',
      '--via',
      'Raj Patel',
      '--event',
      'rustconf',
      '--json',
    );
    expect(talk.event?.id).toBe(event.id);
    const noEvent = await cli.run('opp', 'add', 'X', '--kind', 'client', '--event', 'Nowhere fest');
    expect(noEvent.code).toBe(1);
    expect(noEvent.stderr).toContain('No event named "Nowhere fest"');
    const m = await cli.run('opp', 'move', o.id.slice(0, 13), 'won');
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/^Moved Staff engineer at Acme to won/);
    const list = await cli.run('opp', 'list');
    expect(list.stdout).toContain('Staff engineer at Acme');
    expect(list.stdout).toContain('150,000 EUR');
    const report = await cli.run('opp', 'report');
    expect(report.stdout).toContain('2 opportunities · 1 won · 0 lost · 1 open · won 150,000 EUR');
    expect(report.stdout).toContain('By source relationship');
    expect(report.stdout).toMatch(/Ana Ruiz\s+1\s+1\s+150,000 EUR/);
    expect(report.stdout).toMatch(/RustConf 2026\s+1\s+0/);
    const json = await cli.json<OpportunityReport>('opp', 'report', '--json');
    expect(json.bySource.map((s) => s.person?.fullName)).toEqual(['Ana Ruiz', 'Raj Patel']);
    const bad = await cli.run('opp', 'move', o.id, 'negotiating');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Choose one of: lead, contacted, in-progress, won, lost');
    const noValue = await cli.run('opp', 'add', 'X', '--kind', 'client', '--value', '100');
    expect(noValue.code).toBe(2);
  });

  it('connects two people', async () => {
    const c = await cli.json<Connection>('connect', 'Ana Ruiz', 'Raj Patel', '--kind', 'worked-with', '--json');
    expect(c).toMatchObject({ kind: 'worked_with', strength: 3 });
    const again = await cli.run('connect', 'raj', 'ana', '--kind', 'worked-with');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already connected');
    const r = await cli.run('connect', 'raj', 'ana', '--kind', 'reports-to');
    expect(r.stdout).toMatch(/^Connected Raj Patel reports to Ana Ruiz · reports to, strength 3\/5/);
    expect(raj.id).toBeTruthy();
  });
});
