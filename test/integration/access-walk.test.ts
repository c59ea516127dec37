import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authOf, type Endpoint, endpoints } from '../../src/contract/endpoints.js';
import { buildOpenApi } from '../../src/http/openapi.js';
import { type TestApp, type TestUser, openTestApp } from '../support/app.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { send } from './helpers.js';

/*
 * The privacy proof. Every operation of the OpenAPI document (so every route
 * added later, without touching this file) is called:
 *   - without credentials: 401 for everything that is not public;
 *   - by user B on user A's resources: 404 (never 403, never A's data);
 *   - by B on lists: nothing of A's in the answer.
 * Path parameters are filled with A's real ids, chosen by the path's resource.
 */

type Op = { name: string; method: string; path: string; ep: Endpoint; body: unknown };

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  format?: string;
}

/** The smallest body the schema accepts: required fields with plausible values, a version for updates. */
function sampleBody(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  const out: Record<string, unknown> = {};
  if (schema.properties?.version) out.version = 1;
  for (const key of schema.required ?? []) {
    const p = schema.properties?.[key] ?? {};
    if (p.enum) out[key] = p.enum[0];
    else if (p.type === 'string') out[key] = p.format === 'email' ? 'someone@example.test' : 'Sample text';
    else if (p.type === 'integer' || p.type === 'number') out[key] = Math.max(1, p.minimum ?? 1);
    else if (p.type === 'boolean') out[key] = true;
    else if (p.type === 'array') out[key] = [];
    else out[key] = {};
  }
  return out;
}

function operations(): Op[] {
  const doc = buildOpenApi('test') as unknown as {
    paths: Record<
      string,
      Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
    >;
  };
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const ep = (endpoints as Record<string, Endpoint>)[op.operationId];
      if (!ep) throw new Error(`${op.operationId} is in the OpenAPI document but not in endpoints.ts`);
      ops.push({
        name: op.operationId,
        method: method.toUpperCase(),
        path: path.replace(/\{(\w+)\}/g, ':$1'),
        ep,
        body: sampleBody(op.requestBody?.content['application/json']?.schema),
      });
    }
  }
  return ops;
}

describe.each(DIALECTS)('access control of every route on %s', (dialect) => {
  let t: TestApp;
  let a: TestUser;
  let b: TestUser;
  /** Ids of A's resources by "resource:param", e.g. "people:id", "people:learningId". */
  const ids: Record<string, string> = {};
  const ops = operations();
  /** Bodies the schema-derived sample cannot make valid (an id of A's, one field of two), by operation. */
  const bodies: Record<string, () => unknown> = {};
  const bodyOf = (op: Op) => bodies[op.name]?.() ?? op.body;
  beforeAll(async () => {
    t = await openTestApp(dialect);
    a = t.owner;
    b = await t.createUser();
    const person = await a.client.createPerson({
      body: buildPerson({ tags: ['Secret-tag'], topics: ['Secret-topic'] }),
    });
    const other = await a.client.createPerson({ body: buildPerson({ organisationName: 'Secret Org' }) });
    const learning = await a.client.createLearning({ params: { id: person.id }, body: { body: 'A secret learned' } });
    const interaction = await a.client.createInteraction({
      body: { kind: 'coffee', summary: 'Secret coffee', participantIds: [person.id] },
    });
    const tags = await a.client.listTags({});
    const org = await a.client.listOrganisations({});
    const team = await a.client.createWorkspace({ body: { name: 'A team' } });
    const invitation = await a.client.createInvitation({ params: { id: team.id }, body: {} });
    const used = await a.client.createInvitation({ params: { id: team.id }, body: {} });
    await a.client.revokeInvitation({ params: { id: team.id, invitationId: used.id } });
    const token = await a.client.createToken({ body: { name: 'A script', scope: 'read' } });
    const login = await send(t.anonymousApp, {
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: a.user.email, password: a.password },
    });
    expect(login.statusCode).toBe(200);
    const sessions = await a.client.listSessions({});
    const followUp = await a.client.createFollowUp({ body: { personIds: [person.id] } });
    const achievement = await a.client.createAchievement({
      params: { id: person.id },
      body: { kind: 'award', title: 'A secret prize' },
    });
    const webhook = await a.client.createWebhook({
      body: { url: 'https://example.com/secret-hook', events: ['person.created'] },
    });
    await a.client.createCalendarFeed({});
    const away = await a.client.createAwayPeriod({
      body: { from: '2099-12-20', to: '2099-12-31', label: 'Secret trip' },
    });
    const batch = await a.client.createImport({ body: { source: 'csv', fileName: 'Secret.csv' } });
    await a.client.uploadImportFile({
      params: { id: batch.id, name: 'Secret.csv' },
      raw: { contentType: 'text/csv', body: 'Name,Email\nSecret Person,secret@example.test\n' },
    });
    const twin = await a.client.createPerson({ body: buildPerson({ fullName: 'Secret Twin' }) });
    const twin2 = await a.client.createPerson({ body: buildPerson({ fullName: 'Secret Twin' }) });
    const merge = await a.client.mergePeople({ body: { survivorId: twin.id, mergedId: twin2.id } });
    const connection = await a.client.createConnection({
      body: { fromId: person.id, toId: other.id, kind: 'worked_with', note: 'Secret connection' },
    });
    const introduction = await a.client.createIntroduction({
      body: { personAId: person.id, personBId: other.id, reason: 'Secret reason' },
    });
    const opportunity = await a.client.createOpportunity({
      body: {
        title: 'Secret opportunity',
        kind: 'client',
        value: { amount: 1234, currency: 'EUR' },
        people: [{ personId: person.id, role: 'source' }],
      },
    });
    const event = await a.client.createEvent({ body: { name: 'Secret summit', startsOn: '2026-05-01' } });
    await a.client.metEventPerson({
      params: { id: event.id },
      body: { personId: person.id, context: 'Secret context' },
    });
    const resource = await a.client.createResource({
      body: { url: 'https://secret.example/paper', title: 'Secret paper', topics: ['Secret-topic'] },
    });
    await a.client.shareResource({ params: { id: resource.id }, body: { personIds: [person.id] } });
    // Something every insight shows: an inner-circle friend past due (cooling), interactions, growth.
    const friend = await a.client.createPerson({ body: buildPerson({ fullName: 'Secret Friend', circle: 'inner' }) });
    await a.client.createInteraction({
      body: {
        kind: 'coffee',
        summary: 'Secret old coffee',
        participantIds: [friend.id],
        occurredAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
      },
    });
    const cooling = await a.client.coolingInsights({ query: {} });
    expect(cooling.items.map((i) => i.person.id)).toContain(friend.id);
    expect((await a.client.opportunityInsights({ query: {} })).totals.count).toBe(1);
    Object.assign(bodies, {
      shareResource: () => ({ personIds: [person.id] }),
      createAwayPeriod: () => ({ from: '2099-01-01', to: '2099-01-02' }),
      createResource: () => ({ url: 'https://example.test/sample' }),
      planEventPerson: () => ({ personId: person.id }),
      metEventPerson: () => ({ fullName: 'Sample person' }),
    });
    Object.assign(ids, {
      'webhooks:id': webhook.id,
      'away-periods:id': away.id,
      'imports:id': batch.id,
      'imports:name': 'Secret.csv',
      'merges:id': merge.merge?.id,
      'events:id': event.id,
      'resources:id': resource.id,
      'events:personId': person.id,
      'people:id': person.id,
      'insights:personId': friend.id,
      'people:learningId': learning.id,
      'organisations:id': org.items[0]?.id ?? other.id,
      'tags:id': tags.items[0]?.id,
      'interactions:id': interaction.id,
      'workspaces:id': team.id,
      'workspaces:userId': a.user.id,
      'workspaces:invitationId': invitation.id,
      'invitations:token': used.token,
      'me:id': '',
      'sessions:id': sessions.items[0]?.id,
      'tokens:id': token.id,
      'follow-ups:id': followUp.id,
      'achievements:id': achievement.id,
      'connections:id': connection.id,
      'introductions:id': introduction.id,
      'opportunities:id': opportunity.id,
      'nudges:key': `due.${person.id}.2026-01-01`,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  function url(op: Op): string {
    const segments = op.path.split('/').filter(Boolean);
    // The resource a parameter belongs to is the nearest plural segment before the first parameter.
    const firstParam = segments.findIndex((s) => s.startsWith(':'));
    const resource = segments[firstParam - 1] ?? '';
    return op.path.replace(/:(\w+)/g, (_, name: string) => {
      const id = ids[`${resource}:${name}`];
      if (!id) throw new Error(`No id of A's for ${resource}:${name} (${op.name}): add one to the walk's beforeAll`);
      return encodeURIComponent(id);
    });
  }

  it('covers every endpoint of the catalogue', () => {
    expect(ops.map((o) => o.name).sort()).toEqual(Object.keys(endpoints).sort());
  });

  it('answers 401 to anonymous callers on every non-public route', async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => authOf(o.ep) !== 'public')) {
      const res = await send(t.anonymousApp, { method: op.method as 'GET', url: url(op), body: bodyOf(op) });
      if (res.statusCode !== 401 || res.json().code !== 'unauthenticated') {
        failures.push(`${op.method} ${op.path}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers 404 to user B on every one of A's resources, and changes nothing", async () => {
    const failures: string[] = [];
    const withParams = ops.filter((o) => o.path.includes(':') && authOf(o.ep) !== 'public');
    expect(withParams.length).toBeGreaterThan(10);
    for (const op of withParams) {
      const res = await send(t.app, {
        method: op.method as 'GET',
        url: url(op),
        body: bodyOf(op),
        headers: { authorization: `Bearer ${b.token}` },
      });
      if (res.statusCode !== 404) failures.push(`${op.method} ${op.path}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    // A still has everything.
    await expect(a.client.getPerson({ params: { id: ids['people:id'] ?? '' } })).resolves.toMatchObject({ version: 1 });
    const members = await a.client.listMembers({ params: { id: ids['workspaces:id'] ?? '' } });
    expect(members.items.map((m) => m.userId)).toEqual([a.user.id]);
  });

  it("answers 404 to user B naming A's people in a body (merge, dismiss duplicates)", async () => {
    const other = (await a.client.listPeople({})).items.find((p) => p.id !== ids['people:id']);
    const pair = { a: ids['people:id'], b: other?.id };
    for (const [url, body] of [
      ['/api/v1/merges', { survivorId: pair.a, mergedId: pair.b }],
      ['/api/v1/duplicates/dismiss', pair],
    ] as const) {
      const res = await send(t.app, { method: 'POST', url, body, headers: { authorization: `Bearer ${b.token}` } });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 160)}`).toBe(404);
    }
    expect((await a.client.getPerson({ params: { id: pair.b ?? '' } })).deletedAt).toBeNull();
  });

  it("shows user B none of A's data in any list", async () => {
    const leaks: string[] = [];
    const secrets = Object.values(ids).filter(Boolean);
    // Lists that need a query: ones that would find A's data if they looked in A's workspace
    // (a part of the name, so an echo of the query is not mistaken for a leak).
    const listQueries: Record<string, string> = { findPaths: '?to=org:cret%20Org&maxHops=4' };
    const mine = await send(t.app, {
      method: 'GET',
      url: `/api/v1/paths${listQueries.findPaths}`,
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(mine.body).toContain('Secret Org');
    for (const op of ops.filter((o) => o.method === 'GET' && !o.path.includes(':') && authOf(o.ep) !== 'public')) {
      const url = op.path + (listQueries[op.name] ?? '');
      const res = await send(t.app, { method: 'GET', url, headers: { authorization: `Bearer ${b.token}` } });
      if (res.statusCode === 403) continue; // owner-only lists (users) refuse outright
      expect(res.statusCode, `${op.path}: ${res.body.slice(0, 200)}`).toBe(200);
      for (const s of [...secrets, 'Secret', a.user.email]) {
        if (res.body.includes(s)) leaks.push(`${op.path} contains ${s}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("finds none of A's data when B searches for it", async () => {
    expect((await a.client.search({ query: { q: 'secret' } })).items.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const q of ['Secret', 'secr', 's', 'se', a.user.email, 'sample text', 'secert']) {
      const url = `/api/v1/search?q=${encodeURIComponent(q)}`;
      const res = await send(t.app, { method: 'GET', url, headers: { authorization: `Bearer ${b.token}` } });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      for (const s of [...Object.values(ids).filter(Boolean), 'Secret', a.user.email]) {
        if (res.body.includes(s)) leaks.push(`${q} shows ${s}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
