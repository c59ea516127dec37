import type { z } from 'zod';

/**
 * The shape of one entry of the REST API catalogue. It lives apart from the
 * catalogue so each area of the API can keep its endpoints in its own file
 * (`src/contract/<area>.endpoints.ts`) that `endpoints.ts` spreads together.
 */

/**
 * Who may call an endpoint. `public`: anyone; `user` (the default): a signed-in
 * user, by session cookie or API token; `session`: only with the session cookie
 * (changing the password, so a leaked token cannot take the account over).
 */
export type EndpointAuth = 'public' | 'user' | 'session';

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  auth?: EndpointAuth;
  /** What an API token needs: `read` for GET, `write` otherwise, unless set. */
  scope?: 'read' | 'write';
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status on success. */
  status: 200 | 201 | 204;
  response?: z.ZodType;
  /**
   * A download that is not JSON (CSV, vCard, a backup stream): its media type.
   * The handler returns the body (text or an async iterable of text chunks,
   * which is streamed) and the typed client reads it as text.
   */
  produces?: string;
  /** A larger body limit in bytes than the app's 1 MiB (restoring a backup). */
  bodyLimit?: number;
}

export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

export function authOf(e: Endpoint): EndpointAuth {
  return e.auth ?? 'user';
}

export function scopeOf(e: Endpoint): 'read' | 'write' {
  return e.scope ?? (e.method === 'GET' ? 'read' : 'write');
}
