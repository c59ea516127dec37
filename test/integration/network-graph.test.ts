import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkGraph } from '../../src/contract/network.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectRefused, fieldErrors, openWatchedApp } from './helpers.js';

/* The network map's graph: nodes and edges, filters, the strongest part of a big network, one workspace only. */

describe.each(DIALECTS)('network graph on %s', (dialect) => {
  let t: WatchedApp;
  const id: Record<string, string> = {};
  let orgId = '';

  async function person(name: string, strength: number, extra: Parameters<typeof buildPerson>[0] = {}) {
    const p = await t.client.createPerson({ body: buildPerson({ fullName: name, ...extra }) });
    await t.db.kysely.updateTable('people').set({ strength }).where('id', '=', p.id).execute();
    id[name] = p.id;
    return p;
  }

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    const ana = await person('Ana Ruiz', 90, { organisationName: 'Fernwood Labs', circle: 'inner', tags: ['Rust'] });
    orgId = ana.organisation?.id ?? '';
    await person('Raj Patel', 60, { organisationName: 'Fernwood Labs', circle: 'close', tags: ['rust', 'Founder'] });
    await person('Li Wei', 30, { organisationName: 'Stripe', circle: 'wider' });
    await person('Sam Okafor', 5, { circle: 'loose' });
    await t.client.createConnection({
      body: { fromId: id['Ana Ruiz'] ?? '', toId: id['Raj Patel'] ?? '', kind: 'worked_with', strength: 4 },
    });
    await t.client.createConnection({
      body: { fromId: id['Li Wei'] ?? '', toId: id['Raj Patel'] ?? '', kind: 'reports_to' },
    });
    await t.client.createConnection({
      body: { fromId: id['Sam Okafor'] ?? '', toId: id['Li Wei'] ?? '', strength: 2 },
    });
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  const names = (g: NetworkGraph) => g.people.map((p) => p.label);
  const pairs = (g: NetworkGraph, type: string) =>
    g.edges.filter((e) => e.type === type).map((e) => `${e.source}>${e.target}:${e.kind}:${e.strength}`);

  it('answers people strongest first, their organisations, connections, memberships and ties to you', async () => {
    const g = await t.client.networkGraph({});
    expect(g.you.id).toBe('you');
    expect(names(g)).toEqual(['Ana Ruiz', 'Raj Patel', 'Li Wei', 'Sam Okafor']);
    const ana = g.people[0];
    expect(ana).toMatchObject({
      id: id['Ana Ruiz'],
      organisation: 'Fernwood Labs',
      organisationId: orgId,
      circle: 'inner',
      strength: 90,
      tags: ['Rust'],
    });
    expect(['overdue', 'due', 'later', 'none']).toContain(ana?.dueness);
    expect(g.people.find((p) => p.label === 'Sam Okafor')).toMatchObject({ organisation: null, organisationId: null });
    expect(g.organisations.map((o) => [o.label, o.members])).toEqual([
      ['Fernwood Labs', 2],
      ['Stripe', 1],
    ]);
    expect(pairs(g, 'connection').sort()).toEqual(
      [
        `${id['Ana Ruiz']}>${id['Raj Patel']}:worked_with:4`,
        `${id['Li Wei']}>${id['Raj Patel']}:reports_to:3`,
        `${id['Sam Okafor']}>${id['Li Wei']}:knows:2`,
      ]
        .map((s) => {
          // Undirected kinds come back as stored (low id first): compare as unordered pairs.
          const [a, rest] = s.split('>');
          const [b, ...tail] = (rest ?? '').split(':');
          return s.includes('reports_to') ? s : `${[a, b].sort().join('>')}:${tail.join(':')}`;
        })
        .sort(),
    );
    expect(g.edges.find((e) => e.type === 'connection')?.origin).toBe('manual');
    expect(pairs(g, 'member')).toHaveLength(3);
    // Inner, close and anyone strong enough hang from you; a weak loose tie does not.
    expect(pairs(g, 'you').sort()).toEqual(
      [`you>${id['Ana Ruiz']}:you:5`, `you>${id['Raj Patel']}:you:3`, `you>${id['Li Wei']}:you:2`].sort(),
    );
    expect(g).toMatchObject({ truncated: false, totals: { people: 4, connections: 3 } });
  });

  it('filters by tag, circle, organisation and strength, keeping only edges among what is shown', async () => {
    expect(names(await t.client.networkGraph({ query: { tag: 'RUST' } }))).toEqual(['Ana Ruiz', 'Raj Patel']);
    expect(names(await t.client.networkGraph({ query: { circle: 'wider' } }))).toEqual(['Li Wei']);
    const org = await t.client.networkGraph({ query: { organisationId: orgId } });
    expect(names(org)).toEqual(['Ana Ruiz', 'Raj Patel']);
    expect(pairs(org, 'connection')).toHaveLength(1);
    expect(org.organisations).toEqual([{ id: orgId, label: 'Fernwood Labs', members: 2 }]);
    const strong = await t.client.networkGraph({ query: { minStrength: 30 } });
    expect(names(strong)).toEqual(['Ana Ruiz', 'Raj Patel', 'Li Wei']);
    expect(pairs(strong, 'connection')).toHaveLength(2);
    const none = await t.client.networkGraph({ query: { tag: 'nobody-has-this' } });
    expect(none).toMatchObject({ people: [], organisations: [], edges: [], truncated: false });
  });

  it('answers the strongest part of a network bigger than the limit, and says so', async () => {
    const g = await t.client.networkGraph({ query: { limit: 2 } });
    expect(names(g)).toEqual(['Ana Ruiz', 'Raj Patel']);
    expect(g).toMatchObject({ truncated: true, totals: { people: 4, connections: 3 } });
    expect(pairs(g, 'connection')).toHaveLength(1);
    expect(g.organisations.map((o) => o.label)).toEqual(['Fernwood Labs']);
    const exact = await t.client.networkGraph({ query: { limit: 4 } });
    expect(exact.truncated).toBe(false);
  });

  it('leaves out people in the trash and their edges', async () => {
    await t.client.deletePerson({ params: { id: id['Sam Okafor'] ?? '' } });
    const g = await t.client.networkGraph({});
    expect(names(g)).not.toContain('Sam Okafor');
    expect(g.edges.some((e) => e.source === id['Sam Okafor'] || e.target === id['Sam Okafor'])).toBe(false);
    await t.client.restorePerson({ params: { id: id['Sam Okafor'] ?? '' } });
    // A member in the trash is not counted at their organisation.
    await t.client.deletePerson({ params: { id: id['Raj Patel'] ?? '' } });
    const after = await t.client.networkGraph({});
    expect(after.organisations.find((o) => o.id === orgId)?.members).toBe(1);
    await t.client.restorePerson({ params: { id: id['Raj Patel'] ?? '' } });
  });

  it('refuses bad filters with what to send instead', async () => {
    const url = '/api/v1/network/graph';
    let p = await expectRefused(t, { method: 'GET', url: `${url}?limit=20001` }, 400, 'validation_failed');
    expect(fieldErrors(p)['query.limit']).toBeDefined();
    p = await expectRefused(t, { method: 'GET', url: `${url}?minStrength=abc&circle=best` }, 400, 'validation_failed');
    expect(Object.keys(fieldErrors(p)).sort()).toEqual(['query.circle', 'query.minStrength']);
    p = await expectRefused(t, { method: 'GET', url: `${url}?organisationId=42` }, 400, 'validation_failed');
    expect(fieldErrors(p)['query.organisationId']).toMatch(/id like/);
    await expectRefused(t, { method: 'GET', url: `${url}?colour=red` }, 400, 'validation_failed');
  });

  it("shows another user none of this workspace's people or connections", async () => {
    const b = await t.createUser();
    await b.client.createPerson({ body: buildPerson({ fullName: 'Bea Only' }) });
    const g = await b.client.networkGraph({});
    expect(names(g)).toEqual(['Bea Only']);
    expect(g.totals).toEqual({ people: 1, connections: 0 });
    expect(g.edges.filter((e) => e.type !== 'you')).toEqual([]);
    const filtered = await b.client.networkGraph({ query: { organisationId: orgId } });
    expect(filtered.people).toEqual([]);
  });
});
