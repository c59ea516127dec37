import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoResult } from '../../src/cli/commands/demo.js';
import type { PersonSummary } from '../../src/contract/people.js';
import { generateNetwork } from '../../src/demo/generate.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

const now = new Date('2026-11-26T12:00:00Z');

describe('demo network generator', () => {
  const network = generateNetwork({ seed: 2026, people: 150, now });

  it('is the same network for the same seed, and another for another seed', () => {
    const again = generateNetwork({ seed: 2026, people: 150, now });
    expect(again).toEqual(network);
    const later = generateNetwork({ seed: 2026, people: 150, now: new Date('2027-02-01T09:00:00Z') });
    expect(later.people.map((p) => p.fullName)).toEqual(network.people.map((p) => p.fullName));
    const other = generateNetwork({ seed: 7, people: 150, now });
    expect(other.people.map((p) => p.fullName)).not.toEqual(network.people.map((p) => p.fullName));
  });

  it('has the promised size and shape', () => {
    expect(network.people).toHaveLength(150);
    expect(network.organisations).toHaveLength(30);
    expect(network.interactions.length).toBeGreaterThanOrEqual(550);
    expect(network.interactions.length).toBeLessThanOrEqual(1000);
    expect(new Set(network.people.map((p) => p.fullName)).size).toBe(150);
    const circles = (c: string) => network.people.filter((p) => p.circle === c).length;
    expect(circles('inner')).toBeLessThan(circles('close'));
    expect(circles('close')).toBeLessThan(circles('wider') + circles('loose'));
    const tags = new Set(network.tags.map((t) => t.name));
    for (const t of ['climate', 'rust', 'design', 'investor', 'ex-colleague', 'devconf-2026'])
      expect(tags).toContain(t);
    expect(network.people.some((p) => p.howWeMet.introducedBy !== null)).toBe(true);
    expect(network.people.some((p) => p.learnings.length > 0)).toBe(true);
    expect(network.people.some((p) => p.importantDates.some((d) => d.kind === 'birthday'))).toBe(true);
    expect(network.interactions.some((i) => i.participants.length > 2)).toBe(true);
  });

  it('keeps its references and dates consistent', () => {
    const yearAgo = now.getTime() - 366 * 86_400_000;
    network.people.forEach((p, i) => {
      if (p.howWeMet.introducedBy !== null) expect(p.howWeMet.introducedBy).toBeLessThan(i);
      for (const e of p.emails) expect(e.value).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.(example|com|net|org)$/);
    });
    for (const x of network.interactions) {
      const t = Date.parse(x.occurredAt);
      expect(t).toBeGreaterThan(yearAgo);
      expect(t).toBeLessThanOrEqual(now.getTime());
      expect(new Set(x.participants).size).toBe(x.participants.length);
      for (const i of x.participants) expect(network.people[i]).toBeDefined();
    }
    // The inner circle hears from you most.
    const perPerson = (c: string) => {
      const people = network.people.map((p, i) => ({ p, i })).filter(({ p }) => p.circle === c);
      const count = network.interactions.filter((x) => x.participants.some((i) => network.people[i]?.circle === c));
      return count.length / Math.max(1, people.length);
    };
    expect(perPerson('inner')).toBeGreaterThan(perPerson('close'));
    expect(perPerson('close')).toBeGreaterThan(perPerson('loose'));
  });

  it('uses only reserved domains for email', () => {
    for (const p of network.people) {
      for (const e of p.emails) expect(e.value.split('@')[1]).toMatch(/(^|\.)example(\.(com|net|org))?$/);
    }
  });
});

describe.each(DIALECTS)('tend demo (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect, () => now);
  });
  afterAll(() => cli?.close());

  it('writes the network through the API, then refuses to run twice without --force', async () => {
    const result = await cli.json<DemoResult>('demo', '--people', '12', '--seed', '5', '--json');
    expect(result).toMatchObject({ seed: 5, people: 12, organisations: 2 });
    const expected = generateNetwork({ seed: 5, people: 12, now });
    const listed = await cli.json<PersonSummary[]>('people', 'list', '--limit', '100', '--json');
    expect(listed.map((p) => p.fullName).sort()).toEqual(expected.people.map((p) => p.fullName).sort());
    const page = await cli.client.listInteractions({ query: { limit: 500 } });
    expect(page.items).toHaveLength(expected.interactions.length);

    const again = await cli.run('demo');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^tend: This workspace already has 12 people .* Add --force/);
    expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);

    const forced = await cli.json<DemoResult>('demo', '--people', '4', '--seed', '6', '--force', '--json');
    expect(forced.people).toBe(4);
  });
});
