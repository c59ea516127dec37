import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/http/app.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import {
  MISSING_ID,
  type RawRequest,
  type WatchedApp,
  expectProblem,
  expectRefused,
  fieldErrors,
  openWatchedApp,
  send,
} from './helpers.js';

/*
 * The HTTP envelope: bodies that are not JSON objects, content types, sizes,
 * ids in the path, unknown routes and query strings. Every refusal is a
 * problem+json with a stable code, and nothing is written.
 */

describe.each(DIALECTS)('bad input: the HTTP envelope on %s', (dialect) => {
  let t: WatchedApp;
  /** Every endpoint that takes a body, with a body it would accept. */
  let writes: { name: string; method: 'POST' | 'PATCH'; url: string; body: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    const p = await t.client.createPerson({ body: buildPerson() });
    const i = await t.client.createInteraction({ body: { kind: 'call', summary: 'hi', participantIds: [p.id] } });
    const o = await t.client.createOrganisation({ body: { name: 'Envelope Co' } });
    const tag = await t.client.createTag({ body: { name: 'envelope' } });
    writes = [
      { name: 'create person', method: 'POST', url: '/api/v1/people', body: { fullName: 'New Person' } },
      { name: 'update person', method: 'PATCH', url: `/api/v1/people/${p.id}`, body: { version: 1, notes: 'n' } },
      { name: 'add learning', method: 'POST', url: `/api/v1/people/${p.id}/learnings`, body: { body: 'likes tea' } },
      {
        name: 'create interaction',
        method: 'POST',
        url: '/api/v1/interactions',
        body: { kind: 'email', summary: 's', participantIds: [p.id] },
      },
      { name: 'update interaction', method: 'PATCH', url: `/api/v1/interactions/${i.id}`, body: { version: 1 } },
      { name: 'create organisation', method: 'POST', url: '/api/v1/organisations', body: { name: 'Other Co' } },
      { name: 'update organisation', method: 'PATCH', url: `/api/v1/organisations/${o.id}`, body: { version: 1 } },
      { name: 'create tag', method: 'POST', url: '/api/v1/tags', body: { name: 'fresh' } },
      { name: 'update tag', method: 'PATCH', url: `/api/v1/tags/${tag.id}`, body: { name: 'renamed' } },
    ];
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  const each = async (fn: (w: (typeof writes)[number], pick: <T>(all: T[]) => T[]) => Promise<void>) => {
    // The envelope is the same for every route: the first gets every variant, the others the first two.
    for (const [i, w] of writes.entries()) await fn(w, (all) => (i === 0 ? all : all.slice(0, 2)));
  };

  it('refuses malformed and empty JSON', async () => {
    await each(async ({ method, url }, pick) => {
      for (const body of pick(['{"fullName": "x"', "{'a': 1}", '{fullName: "x"}', '{"a":1}}', 'undefined', '\u0000'])) {
        await expectRefused(
          t,
          { method, url, body, headers: { 'content-type': 'application/json' } },
          400,
          'malformed_json',
        );
      }
      // An empty body is no body: where one is needed, that is a validation error.
      await expectRefused(
        t,
        { method, url, body: '', headers: { 'content-type': 'application/json' } },
        400,
        'validation_failed',
      );
    });
  });

  it('accepts a JSON content type with no body where no body is needed', async () => {
    const person = await t.client.createPerson({ body: buildPerson() });
    const headers = { 'content-type': 'application/json' };
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/people/${person.id}`, headers, payload: '' });
    expect(del.statusCode).toBe(204);
    const restore = await t.app.inject({
      method: 'POST',
      url: `/api/v1/people/${person.id}/restore`,
      headers,
      payload: '',
    });
    expect(restore.statusCode).toBe(200);
  });

  it('refuses JSON that is not an object', async () => {
    await each(async ({ method, url }, pick) => {
      for (const body of pick(['[]', 'null', '"text"', '42', 'true', '[{"fullName":"x"}]'])) {
        const problem = await expectRefused(
          t,
          { method, url, body, headers: { 'content-type': 'application/json' } },
          400,
          'validation_failed',
        );
        expect(Object.keys(fieldErrors(problem))).toEqual(['body']);
      }
    });
  });

  it('refuses bodies that are not JSON with 415', async () => {
    await each(async ({ method, url, body }, pick) => {
      const json = JSON.stringify(body);
      for (const type of pick([
        'text/plain',
        'text/plain; charset=utf-8',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
      ])) {
        await expectRefused(
          t,
          { method, url, body: json, headers: { 'content-type': type } },
          415,
          'unsupported_media_type',
        );
      }
      await expectRefused(t, { method, url, body: json }, 415, 'unsupported_media_type');
    });
  });

  it('accepts JSON with a charset or in upper case', async () => {
    const res = await send(t.app, {
      method: 'POST',
      url: '/api/v1/tags',
      body: JSON.stringify({ name: 'charset' }),
      headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const huge = 'a'.repeat(BODY_LIMIT_BYTES);
    await each(async ({ method, url }) => {
      await expectRefused(t, { method, url, body: { fullName: 'x', notes: huge } }, 413, 'body_too_large');
    });
    // Just under the limit is not refused for its size (but notes are capped at 100k characters).
    const problem = await expectRefused(
      t,
      { method: 'POST', url: '/api/v1/people', body: { fullName: 'x', notes: 'a'.repeat(BODY_LIMIT_BYTES - 100) } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(problem)['body.notes']).toMatch(/100000/);
  });

  it('answers 400 for an id that is not a UUID, on every endpoint with an id', async () => {
    const requests: RawRequest[] = [];
    for (const bad of ['not-an-id', 'ABCDEF00-0000-7000-8000-00000000000A']) {
      for (const base of ['people', 'interactions', 'organisations']) {
        requests.push(
          { method: 'GET', url: `/api/v1/${base}/${bad}` },
          { method: 'PATCH', url: `/api/v1/${base}/${bad}`, body: { version: 1 } },
          { method: 'DELETE', url: `/api/v1/${base}/${bad}` },
          { method: 'POST', url: `/api/v1/${base}/${bad}/restore` },
        );
      }
      requests.push(
        { method: 'PATCH', url: `/api/v1/tags/${bad}`, body: { name: 'x' } },
        { method: 'DELETE', url: `/api/v1/tags/${bad}` },
        { method: 'GET', url: `/api/v1/people/${bad}/learnings` },
        { method: 'GET', url: `/api/v1/people/${bad}/interactions` },
        { method: 'POST', url: `/api/v1/people/${bad}/learnings`, body: { body: 'x' } },
        { method: 'DELETE', url: `/api/v1/people/${MISSING_ID}/learnings/${bad}` },
      );
    }
    for (const bad of ['123', `${MISSING_ID}x`, "1'%20or%20'1'='1", '%00', '..%2F..%2Fetc']) {
      requests.push({ method: 'GET', url: `/api/v1/people/${bad}` });
    }
    for (const req of requests) {
      const problem = await expectRefused(t, req, 400, 'validation_failed');
      expect(problem.errors?.[0]?.path, `${req.method} ${req.url}`).toMatch(/^params\.(id|learningId)$/);
    }
  });

  it('answers 404 not_found for ids that do not exist', async () => {
    const requests: RawRequest[] = [];
    for (const base of ['people', 'interactions', 'organisations']) {
      requests.push(
        { method: 'GET', url: `/api/v1/${base}/${MISSING_ID}` },
        { method: 'PATCH', url: `/api/v1/${base}/${MISSING_ID}`, body: { version: 1 } },
        { method: 'DELETE', url: `/api/v1/${base}/${MISSING_ID}` },
        { method: 'POST', url: `/api/v1/${base}/${MISSING_ID}/restore` },
      );
    }
    const someone = await t.client.createPerson({ body: buildPerson() });
    requests.push(
      { method: 'PATCH', url: `/api/v1/tags/${MISSING_ID}`, body: { name: 'x' } },
      { method: 'DELETE', url: `/api/v1/tags/${MISSING_ID}` },
      { method: 'GET', url: `/api/v1/people/${MISSING_ID}/learnings` },
      { method: 'GET', url: `/api/v1/people/${MISSING_ID}/interactions` },
      { method: 'POST', url: `/api/v1/people/${MISSING_ID}/learnings`, body: { body: 'x' } },
      { method: 'DELETE', url: `/api/v1/people/${someone.id}/learnings/${MISSING_ID}` },
    );
    for (const req of requests) await expectRefused(t, req, 404, 'not_found');
  });

  it('answers 404 route_not_found for unknown routes and methods under /api', async () => {
    for (const req of [
      { method: 'GET', url: '/api' },
      { method: 'GET', url: '/api/v1' },
      { method: 'GET', url: '/api/v1/nothing-here' },
      { method: 'GET', url: '/api/v2/people' },
      { method: 'POST', url: '/api/v1/nothing-here', body: { a: 1 } },
      { method: 'PUT', url: `/api/v1/people/${MISSING_ID}`, body: { fullName: 'x' } },
      { method: 'POST', url: `/api/v1/people/${MISSING_ID}`, body: { fullName: 'x' } },
      { method: 'DELETE', url: '/api/v1/people' },
      { method: 'GET', url: '/api/v1/people/../../etc/passwd' },
    ] satisfies RawRequest[]) {
      const problem = await expectRefused(t, req, 404, 'route_not_found');
      expect(problem.detail).toContain(req.method);
    }
  });

  it('refuses unknown, repeated and out-of-range query parameters', async () => {
    const cases: [string, string][] = [
      ['/api/v1/people?bogus=1', 'query'],
      ['/api/v1/people?sort=age', 'query.sort'],
      ['/api/v1/people?circle=best', 'query.circle'],
      ['/api/v1/people?purpose=spy', 'query.purpose'],
      ['/api/v1/people?deleted=all', 'query.deleted'],
      ['/api/v1/people?limit=0', 'query.limit'],
      ['/api/v1/people?limit=501', 'query.limit'],
      ['/api/v1/people?limit=abc', 'query.limit'],
      ['/api/v1/people?limit=2.5', 'query.limit'],
      ['/api/v1/people?tag=a&tag=b', 'query.tag'],
      ['/api/v1/people?organisationId=acme', 'query.organisationId'],
      [`/api/v1/people?q=${'x'.repeat(201)}`, 'query.q'],
      ['/api/v1/interactions?kind=telepathy', 'query.kind'],
      ['/api/v1/interactions?from=yesterday', 'query.from'],
      ['/api/v1/interactions?to=2025-02-30T00:00:00Z', 'query.to'],
      ['/api/v1/interactions?personId=nobody', 'query.personId'],
      ['/api/v1/organisations?deleted=yes', 'query.deleted'],
      [`/api/v1/people/${MISSING_ID}/interactions?personId=${MISSING_ID}`, 'query'],
    ];
    for (const [url, path] of cases) {
      const problem = await expectRefused(t, { method: 'GET', url }, 400, 'validation_failed');
      expect(Object.keys(fieldErrors(problem)), url).toContain(path);
    }
  });

  it('sends problem+json with the RFC 9457 members for every error', async () => {
    const res = await send(t.app, { method: 'GET', url: `/api/v1/people/${MISSING_ID}` });
    const problem = expectProblem(res, 404, 'not_found');
    expect(problem).toMatchObject({
      type: 'urn:tend:problem:not_found',
      title: 'Person not found',
      instance: `/api/v1/people/${MISSING_ID}`,
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
