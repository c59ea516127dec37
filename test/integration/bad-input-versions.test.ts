import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectRefused, openWatchedApp, send } from './helpers.js';

/*
 * Optimistic concurrency on every versioned resource: a change must say which
 * version it was made against, in the body or as If-Match ("3" or W/"3").
 */

const KINDS = ['person', 'interaction', 'organisation'] as const;
type Kind = (typeof KINDS)[number];

describe.each(DIALECTS)('versions and If-Match on %s', (dialect) => {
  let t: WatchedApp;
  /** One fresh resource of each kind per test, with a change that is valid for it. */
  let make: Record<Kind, () => Promise<{ url: string; change: Record<string, unknown> }>>;

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    const someone = await t.client.createPerson({ body: buildPerson() });
    let n = 0;
    make = {
      person: async () => ({
        url: `/api/v1/people/${(await t.client.createPerson({ body: buildPerson() })).id}`,
        change: { headline: 'Changed' },
      }),
      interaction: async () => ({
        url: `/api/v1/interactions/${(await t.client.createInteraction({ body: { kind: 'call', summary: 's', participantIds: [someone.id] } })).id}`,
        change: { summary: 'Changed' },
      }),
      organisation: async () => ({
        url: `/api/v1/organisations/${(await t.client.createOrganisation({ body: { name: `Versioned ${++n}` } })).id}`,
        change: { industry: 'Changed' },
      }),
    };
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  const patch = (url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    send(t.app, { method: 'PATCH', url, body, headers });

  describe.each(KINDS)('%s', (kind) => {
    it('sends the version as an ETag', async () => {
      const { url } = await make[kind]();
      const res = await send(t.app, { method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.json().version).toBe(1);
    });

    it('refuses a change without a version with 428', async () => {
      const { url, change } = await make[kind]();
      await expectRefused(t, { method: 'PATCH', url, body: change }, 428, 'version_required');
      // An If-Match that is not a version does not count as one.
      for (const ifMatch of ['"abc"', '*', '']) {
        await expectRefused(
          t,
          { method: 'PATCH', url, body: change, headers: { 'if-match': ifMatch } },
          428,
          'version_required',
        );
      }
    });

    it('refuses a stale version with 412, in the body or in If-Match', async () => {
      const { url, change } = await make[kind]();
      expect((await patch(url, { ...change, version: 1 })).statusCode).toBe(200);
      const problem = await expectRefused(
        t,
        { method: 'PATCH', url, body: { ...change, version: 1 } },
        412,
        'stale_version',
      );
      expect(problem.detail).toContain('version is 2');
      await expectRefused(t, { method: 'PATCH', url, body: { ...change, version: 3 } }, 412, 'stale_version');
      await expectRefused(
        t,
        { method: 'PATCH', url, body: change, headers: { 'if-match': '"1"' } },
        412,
        'stale_version',
      );
      await expectRefused(
        t,
        { method: 'PATCH', url, body: change, headers: { 'if-match': 'W/"1"' } },
        412,
        'stale_version',
      );
      // The body wins over the header when both are sent.
      await expectRefused(
        t,
        { method: 'PATCH', url, body: { ...change, version: 1 }, headers: { 'if-match': '"2"' } },
        412,
        'stale_version',
      );
    });

    it('takes If-Match as the version, strong or weak', async () => {
      const { url, change } = await make[kind]();
      const strong = await patch(url, change, { 'if-match': '"1"' });
      expect(strong.statusCode).toBe(200);
      expect(strong.headers.etag).toBe('"2"');
      const weak = await patch(url, change, { 'if-match': 'W/"2"' });
      expect(weak.statusCode).toBe(200);
      expect(weak.json().version).toBe(3);
      const bare = await patch(url, change, { 'if-match': '3' });
      expect(bare.json().version).toBe(4);
    });

    it('lets exactly one of two concurrent changes of the same version through', async () => {
      const { url, change } = await make[kind]();
      const results = await Promise.all([0, 1, 2].map(() => patch(url, { ...change, version: 1 })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412]);
      const after = await send(t.app, { method: 'GET', url });
      expect(after.json().version).toBe(2);
    });
  });
});
