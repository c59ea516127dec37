import type { z } from 'zod';
import { createClientFrom, type RawBody, type Route, type Transport } from './client-core.js';
import { type EndpointName, type Endpoints, endpoints } from './endpoints.js';

/*
 * The typed client over the endpoint catalogue (the machinery is in client-core.ts, which the web
 * app uses with the generated route table instead of the catalogue).
 */

export * from './client-core.js';

type Input<E, K extends 'params' | 'query' | 'body'> =
  E extends Record<K, infer S extends z.ZodType> ? z.input<S> : never;

type ArgsOf<E> = ([Input<E, 'params'>] extends [never] ? unknown : { params: Input<E, 'params'> }) &
  ([Input<E, 'query'>] extends [never] ? unknown : { query?: Input<E, 'query'> }) &
  ([Input<E, 'body'>] extends [never] ? unknown : { body: Input<E, 'body'> }) &
  (E extends { rawBody: readonly string[] } ? { raw: { contentType: string; body: RawBody } } : unknown) & {
    headers?: Record<string, string>;
  };

type ResultOf<E> = E extends { produces: string }
  ? string
  : E extends { response: infer R extends z.ZodType }
    ? z.output<R>
    : undefined;

export type Client = {
  [K in EndpointName]: (args: ArgsOf<Endpoints[K]>) => Promise<ResultOf<Endpoints[K]>>;
};

/** The route table of the catalogue: each endpoint's method, path and body kind (routes.gen.ts is this, written out). */
export function routesOf(catalogue: Record<string, unknown> = endpoints): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const [name, e] of Object.entries(catalogue)) {
    const ep = e as { method: string; path: string; body?: unknown; rawBody?: unknown; produces?: unknown };
    routes[name] = {
      method: ep.method,
      path: ep.path,
      ...(ep.body !== undefined ? { body: true as const } : {}),
      ...(ep.rawBody !== undefined ? { rawBody: true as const } : {}),
      ...(ep.produces ? { produces: true as const } : {}),
    };
  }
  return routes;
}

/** The text of routes.gen.ts (`npm run openapi` writes it; a test fails when it is stale). */
export function routesModule(): string {
  const lines = Object.entries(routesOf(endpoints)).map(([name, r]) => `  ${name}: ${JSON.stringify(r)},`);
  return [
    '// Written by `npm run openapi` from the endpoint catalogue (src/contract/endpoints.ts): do not edit.',
    '// What the web client needs to call each endpoint, without the zod schemas (client-core.ts).',
    "import type { Route } from './client-core.js';",
    '',
    'export const routes: Record<string, Route> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

export function createClient(transport: Transport): Client {
  return createClientFrom(routesOf(endpoints), transport) as unknown as Client;
}
