import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services/index.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { type TestApp, openTestApp } from '../support/app.js';
import { Browser } from '../support/browser.js';
import { DAY, HOUR, TestClock } from '../support/clock.js';
import { DIALECTS, openTestDb, type TestDb } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { expectProblem } from './helpers.js';

const PASSWORD = 'a long and unusual passphrase';

describe.each(DIALECTS)('sign-up, sessions and CSRF on %s', (dialect) => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  async function app(clock?: TestClock): Promise<TestApp> {
    const t = await openTestApp(dialect, clock ? { clock } : {});
    closers.push(() => t.close());
    return t;
  }

  it('offers the owner account on first start, adopts the existing workspace, and only once', async () => {
    const db: TestDb = await openTestDb(dialect);
    const fresh = await buildApp({ db, logLevel: 'silent', webRoot: null });
    closers.push(async () => {
      await fresh.close();
      await db.close();
    });
    // Data from before accounts existed, in the local workspace.
    const local = await ensureLocalWorkspace(db);
    const s = createServices(db);
    await s.people.create({ workspaceId: local, userId: null }, buildPerson({ fullName: 'Kept Kim' }));

    const browser = new Browser(fresh);
    const status = await browser.request('GET', '/api/v1/auth/status');
    expect(status.json()).toMatchObject({ setupRequired: true, signup: 'invite', user: null });
    expectProblem(await browser.request('GET', '/api/v1/people'), 401, 'unauthenticated');

    expectProblem(
      await browser.request('POST', '/api/v1/auth/setup', { email: 'owner@example.test', password: 'short' }),
      400,
      'validation_failed',
    );
    const res = await browser.request('POST', '/api/v1/auth/setup', {
      email: 'Owner@Example.test',
      password: PASSWORD,
      displayName: 'Olga Owner',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: 'owner@example.test', isOwner: true, workspaceId: local });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/tend_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/tend_session=[^;]+;.*SameSite=Lax/i);
    expect(setCookie).toMatch(/tend_csrf=[^;]+;.*SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/); // plain http here; behind https the cookies are Secure

    const people = await browser.request('GET', '/api/v1/people');
    expect(people.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['Kept Kim']);
    expect((await browser.request('GET', '/api/v1/auth/status')).json()).toMatchObject({
      setupRequired: false,
      user: { displayName: 'Olga Owner' },
      csrfToken: browser.csrf,
    });

    const again = await new Browser(fresh).request('POST', '/api/v1/auth/setup', {
      email: 'mallory@example.test',
      password: PASSWORD,
    });
    expectProblem(again, 409, 'already_set_up');
  });

  it('signs in and out; a wrong email or password get the same answer', async () => {
    const t = await app();
    const browser = new Browser(t.anonymousApp);
    const wrong = expectProblem(
      await browser.login(t.owner.user.email, 'not the password'),
      401,
      'invalid_credentials',
    );
    const unknown = expectProblem(
      await browser.login('nobody@example.test', 'not the password'),
      401,
      'invalid_credentials',
    );
    expect(unknown.detail).toBe(wrong.detail);

    const ok = await browser.login(t.owner.user.email.toUpperCase(), t.owner.password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ user: { id: t.owner.user.id }, csrfToken: browser.csrf });
    expect((await browser.request('GET', '/api/v1/me')).json()).toMatchObject({ id: t.owner.user.id });

    expect((await browser.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect(browser.cookies.has('tend_session')).toBe(false);
    expect((await browser.request('GET', '/api/v1/auth/status')).json().user).toBeNull();
  });

  it('refuses cookie-authenticated changes without the CSRF token, and allows reads', async () => {
    const t = await app();
    const browser = new Browser(t.anonymousApp);
    await browser.login(t.owner.user.email, t.owner.password);
    const body = buildPerson();
    expectProblem(await browser.request('POST', '/api/v1/people', body, { csrf: false }), 403, 'csrf_failed');
    expectProblem(
      await browser.request('POST', '/api/v1/people', body, { csrf: 'forged-token-value' }),
      403,
      'csrf_failed',
    );
    // The CSRF token of another session does not work either.
    const other = new Browser(t.anonymousApp);
    await other.login(t.owner.user.email, t.owner.password);
    expectProblem(
      await browser.request('POST', '/api/v1/people', body, { csrf: other.csrf ?? '' }),
      403,
      'csrf_failed',
    );
    expectProblem(
      await browser.request('DELETE', `/api/v1/me/sessions/${'0'.repeat(8)}`, undefined, { csrf: false }),
      403,
      'csrf_failed',
    );
    expect((await browser.request('GET', '/api/v1/people')).statusCode).toBe(200);
    expect((await t.client.listPeople({})).items).toEqual([]);

    const created = await browser.request('POST', '/api/v1/people', body);
    expect(created.statusCode).toBe(201);
    // Bearer tokens are not sent by browsers on their own, so they need no CSRF token.
    expect((await t.client.listPeople({})).items).toHaveLength(1);
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const clock = new TestClock();
    const t = await app(clock);
    const idle = new Browser(t.anonymousApp);
    await idle.login(t.owner.user.email, t.owner.password);
    const busy = new Browser(t.anonymousApp);
    await busy.login(t.owner.user.email, t.owner.password);

    // Busy uses its session every 10 days: idle expiry (14 days) never hits, the 30-day lifetime does.
    for (let day = 10; day <= 20; day += 10) {
      clock.advance(10 * DAY);
      expect((await busy.request('GET', '/api/v1/me')).statusCode, `day ${day}`).toBe(200);
    }
    expectProblem(await idle.request('GET', '/api/v1/me'), 401, 'unauthenticated');
    expect(idle.cookies.has('tend_session')).toBe(false);
    clock.advance(9 * DAY + 23 * HOUR);
    expect((await busy.request('GET', '/api/v1/me')).statusCode).toBe(200);
    clock.advance(2 * HOUR);
    expectProblem(await busy.request('GET', '/api/v1/me'), 401, 'unauthenticated');
  });

  it('lists sessions per device, revokes one, and signs out everywhere', async () => {
    const t = await app();
    const laptop = new Browser(t.anonymousApp, 'Laptop Firefox');
    const phone = new Browser(t.anonymousApp, 'Phone Safari');
    const tablet = new Browser(t.anonymousApp, 'Tablet Chrome');
    for (const b of [laptop, phone, tablet]) await b.login(t.owner.user.email, t.owner.password);

    const list = (await laptop.request('GET', '/api/v1/me/sessions')).json().items as {
      id: string;
      current: boolean;
      userAgent: string;
    }[];
    expect(list.map((s) => s.userAgent).sort()).toEqual(['Laptop Firefox', 'Phone Safari', 'Tablet Chrome']);
    expect(list.filter((s) => s.current).map((s) => s.userAgent)).toEqual(['Laptop Firefox']);

    const phoneSession = list.find((s) => s.userAgent === 'Phone Safari');
    expect((await laptop.request('DELETE', `/api/v1/me/sessions/${phoneSession?.id}`)).statusCode).toBe(204);
    expectProblem(await phone.request('GET', '/api/v1/me'), 401, 'unauthenticated');
    expect((await tablet.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expectProblem(await laptop.request('DELETE', `/api/v1/me/sessions/${phoneSession?.id}`), 404, 'not_found');

    expect((await tablet.request('POST', '/api/v1/me/sessions/revoke-all')).statusCode).toBe(204);
    expectProblem(await laptop.request('GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await tablet.request('GET', '/api/v1/me'), 401, 'unauthenticated');
    // API tokens are not sessions: scripts keep working.
    expect((await t.client.getMe({})).id).toBe(t.owner.user.id);

    const kinds = (await t.client.listAuditEvents({})).items.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['login', 'session_revoked', 'sessions_revoked_all']));
  });

  it('changes the password: checks the current one and its strength, ends the other sessions', async () => {
    const t = await app();
    const here = new Browser(t.anonymousApp);
    const elsewhere = new Browser(t.anonymousApp);
    await here.login(t.owner.user.email, t.owner.password);
    await elsewhere.login(t.owner.user.email, t.owner.password);
    const change = (currentPassword: string, newPassword: string) =>
      here.request('POST', '/api/v1/me/password', { currentPassword, newPassword });

    expectProblem(await change('wrong password!', PASSWORD), 400, 'wrong_password');
    const weak = expectProblem(await change(t.owner.password, 'password123'), 400, 'validation_failed');
    expect(weak.errors?.[0]).toMatchObject({ path: 'body.newPassword' });
    expectProblem(await change(t.owner.password, 'aaaaaaaaaaaaaa'), 400, 'validation_failed');
    expect((await change(t.owner.password, PASSWORD)).statusCode).toBe(204);

    expect((await here.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expectProblem(await elsewhere.request('GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(
      await new Browser(t.anonymousApp).login(t.owner.user.email, t.owner.password),
      401,
      'invalid_credentials',
    );
    expect((await new Browser(t.anonymousApp).login(t.owner.user.email, PASSWORD)).statusCode).toBe(200);
    // Stored as argon2id, never as the password.
    const row = await t.db.kysely
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', t.owner.user.id)
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it('sends the security headers on every answer', async () => {
    const t = await app();
    for (const url of ['/api/health', '/api/v1/people', '/api/docs', '/api/nope']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
    }
  });
});
