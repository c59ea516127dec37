import { z } from 'zod';
import { Problem } from '../contract/common.js';
import { authOf, type Endpoint, endpoints, scopeOf } from '../contract/endpoints.js';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema;
  delete s.$schema;
  return s;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const s = toSchema(schema, 'input');
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function operation(name: string, ep: Endpoint) {
  const responses: Record<string, unknown> = {};
  responses[String(ep.status)] = ep.produces
    ? { description: 'Success: a download', content: { [ep.produces]: { schema: { type: 'string' } } } }
    : ep.response
      ? { description: 'Success', content: { 'application/json': { schema: toSchema(ep.response, 'output') } } }
      : { description: 'Success, no content' };
  responses['400'] = problemResponse('Invalid input; `errors` lists each invalid field');
  if (ep.params) responses['404'] = problemResponse('Not found in this workspace');
  if (ep.method === 'PATCH') {
    responses['412'] = problemResponse('The version sent is not the current one');
    responses['428'] = problemResponse('No version sent (body `version` or If-Match)');
  }
  if (ep.body) {
    const limit = ep.bodyLimit ? `${Math.round(ep.bodyLimit / 1024 / 1024)} MiB` : '1 MiB';
    responses['413'] = problemResponse(`Body larger than ${limit}`);
  }
  const auth = authOf(ep);
  if (auth !== 'public') {
    responses['401'] = problemResponse('No valid session cookie or API token');
    responses['403'] = problemResponse(
      scopeOf(ep) === 'write'
        ? 'Not allowed: a read-only token, a missing CSRF token (cookie sessions), or a role that cannot do this'
        : 'Not allowed for this account',
    );
  }
  responses['429'] = problemResponse('Too many requests or sign-in attempts; see Retry-After');
  return {
    operationId: name,
    summary: ep.summary,
    tags: [ep.tag],
    security: auth === 'public' ? [] : auth === 'session' ? [{ session: [] }] : [{ token: [] }, { session: [] }],
    parameters: [...parameters(ep.params, 'path'), ...parameters(ep.query, 'query')],
    ...(ep.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(ep.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3 document, generated from the same catalogue the routes and the client use. */
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, ep] of Object.entries(endpoints) as [string, Endpoint][]) {
    const path = ep.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[ep.method.toLowerCase()] = operation(name, ep);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tend API',
      version,
      description:
        'The REST API of Tend, a self-hosted relationship manager. Authenticate with an API token (`Authorization: Bearer tend_…`) or the web session cookie (plus `x-csrf-token` on changes). Errors are application/problem+json (RFC 9457) with a stable `code`. Updates use optimistic concurrency: send the `version` you read, or an If-Match header with the ETag.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'people', description: 'People and what you know about them' },
      { name: 'organisations', description: 'Where people work' },
      { name: 'tags', description: 'Tags and topics of interest' },
      { name: 'interactions', description: 'The timeline: meetings, calls, messages' },
      { name: 'auth', description: 'Owner set-up, sign-up by invitation, sign-in and sign-out' },
      { name: 'account', description: 'Your password, sessions, API tokens and security log' },
      { name: 'workspaces', description: 'Team workspaces: members, roles and invitations' },
      { name: 'system', description: 'Health' },
    ],
    security: [{ token: [] }, { session: [] }],
    paths,
    components: {
      schemas: { Problem: toSchema(Problem, 'output') },
      securitySchemes: {
        token: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (tend_…), created in Settings → API tokens or with `tend token create`.',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'tend_session',
          description:
            'The web session. Requests that change something must also send the tend_csrf cookie value in the x-csrf-token header.',
        },
      },
    },
  };
}
