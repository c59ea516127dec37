import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesModule, routesOf } from '../../src/contract/client.js';
import { type Endpoint, endpoints } from '../../src/contract/endpoints.js';
import { routes } from '../../src/contract/routes.gen.js';
import { buildOpenApi } from '../../src/http/openapi.js';
import { packageRoot, version } from '../../src/lib/package.js';
import { DIALECTS } from '../support/db.js';
import { type WatchedApp, openWatchedApp, send } from './helpers.js';

type Operation = {
  operationId: string;
  parameters: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};
type Doc = ReturnType<typeof buildOpenApi> & { paths: Record<string, Record<string, Operation>> };

const generated = buildOpenApi(version) as Doc;
const catalogue = Object.entries(endpoints) as [string, Endpoint][];
const openApiPath = (p: string) => p.replace(/:([A-Za-z]+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it('is the committed docs/openapi.json', () => {
    const file = path.join(packageRoot, 'docs', 'openapi.json');
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    expect(committed, 'docs/openapi.json is stale: run npm run openapi and commit it').toBe(
      `${JSON.stringify(generated, null, 2)}\n`,
    );
  });

  it('has the committed route table of the web client (src/contract/routes.gen.ts)', () => {
    const file = path.join(packageRoot, 'src', 'contract', 'routes.gen.ts');
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    expect(committed, 'src/contract/routes.gen.ts is stale: run npm run openapi and commit it').toBe(routesModule());
    expect(routes).toEqual(routesOf(endpoints));
    expect(Object.keys(routes)).toEqual(catalogue.map(([name]) => name));
    expect(Object.values(routes).some((r) => r.rawBody)).toBe(true);
    expect(Object.values(routes).some((r) => r.produces)).toBe(true);
  });

  it('has every endpoint of the catalogue, and nothing else', () => {
    const documented = Object.entries(generated.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${p} ${op.operationId}`),
    );
    const expected = catalogue.map(([name, ep]) => `${ep.method} ${openApiPath(ep.path)} ${name}`);
    expect(documented.sort()).toEqual(expected.sort());
  });

  it.each(catalogue)('describes %s with its parameters and error responses', (name, ep) => {
    const op = generated.paths[openApiPath(ep.path)]?.[ep.method.toLowerCase()];
    expect(op?.operationId).toBe(name);
    const pathParams = [...ep.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    expect(op?.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
    expect(Object.keys(op?.responses ?? {})).toContain(String(ep.status));
    expect(Object.keys(op?.responses ?? {})).toContain('400');
    if (ep.params) expect(op?.responses).toHaveProperty('404');
    if (ep.method === 'PATCH') expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['412', '428']));
    if (ep.body) {
      expect(op?.requestBody).toBeDefined();
      expect(op?.responses).toHaveProperty('413');
    }
  });
});

describe.each(DIALECTS)('the API reference on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  it('serves the document at /api/openapi.json', async () => {
    const res = await send(t.app, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it('serves the reference page and its script at /api/docs', async () => {
    const page = await send(t.app, { method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<script src="/api/docs/docs.js">');
    const script = await send(t.app, { method: 'GET', url: '/api/docs/docs.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain("fetch('/api/openapi.json')");
  });

  it('answers health with the dialect', async () => {
    expect(await t.client.health({})).toMatchObject({ status: 'ok', version, database: dialect });
  });
});
