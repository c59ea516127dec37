import type { z } from 'zod';
import type { Problem } from './common.js';
import { type EndpointName, type Endpoints, endpoints } from './endpoints.js';

/*
 * The typed client over the endpoint catalogue. It knows nothing of how bytes
 * travel: the web app passes fetch, the CLI passes fetch to a server or an
 * in-process transport over the local database.
 */

export interface TransportRequest {
  method: string;
  /** Path with query string, e.g. /api/v1/people?limit=10 */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
  }
  get code() {
    return this.problem.code;
  }
}

type Input<E, K extends 'params' | 'query' | 'body'> =
  E extends Record<K, infer S extends z.ZodType> ? z.input<S> : never;

type ArgsOf<E> = ([Input<E, 'params'>] extends [never] ? unknown : { params: Input<E, 'params'> }) &
  ([Input<E, 'query'>] extends [never] ? unknown : { query?: Input<E, 'query'> }) &
  ([Input<E, 'body'>] extends [never] ? unknown : { body: Input<E, 'body'> }) & {
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

export function buildUrl(path: string, params?: Record<string, unknown>, query?: Record<string, unknown>): string {
  let url = path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(String(v));
  });
  if (query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      qs.set(k, String(v));
    }
    const s = qs.toString();
    if (s) url += `?${s}`;
  }
  return url;
}

export function createClient(transport: Transport): Client {
  const client: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {};
  for (const [name, ep] of Object.entries(endpoints)) {
    client[name] = async (args = {}) => {
      const url = buildUrl(
        ep.path,
        args.params as Record<string, unknown> | undefined,
        args.query as Record<string, unknown> | undefined,
      );
      const headers: Record<string, string> = { accept: 'application/json', ...(args.headers as object) };
      let body: string | undefined;
      if ('body' in ep && args.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(args.body);
      }
      const res = await transport({ method: ep.method, url, headers, ...(body !== undefined ? { body } : {}) });
      if (res.status >= 400) throw new ApiError(res.status, parseProblem(res));
      if ('produces' in ep && ep.produces) return res.text;
      if (res.status === 204 || !res.text) return undefined;
      return JSON.parse(res.text);
    };
  }
  return client as unknown as Client;
}

function parseProblem(res: TransportResponse): Problem {
  try {
    const p = JSON.parse(res.text) as Problem;
    if (p && typeof p.title === 'string' && typeof p.code === 'string') return p;
  } catch {
    // fall through: the server (or a proxy in front of it) did not answer with problem+json
  }
  return {
    type: 'about:blank',
    title: `Request failed with status ${res.status}`,
    status: res.status,
    code: 'http_error',
    detail: res.text.slice(0, 200),
  };
}

/** A transport over the Fetch API, for the browser and for a remote server from the CLI. */
export function fetchTransport(baseUrl = '', init: { headers?: Record<string, string> } = {}): Transport {
  return async (req) => {
    const res = await fetch(baseUrl + req.url, {
      method: req.method,
      headers: { ...init.headers, ...req.headers },
      ...(req.body !== undefined ? { body: req.body } : {}),
      credentials: 'same-origin',
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    return { status: res.status, headers, text: await res.text() };
  };
}
