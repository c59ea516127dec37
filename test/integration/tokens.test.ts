import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/contract/client.js';
import { type TestApp, injectTransport, openTestApp } from '../support/app.js';
import { Browser } from '../support/browser.js';
import { DAY, TestClock } from '../support/clock.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { expectApiError, expectProblem, send } from './helpers.js';

describe.each(DIALECTS)('API tokens on %s', (dialect) => {
  let t: TestApp;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await openTestApp(dialect, { clock });
  });
  afterAll(async () => {
    await t.close();
  });
  const as = (token: string) => createClient(injectTransport(t.app, { authorization: `Bearer ${token}` }));

  it('is shown once, stored as a hash, listed by prefix', async () => {
    const created = await t.client.createToken({ body: { name: 'Backup script', scope: 'read', expiresInDays: 30 } });
    expect(created.token).toMatch(/^tend_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    expect(created.expiresAt).toBe(new Date(clock.now().getTime() + 30 * DAY).toISOString());
    const listed = (await t.client.listTokens({})).items.find((x) => x.id === created.id);
    expect(listed).toMatchObject({ name: 'Backup script', scope: 'read', prefix: created.prefix });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const rows = await t.db.kysely.selectFrom('apiTokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(created.token);
  });

  it('with the read scope reads but does not write', async () => {
    const { token } = await t.client.createToken({ body: { name: 'Reader', scope: 'read' } });
    const reader = as(token);
    await expect(reader.listPeople({})).resolves.toMatchObject({ items: expect.any(Array) });
    await expectApiError(reader.createPerson({ body: buildPerson() }), 403, 'read_only_token');
    await expectApiError(reader.createToken({ body: { name: 'escalate', scope: 'write' } }), 403, 'read_only_token');
    const writer = as((await t.client.createToken({ body: { name: 'Writer', scope: 'write' } })).token);
    await expect(writer.createPerson({ body: buildPerson() })).resolves.toMatchObject({ version: 1 });
  });

  it('cannot change the password (that needs the session)', async () => {
    await expectApiError(
      t.client.changePassword({ body: { currentPassword: t.owner.password, newPassword: 'another long passphrase' } }),
      403,
      'session_required',
    );
  });

  it('stops working once revoked, and after it expires', async () => {
    const revoked = await t.client.createToken({ body: { name: 'Short-lived', scope: 'write' } });
    await as(revoked.token).getMe({});
    await t.client.revokeToken({ params: { id: revoked.id } });
    await expectApiError(as(revoked.token).getMe({}), 401, 'invalid_token');
    await expectApiError(t.client.revokeToken({ params: { id: revoked.id } }), 404, 'not_found');

    const expiring = await t.client.createToken({ body: { name: 'A day', scope: 'read', expiresInDays: 1 } });
    await as(expiring.token).getMe({});
    clock.advance(DAY + 1000);
    await expectApiError(as(expiring.token).getMe({}), 401, 'invalid_token');
    expect((await t.client.listTokens({})).items.map((x) => x.id)).not.toContain(expiring.id);

    const events = (await t.client.listAuditEvents({})).items;
    expect(events.find((e) => e.kind === 'token_revoked')?.detail).toMatchObject({ tokenId: revoked.id });
    expect(events.find((e) => e.kind === 'token_created')?.detail).not.toHaveProperty('token');
  });

  it('refuses malformed or unknown tokens with 401', async () => {
    for (const authorization of [
      'Bearer nonsense',
      'Bearer tend_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'Basic dTpw',
    ]) {
      expectProblem(
        await send(t.app, { method: 'GET', url: '/api/v1/people', headers: { authorization } }),
        401,
        'invalid_token',
      );
    }
  });

  it('can be created from a web session too', async () => {
    const browser = new Browser(t.anonymousApp);
    await browser.login(t.owner.user.email, t.owner.password);
    const res = await browser.request('POST', '/api/v1/me/tokens', { name: 'From the web' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ scope: 'write', expiresAt: null });
  });
});
