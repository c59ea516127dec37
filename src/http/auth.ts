import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SecurityConfig } from '../config.js';
import { AppError, ForbiddenError, UnauthorizedError } from '../lib/errors.js';
import type { RequestMeta } from '../services/audit.service.js';
import type { Actor, Clock } from '../services/context.js';
import type { Services } from '../services/index.js';
import type { Principal } from '../services/policy.js';
import { ensureLocalWorkspace } from '../services/workspaces.service.js';
import { sha256 } from '../lib/secrets.js';
import type { SessionLookup } from '../services/accounts.service.js';
import type { TokenLookup } from '../services/tokens.service.js';
import { Lru } from '../lib/lru.js';
import type { ReadCache } from './read-cache.js';
import { RateLimiter } from './rate-limit.js';

/*
 * Who is calling. Every request is authenticated here, once, before routing:
 * an API token in `Authorization: Bearer`, else the session cookie. Routes
 * then ask the policy whether that principal may call them (route.ts).
 */

export const SESSION_COOKIE = 'tend_session';
export const CSRF_COOKIE = 'tend_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    actor: Actor;
  }
}

export interface AuthOptions {
  security: SecurityConfig;
  clock: Clock;
  /**
   * The CLI on the local database: a request without credentials acts as the
   * instance owner (or, before any account exists, in the local workspace).
   * Never set for a server listening on a socket.
   */
  localOwner: boolean;
  /** Keeps token lookups while the database is unchanged. */
  readCache: ReadCache;
}

export interface AuthKit {
  limiters: { login: RateLimiter; authFailures: RateLimiter; api: RateLimiter };
  setSessionCookies(req: FastifyRequest, reply: FastifyReply, token: string, csrfToken: string): void;
  clearSessionCookies(req: FastifyRequest, reply: FastifyReply): void;
  meta(req: FastifyRequest): RequestMeta;
  /** Throws 403 unless a cookie-authenticated request that changes state carries its CSRF token. */
  checkCsrf(req: FastifyRequest, method: string): Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function registerAuth(app: FastifyInstance, services: Services, opts: AuthOptions): Promise<AuthKit> {
  await app.register(fastifyCookie);
  const { security, clock } = opts;
  const limiters = {
    login: new RateLimiter(security.loginPerMinute, 60_000, clock),
    authFailures: new RateLimiter(security.loginPerMinute * 2, 60_000, clock),
    api: new RateLimiter(security.apiPerMinute, 60_000, clock),
  };

  const secure = (req: FastifyRequest) =>
    security.secureCookies === 'always' || (security.secureCookies === 'auto' && req.protocol === 'https');

  const kit: AuthKit = {
    limiters,
    setSessionCookies(req, reply, token, csrfToken) {
      const maxAge = Math.floor(security.sessionMaxMs / 1000);
      const base = { path: '/', secure: secure(req), maxAge };
      reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true, sameSite: 'lax' });
      // Readable by the web app's script, which echoes it in the x-csrf-token header.
      reply.setCookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false, sameSite: 'strict' });
    },
    clearSessionCookies(req, reply) {
      reply.clearCookie(SESSION_COOKIE, { path: '/', secure: secure(req), httpOnly: true, sameSite: 'lax' });
      reply.clearCookie(CSRF_COOKIE, { path: '/', secure: secure(req), sameSite: 'strict' });
    },
    meta(req) {
      const ua = req.headers['user-agent'];
      return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
    },
    async checkCsrf(req, method) {
      const p = req.principal;
      if (p?.via !== 'session' || SAFE_METHODS.has(method) || !p.sessionId || !p.user) return;
      const header = req.headers[CSRF_HEADER];
      const ok = await services.accounts.checkCsrf(
        p.sessionId,
        p.user.workspaceId,
        typeof header === 'string' ? header : undefined,
      );
      if (!ok) {
        throw ForbiddenError(
          'csrf_failed',
          'The request is missing its CSRF token',
          `Changes made with the session cookie must send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header. Reload the page and try again.`,
        );
      }
    },
  };

  /*
   * Token and session lookups (the row and its user: two queries) kept by the
   * secret's hash with the change stamp read before the lookup, and used while the
   * stamp is unchanged: revoking a token or ending a session, or changing its
   * user, is a write, so the next request reads them again. Expiry, idleness and
   * the once-a-minute note of use are checked on every request (`admit…`).
   * A request that changes data reads them directly (one statement): after the
   * last request's write the stamp will have moved, so checking it first would only
   * add a statement — on PostgreSQL a round trip — to a stream of writes.
   */
  const lookups = new Lru<{ stamp: string; found: unknown }>(1000, Number.POSITIVE_INFINITY);
  async function kept<T>(req: FastifyRequest, kind: string, secret: string, read: (s: string) => Promise<T | null>) {
    if (!SAFE_METHODS.has(req.method)) return read(secret);
    const stamp = await opts.readCache.stamp(req);
    if (stamp === null) return read(secret);
    const key = `${kind}:${sha256(secret)}`;
    const entry = lookups.get(key);
    if (entry && entry.stamp === stamp) return entry.found as T;
    const found = await read(secret);
    if (found) lookups.set(key, { stamp, found });
    else lookups.delete(key);
    return found;
  }
  const lookupToken = (req: FastifyRequest, secret: string) =>
    kept<TokenLookup>(req, 'token', secret, services.tokens.lookup);
  const lookupSession = (req: FastifyRequest, cookie: string) =>
    kept<SessionLookup>(req, 'session', cookie, services.accounts.lookupSession);

  app.decorateRequest('principal', null);
  app.decorateRequest('actor', null as unknown as Actor);

  app.addHook('onRequest', async (req, reply) => {
    req.principal = await authenticate(req, reply);
    const p = req.principal;
    if (p?.user) req.actor = { workspaceId: p.user.workspaceId, userId: p.user.id };
    else if (opts.localOwner && (await services.accounts.countUsers()) === 0) {
      req.actor = { workspaceId: await ensureLocalWorkspace(services.db), userId: null };
    }
  });

  async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    const authz = req.headers.authorization;
    if (authz) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
      // CardDAV clients know only Basic: any user name, the API token as the password.
      const basic = m ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authz);
      const secret = m?.[1] ?? basicPassword(basic?.[1]);
      const looked = secret ? await lookupToken(req, secret) : null;
      const found = looked ? await services.tokens.admit(looked) : null;
      if (!found) {
        limiters.authFailures.hit(`ip:${req.ip}`, 'failed token checks from your address');
        if (basic) reply.header('www-authenticate', BASIC_CHALLENGE);
        throw UnauthorizedError(
          'invalid_token',
          'The API token is unknown, revoked or expired. Create a new one in Settings → API tokens or with: tend token create',
        );
      }
      limiters.api.hit(`token:${found.tokenId}`, 'requests with this token');
      return { user: found.user, via: 'token', scope: found.scope, sessionId: null, tokenId: found.tokenId };
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) {
      const looked = await lookupSession(req, cookie);
      const s = looked ? await services.accounts.admitSession(looked) : null;
      if (s) return { user: s.user, via: 'session', scope: 'write', sessionId: s.sessionId, tokenId: null };
      // An ended session: forget the cookie so the browser stops sending it.
      kit.clearSessionCookies(req, reply);
    }
    if (opts.localOwner) {
      const owner = await services.accounts.localOwner();
      if (owner) return { user: owner, via: 'local', scope: 'write', sessionId: null, tokenId: null };
      return { user: null, via: 'local', scope: 'write', sessionId: null, tokenId: null };
    }
    return null;
  }

  return kit;
}

export const BASIC_CHALLENGE = 'Basic realm="Tend", charset="UTF-8"';

function basicPassword(b64: string | undefined): string | null {
  if (!b64) return null;
  const decoded = Buffer.from(b64, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}

/** The signed-in user of a request, for routes about the account itself. */
export function requireUser(req: FastifyRequest) {
  const user = req.principal?.user;
  if (!user) {
    if (req.principal?.via === 'local') {
      throw new AppError(
        'unauthorized',
        'no_account',
        'There is no account yet',
        'Create the owner account first: tend user create --email you@example.com --password-stdin --owner',
      );
    }
    throw UnauthorizedError();
  }
  return user;
}
