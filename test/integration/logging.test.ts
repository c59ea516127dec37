import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services/index.js';
import { Browser } from '../support/browser.js';
import { DIALECTS, openTestDb, type TestDb } from '../support/db.js';

/* Whatever the log level, no password, token, cookie or invitation secret is written to the log. */
describe.each(DIALECTS)('the log on %s', (dialect) => {
  let db: TestDb;
  let lines = '';
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    app = await buildApp({
      db,
      logLevel: 'trace',
      webRoot: null,
      logStream: {
        write: (s: string) => {
          lines += s;
        },
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('never holds credentials', async () => {
    const password = 'a very secret passphrase 123';
    const owner = new Browser(app);
    expect((await owner.request('POST', '/api/v1/auth/setup', { email: 'o@example.test', password })).statusCode).toBe(
      201,
    );
    await owner.login('o@example.test', 'wrong but also secret 456');
    const token = (await owner.request('POST', '/api/v1/me/tokens', { name: 'T' })).json().token as string;
    const me = (await owner.request('GET', '/api/v1/me')).json() as { workspaceId: string };
    const invite = (await owner.request('POST', `/api/v1/workspaces/${me.workspaceId}/invitations`, {})).json()
      .token as string;
    await app.inject({ method: 'GET', url: `/api/v1/invitations/${invite}` });
    await app.inject({ method: 'GET', url: '/api/v1/people', headers: { authorization: `Bearer ${token}` } });
    await app.inject({ method: 'GET', url: '/api/v1/people', headers: { authorization: 'Bearer tend_wrong_token' } });

    expect(lines.length).toBeGreaterThan(1000);
    expect(lines).toContain('/api/v1/invitations/[redacted]');
    for (const secret of [
      password,
      'wrong but also secret 456',
      token,
      invite,
      'tend_wrong_token',
      owner.cookies.get('tend_session') ?? 'missing',
      owner.csrf ?? 'missing',
    ]) {
      expect(lines, secret).not.toContain(secret);
    }
    // The stored rows hold hashes only.
    const s = createServices(db);
    expect(await s.tokens.authenticate(token)).not.toBeNull();
    const dump = JSON.stringify(await db.kysely.selectFrom('apiTokens').selectAll().execute());
    expect(dump).not.toContain(token);
  });
});
