import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectRefused, fieldErrors, openWatchedApp } from './helpers.js';

/* Warm paths end to end, and the co-participation connections that feed them. */

describe.each(DIALECTS)('warm paths on %s', (dialect) => {
  let t: WatchedApp;
  const id: Record<string, string> = {};
  const chain = (p: { hops: { person: { fullName: string } }[] }) => p.hops.map((h) => h.person.fullName).join(' > ');

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    const make = async (key: string, body: Parameters<typeof buildPerson>[0]) => {
      id[key] = (await t.client.createPerson({ body: buildPerson({ headline: null, ...body }) })).id;
    };
    await make('ana', { fullName: 'Ana Ruiz', circle: 'close' });
    await make('bo', { fullName: 'Bo Berg', circle: 'loose' });
    await make('raj', {
      fullName: 'Raj Patel',
      organisationName: 'Stripe',
      roleTitle: 'Staff Engineer',
      topics: ['payments'],
    });
    await make('li', { fullName: 'Li Wei', organisationName: 'Stripe', roleTitle: 'Product Manager' });
    await make('zed', { fullName: 'Zed Ames', circle: 'inner' });
    await make('kim', { fullName: 'Kim Ode' });
    await t.client.createConnection({
      body: { fromId: id.ana as string, toId: id.raj as string, kind: 'worked_with', strength: 4 },
    });
    await t.client.createConnection({
      body: { fromId: id.bo as string, toId: id.li as string, kind: 'knows', strength: 3 },
    });
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('finds the warmest paths to an organisation, best first, with a sentence each', async () => {
    const r = await t.client.findPaths({ query: { to: 'org:stripe' } });
    expect(r.target).toMatchObject({ kind: 'org', label: 'Stripe', matchedPeople: 2 });
    expect(r.target.id).toBeTruthy();
    expect(r.paths.map(chain)).toEqual(['Ana Ruiz > Raj Patel', 'Bo Berg > Li Wei']);
    const [best] = r.paths;
    expect(best?.hops[0]?.via.kind).toBe('you');
    expect(best?.hops[1]?.via).toMatchObject({ kind: 'worked_with' });
    expect(best?.hops[1]?.person).toMatchObject({ organisation: 'Stripe', role: 'Staff Engineer' });
    expect(best?.explanation).toBe('Ask Ana Ruiz (close), who worked with Raj Patel, Staff Engineer at Stripe.');
    expect(best?.score).toBeGreaterThan(r.paths[1]?.score ?? 1);
    // Bare text is an organisation; the organisation's id works too.
    expect((await t.client.findPaths({ query: { to: 'Stripe' } })).paths).toHaveLength(2);
    expect((await t.client.findPaths({ query: { to: `org:${r.target.id}` } })).paths).toHaveLength(2);
  });

  it('honours k and the hop limit', async () => {
    expect((await t.client.findPaths({ query: { to: 'org:Stripe', k: 1 } })).paths.map(chain)).toEqual([
      'Ana Ruiz > Raj Patel',
    ]);
    const one = await t.client.findPaths({ query: { to: 'org:Stripe', maxHops: 1 } });
    expect(one.paths).toEqual([]);
    expect(one.target.matchedPeople).toBe(2);
  });

  it('reaches a person, a role and a topic', async () => {
    const p = await t.client.findPaths({ query: { to: `person:${id.raj}` } });
    expect(p.target).toMatchObject({ kind: 'person', label: 'Raj Patel', id: id.raj, matchedPeople: 1 });
    expect(p.paths.map(chain)).toEqual(['Ana Ruiz > Raj Patel']);
    const role = await t.client.findPaths({ query: { to: 'role:engineer' } });
    expect(role.target.matchedPeople).toBe(1);
    expect(role.paths.map(chain)).toEqual(['Ana Ruiz > Raj Patel']);
    const topic = await t.client.findPaths({ query: { to: 'topic:Payments' } });
    expect(topic.target.label).toContain('payments');
    expect(topic.paths.map(chain)).toEqual(['Ana Ruiz > Raj Patel']);
  });

  it('answers an unknown target with no paths and a label that says so', async () => {
    const r = await t.client.findPaths({ query: { to: 'org:Nowhere Ltd' } });
    expect(r).toEqual({
      target: {
        kind: 'org',
        label: 'Nowhere Ltd (no organisation of that name in your network)',
        id: null,
        matchedPeople: 0,
      },
      paths: [],
    });
    const p = await t.client.findPaths({ query: { to: 'person:01900000-0000-7000-8000-000000000000' } });
    expect(p.paths).toEqual([]);
    expect(p.target.label).toContain('not in your network');
  });

  it('refuses a bad target, k or hop limit with a problem saying what to send', async () => {
    let pr = await expectRefused(t, { method: 'GET', url: '/api/v1/paths?to=planet:Mars' }, 400, 'validation_failed');
    expect(fieldErrors(pr)['query.to']).toMatch(/unknown target kind "planet"/);
    pr = await expectRefused(t, { method: 'GET', url: '/api/v1/paths?to=person:abc' }, 400, 'validation_failed');
    expect(fieldErrors(pr)['query.to']).toMatch(/person id/);
    pr = await expectRefused(t, { method: 'GET', url: '/api/v1/paths?to=role:%20' }, 400, 'validation_failed');
    await expectRefused(t, { method: 'GET', url: '/api/v1/paths' }, 400, 'validation_failed');
    await expectRefused(t, { method: 'GET', url: '/api/v1/paths?to=Stripe&k=11' }, 400, 'validation_failed');
    await expectRefused(t, { method: 'GET', url: '/api/v1/paths?to=Stripe&maxHops=0' }, 400, 'validation_failed');
  });

  it('connects people who share an interaction, and forgets it when the interaction goes', async () => {
    const zed = id.zed as string;
    const kim = id.kim as string;
    const li = id.li as string;
    const it1 = await t.client.createInteraction({
      body: { kind: 'meeting', summary: 'Planning', participantIds: [zed, kim, li] },
    });
    const ofKim = async () => (await t.client.listPersonConnections({ params: { id: kim } })).items;
    let conns = await ofKim();
    expect(conns.map((c) => [c.source, c.kind, c.strength, c.sharedInteractions]).sort()).toEqual([
      ['interaction', 'knows', 1, 1],
      ['interaction', 'knows', 1, 1],
    ]);
    // A second shared interaction makes the tie stronger.
    const it2 = await t.client.createInteraction({
      body: { kind: 'call', summary: 'Follow-up', participantIds: [zed, kim] },
    });
    conns = await ofKim();
    const zedKim = conns.find((c) => c.from.id === zed || c.to.id === zed);
    expect(zedKim).toMatchObject({ strength: 2, sharedInteractions: 2 });
    // The path through Zed (inner circle) to Kim uses it.
    const paths = await t.client.findPaths({ query: { to: `person:${kim}` } });
    expect(paths.paths.map((p) => p.hops.map((h) => h.via.kind).join(','))).toContain('you,met_together');

    await t.client.deleteInteraction({ params: { id: it2.id } });
    expect((await ofKim()).find((c) => c.id === zedKim?.id)).toMatchObject({ strength: 1, sharedInteractions: 1 });
    await t.client.deleteInteraction({ params: { id: it1.id } });
    expect(await ofKim()).toEqual([]);
    await t.client.restoreInteraction({ params: { id: it1.id } });
    expect(await ofKim()).toHaveLength(2);
    // Taking Kim out of the interaction removes Kim's ties and keeps Zed–Li.
    const cur = await t.client.getInteraction({ params: { id: it1.id } });
    await t.client.updateInteraction({
      params: { id: it1.id },
      body: { participantIds: [zed, li], version: cur.version },
    });
    expect(await ofKim()).toEqual([]);
    const ofLi = (await t.client.listPersonConnections({ params: { id: li } })).items;
    expect(ofLi.filter((c) => c.source === 'interaction')).toHaveLength(1);
  });

  it('never overrides a tie recorded by hand, and a hand edit makes an inferred tie yours', async () => {
    const bo = id.bo as string;
    const ana = id.ana as string;
    const manual = await t.client.createConnection({ body: { fromId: bo, toId: ana, kind: 'knows', strength: 5 } });
    const i = await t.client.createInteraction({
      body: { kind: 'coffee', summary: 'Coffee', participantIds: [bo, ana] },
    });
    let c = await t.client.listPersonConnections({ params: { id: bo } });
    expect(c.items.find((x) => x.id === manual.id)).toMatchObject({
      source: 'manual',
      strength: 5,
      sharedInteractions: 1,
    });
    await t.client.deleteInteraction({ params: { id: i.id } });
    c = await t.client.listPersonConnections({ params: { id: bo } });
    expect(c.items.find((x) => x.id === manual.id)).toMatchObject({
      source: 'manual',
      strength: 5,
      sharedInteractions: 0,
    });

    const kim = id.kim as string;
    await t.client.createInteraction({ body: { kind: 'coffee', summary: 'Coffee', participantIds: [bo, kim] } });
    const inferred = (await t.client.listPersonConnections({ params: { id: kim } })).items[0];
    expect(inferred?.source).toBe('interaction');
    const edited = await t.client.updateConnection({ params: { id: inferred?.id as string }, body: { strength: 4 } });
    expect(edited).toMatchObject({ source: 'manual', strength: 4, sharedInteractions: 1 });
  });

  it('connects people met at the same event, and forgets it when one is removed', async () => {
    const ev = await t.client.createEvent({ body: { name: 'DevConf', startsOn: '2026-10-01' } });
    const raj = id.raj as string;
    const zed = id.zed as string;
    await t.client.metEventPerson({ params: { id: ev.id }, body: { personId: raj } });
    await t.client.metEventPerson({ params: { id: ev.id }, body: { personId: zed } });
    const ofRaj = async () =>
      (await t.client.listPersonConnections({ params: { id: raj } })).items.filter((c) => c.source === 'event');
    expect((await ofRaj()).map((c) => [c.kind, c.sharedEvents])).toEqual([['knows', 1]]);
    await t.client.removeEventPerson({ params: { id: ev.id, personId: zed } });
    expect(await ofRaj()).toEqual([]);
    await t.client.metEventPerson({ params: { id: ev.id }, body: { personId: zed } });
    expect(await ofRaj()).toHaveLength(1);
    await t.client.deleteEvent({ params: { id: ev.id } });
    expect(await ofRaj()).toEqual([]);
  });
});
