import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { type TestApp, openTestApp } from '../support/app.js';
import { Browser } from '../support/browser.js';
import { MINUTE, TestClock } from '../support/clock.js';
import { DIALECTS } from '../support/db.js';
import { expectProblem, send } from './helpers.js';

describe.each(DIALECTS)('rate limiting and lock-out on %s', (dialect) => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  async function app(
    clock: TestClock,
    security: NonNullable<Parameters<typeof openTestApp>[1]>['security'] = {},
  ): Promise<TestApp> {
    const t = await openTestApp(dialect, { clock, security });
    closers.push(() => t.close());
    return t;
  }

  it('limits sign-in attempts per address, with Retry-After', async () => {
    const clock = new TestClock();
    const t = await app(clock, { loginPerMinute: 3, maxFailedLogins: 100 });
    const b = new Browser(t.anonymousApp);
    for (let i = 0; i < 3; i++)
      expectProblem(await b.login(`nobody${i}@example.test`, 'wrong password'), 401, 'invalid_credentials');
    const limited = await b.login(t.owner.user.email, t.owner.password);
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    clock.advance(MINUTE);
    expect((await b.login(t.owner.user.email, t.owner.password)).statusCode).toBe(200);
  });

  it('limits failed token checks per address and requests per token', async () => {
    const clock = new TestClock();
    const t = await app(clock, { loginPerMinute: 2, apiPerMinute: 5 });
    const bad = { method: 'GET' as const, url: '/api/v1/me', headers: { authorization: 'Bearer tend_guess' } };
    for (let i = 0; i < 4; i++) expectProblem(await send(t.app, bad), 401, 'invalid_token');
    expectProblem(await send(t.app, bad), 429, 'rate_limited');
    const good = { method: 'GET' as const, url: '/api/v1/me', headers: { authorization: `Bearer ${t.owner.token}` } };
    for (let i = 0; i < 5; i++) expect((await send(t.app, good)).statusCode).toBe(200);
    expectProblem(await send(t.app, good), 429, 'rate_limited');
    clock.advance(MINUTE);
    expect((await send(t.app, good)).statusCode).toBe(200);
  });

  it('locks an account after repeated wrong passwords, in the database, for every instance', async () => {
    const clock = new TestClock();
    const t = await app(clock, { maxFailedLogins: 3, lockoutMs: 15 * MINUTE });
    const email = t.owner.user.email;
    const b = new Browser(t.anonymousApp);
    for (let i = 0; i < 3; i++) expectProblem(await b.login(email, `wrong password ${i}`), 401, 'invalid_credentials');
    // The right password does not help while locked...
    const locked = expectProblem(await b.login(email, t.owner.password), 429, 'account_locked');
    expect(locked.detail).toMatch(/15 more minute/);

    // ...nor does another server instance on the same database (its rate limiter is fresh).
    const other = await buildApp({ db: t.db, logLevel: 'silent', webRoot: null, clock });
    closers.unshift(() => other.close());
    expectProblem(await new Browser(other).login(email, t.owner.password), 429, 'account_locked');

    clock.advance(15 * MINUTE + 1000);
    expect((await b.login(email, t.owner.password)).statusCode).toBe(200);
    const kinds = (await t.client.listAuditEvents({})).items.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'login_failed').length).toBeGreaterThanOrEqual(4);
    expect(kinds).toContain('account_locked');
    expect(kinds[0]).toBe('login');
  });
});
