import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/*
 * A cookie jar over app.inject(), to test what a browser does: sign in, keep
 * the session and CSRF cookies, send the CSRF header (or not).
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: Pick<FastifyInstance, 'inject'>,
    readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0',
  ) {}

  get csrf(): string | undefined {
    return this.cookies.get('tend_csrf');
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    opts: { csrf?: string | false } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  login(email: string, password: string) {
    return this.request('POST', '/api/v1/auth/login', { email, password });
  }
}
