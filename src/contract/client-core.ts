import type { Problem } from './common.js';

/*
 * The client's machinery without the catalogue: what a request needs is each endpoint's method,
 * path and body kind (a route table), not its zod schemas. The web app builds its client from the
 * generated table (routes.gen.ts), so zod stays out of its first load; client.ts builds the typed
 * client from the catalogue itself. Neither knows how bytes travel: the web app passes fetch, the
 * CLI passes fetch to a server or an in-process transport over the local database.
 */

/** A file's bytes for an upload: a string, bytes, a Blob (browser) or a stream (a Node Readable). */
export type RawBody = string | Uint8Array | Blob | AsyncIterable<Uint8Array>;

export interface TransportRequest {
  method: string;
  /** Path with query string, e.g. /api/v1/people?limit=10 */
  url: string;
  headers: Record<string, string>;
  body?: string | RawBody;
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

/** What the client needs of an endpoint: how to call it, not what it carries. */
export interface Route {
  method: string;
  path: string;
  /** Takes a JSON body. */
  body?: true;
  /** Takes a raw upload (a file). */
  rawBody?: true;
  /** Answers with text (a file) instead of JSON. */
  produces?: true;
}

/** One function per route, each `(args) => Promise<answer>`; typed by client.ts's `Client`. */
export function createClientFrom(
  routes: Record<string, Route>,
  transport: Transport,
): Record<string, (args?: Record<string, unknown>) => Promise<unknown>> {
  const client: Record<string, (args?: Record<string, unknown>) => Promise<unknown>> = {};
  for (const [name, ep] of Object.entries(routes)) {
    client[name] = async (args = {}) => {
      const url = buildUrl(
        ep.path,
        args.params as Record<string, unknown> | undefined,
        args.query as Record<string, unknown> | undefined,
      );
      const headers: Record<string, string> = { accept: 'application/json', ...(args.headers as object) };
      let body: string | RawBody | undefined;
      if (ep.body && args.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(args.body);
      }
      const raw = args.raw as { contentType: string; body: RawBody } | undefined;
      if (ep.rawBody && raw !== undefined) {
        headers['content-type'] = raw.contentType;
        body = raw.body;
      }
      const res = await transport({ method: ep.method, url, headers, ...(body !== undefined ? { body } : {}) });
      if (res.status >= 400) throw new ApiError(res.status, parseProblem(res));
      if (ep.produces) return res.text;
      if (res.status === 204 || !res.text) return undefined;
      return JSON.parse(res.text);
    };
  }
  return client;
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
    const streamed =
      req.body !== undefined &&
      typeof req.body !== 'string' &&
      !(req.body instanceof Uint8Array) &&
      !(typeof Blob !== 'undefined' && req.body instanceof Blob);
    const res = await fetch(baseUrl + req.url, {
      method: req.method,
      headers: { ...init.headers, ...req.headers },
      ...(req.body !== undefined ? { body: req.body as NonNullable<RequestInit['body']> } : {}),
      // A stream body (Node) must say it is sent while the response may already arrive.
      ...(streamed ? { duplex: 'half' } : {}),
      credentials: 'same-origin',
    } as RequestInit);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    return { status: res.status, headers, text: await res.text() };
  };
}
