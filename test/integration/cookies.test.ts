import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../support/app.js';
import { DIALECTS } from '../support/db.js';

/* When the session cookie is marked Secure: always, never, or when the request came over https. */
describe.each(DIALECTS)('cookie flags on %s', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const t of apps.splice(0)) await t.close();
  });
  async function setCookie(security: Parameters<typeof openTestApp>[1], headers: Record<string, string> = {}) {
    const t = await openTestApp(dialect, security);
    apps.push(t);
    const res = await t.anonymousApp.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ email: t.owner.user.email, password: t.owner.password }),
    });
    expect(res.statusCode).toBe(200);
    return String(res.headers['set-cookie']);
  }

  it('is Secure behind an https proxy that Tend trusts, and not over plain http', async () => {
    const proxied = await setCookie({ security: { trustProxy: true } }, { 'x-forwarded-proto': 'https' });
    expect(proxied).toMatch(/tend_session=[^,]*Secure/);
    const untrusted = await setCookie({ security: { trustProxy: false } }, { 'x-forwarded-proto': 'https' });
    expect(untrusted).not.toMatch(/Secure/);
  });

  it('is Secure when the operator says always', async () => {
    expect(await setCookie({ security: { secureCookies: 'always' } })).toMatch(/tend_session=[^,]*Secure/);
  });
});
