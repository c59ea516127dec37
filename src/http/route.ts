import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../contract/endpoints.js';
import type { Actor } from '../services/context.js';
import { authorizeEndpoint, type Principal } from '../services/policy.js';
import type { AuthKit } from './auth.js';
import { fromZod } from './errors.js';
import { ValidationError } from '../lib/errors.js';

type In<E, K extends 'params' | 'query' | 'body'> =
  E extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;
type Out<E> = E extends { produces: string }
  ? string | AsyncIterable<string>
  : E extends { response: infer R extends z.ZodType }
    ? z.output<R>
    : // biome-ignore lint/suspicious/noConfusingVoidType: endpoints without a response body have handlers that return nothing
      void;

export interface HandlerContext<E extends Endpoint> {
  params: In<E, 'params'>;
  query: In<E, 'query'>;
  body: In<E, 'body'>;
  actor: Actor;
  principal: Principal | null;
  /** The version in an If-Match header ("3" or W/"3"), if any. */
  ifMatch: number | undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

declare module 'fastify' {
  interface FastifyInstance {
    authKit: AuthKit;
  }
}

/**
 * The path of the first string holding U+0000 in a validated value, if any.
 * No one types NUL, PostgreSQL cannot store it, and SQLite would store it
 * silently, so every endpoint refuses it the same way, whatever its schema
 * says (defence in depth: most text fields refuse control characters already).
 */
export function nulPath(value: unknown, at: string[], depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? at.join('.') : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    if (k.includes('\u0000')) return [...at, k.replaceAll('\u0000', '\\0')].join('.');
    const found = nulPath(v, [...at, k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function parseIfMatch(h: string | undefined): number | undefined {
  if (!h) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(h.trim());
  return m ? Number(m[1]) : undefined;
}

export interface RouteOptions {
  /**
   * Serve repeated GETs from the read cache (read-cache.ts) while the database
   * has not changed. Only for a handler whose answer depends on nothing but the
   * caller's workspace and user, the URL, the data and calendar dates (see
   * CLOCK_BUCKET_MS): not on headers, the token's scope or the time of day.
   */
  cache?: boolean;
}

/**
 * Registers one endpoint of the contract: asks the policy whether the caller
 * may use it (and checks CSRF for cookie sessions), validates params, query and body with
 * its zod schemas (errors become problem+json), calls the handler, and sends
 * the result with the endpoint's status. An ETag carries the version of a
 * single resource so clients can send If-Match.
 */
export function route<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: (ctx: HandlerContext<E>) => Promise<Out<E>>,
  options: RouteOptions = {},
) {
  const cached = options.cache === true && endpoint.method === 'GET' && !endpoint.produces;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...(endpoint.bodyLimit ? { bodyLimit: endpoint.bodyLimit } : {}),
    handler: async (req, reply) => {
      // Authorisation before anything else: an anonymous caller learns nothing, not even what is invalid.
      authorizeEndpoint(req.principal, endpoint);
      await app.authKit.checkCsrf(req, endpoint.method);
      const parse = (schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body') => {
        if (!schema) return undefined;
        const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
        if (!r.success) throw fromZod(r.error, where);
        const nul = nulPath(r.data, [where]);
        if (nul) {
          throw ValidationError([
            { path: nul, message: 'must not contain a NUL character (U+0000); remove it and send the text again' },
          ]);
        }
        return r.data;
      };
      const cache = app.readCache;
      const key = cached ? cache.keyOf(req) : null;
      // Read before the handler runs: a write committed while it runs changes the stamp, so its answer is never reused.
      const stamp = key === null ? null : await cache.stamp(req);
      if (key !== null) {
        // Before validating: an entry exists only for a URL that validated, and validation depends on the URL alone.
        const hit = cache.lookup(key, stamp);
        if (hit) {
          if (hit.etag) reply.header('etag', hit.etag);
          return reply.status(endpoint.status).type(JSON_TYPE).send(hit.body);
        }
      }
      const ctx = {
        params: parse(endpoint.params, req.params, 'params'),
        query: parse(endpoint.query, req.query, 'query'),
        body: parse(endpoint.body, req.body, 'body'),
        actor: req.actor,
        principal: req.principal,
        ifMatch: parseIfMatch(req.headers['if-match']),
        req,
        reply,
      } as HandlerContext<E>;
      const result: unknown = await handler(ctx);
      reply.status(endpoint.status);
      if (endpoint.status === 204) return reply.send();
      if (endpoint.produces) {
        reply.type(endpoint.produces);
        return reply.send(typeof result === 'string' ? result : Readable.from(result as AsyncIterable<string>));
      }
      let etag: string | undefined;
      if (result && typeof result === 'object' && 'version' in result && typeof result.version === 'number') {
        etag = `"${result.version}"`;
        reply.header('etag', etag);
      }
      if (key === null) return reply.send(result);
      return reply.type(JSON_TYPE).send(cache.store(key, stamp, JSON.stringify(result), etag));
    },
  });
}
