import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { expectProblem, send, type WatchedApp, openWatchedApp } from './helpers.js';

/* Bad input to the sync endpoints and their public URLs: a clear 4xx, never a 500, nothing written. */

describe.each(DIALECTS)('sync bad input on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('refuses unknown fields and out-of-range digest settings', async () => {
    for (const body of [{ hour: -1 }, { hour: 7.5 }, { weekday: 7 }, { frequency: 'hourly' }, { email: 'x@y.z' }]) {
      expectProblem(await send(t.app, { method: 'PATCH', url: '/api/v1/digest', body }), 400, 'validation_failed');
    }
    expect((await t.client.getDigestSettings({})).frequency).toBe('off');
  });

  it('refuses malformed webhooks and answers 404 for unknown ones', async () => {
    for (const body of [
      {},
      { url: 'not a url', events: ['person.created'] },
      { url: `https://example.com/${'a'.repeat(3000)}`, events: ['person.created'] },
      { url: 'https://example.com', events: 'person.created' },
      { url: 'https://example.com', events: ['person.created'], secret: 'mine' },
      { url: 'javascript:alert(1)', events: ['person.created'] },
    ]) {
      expectProblem(await send(t.app, { method: 'POST', url: '/api/v1/webhooks', body }), 400, 'validation_failed');
    }
    expect((await t.client.listWebhooks({})).items).toEqual([]);
    const missing = '01a21748-363d-7000-947b-263a7d0f8484';
    expectProblem(await send(t.app, { method: 'GET', url: `/api/v1/webhooks/${missing}` }), 404, 'not_found');
    expectProblem(
      await send(t.app, { method: 'PATCH', url: `/api/v1/webhooks/${missing}`, body: { active: false } }),
      404,
      'not_found',
    );
    expectProblem(
      await send(t.app, { method: 'GET', url: `/api/v1/webhook-deliveries?webhookId=${missing}` }),
      404,
      'not_found',
    );
    expectProblem(await send(t.app, { method: 'GET', url: '/api/v1/webhooks/nope' }), 400, 'validation_failed');
  });

  it('answers 404 to made-up feed URLs and unsubscribe links, whatever their shape', async () => {
    for (const url of [
      '/feeds/x.ics',
      '/feeds/.ics',
      `/feeds/${'0'.repeat(36)}_abc.ics`,
      `/feeds/${encodeURIComponent('../../etc/passwd')}.ics`,
      `/feeds/${'a'.repeat(5000)}.ics`,
      '/feeds/%00.ics',
    ]) {
      const res = await t.anonymousApp.inject({ method: 'GET', url });
      expect([400, 404, 414], `${url.slice(0, 60)}: ${res.statusCode}`).toContain(res.statusCode);
    }
    for (const q of ['', '?w=x&u=y&s=z', `?w=${'a'.repeat(2000)}&u=&s=`]) {
      const res = await t.anonymousApp.inject({
        method: 'POST',
        url: `/unsubscribe${q}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(404);
    }
  });
});
