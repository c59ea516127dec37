import type { FastifyInstance } from 'fastify';
import { type Client, type Transport, createClient } from '../../src/contract/client.js';
import { buildApp } from '../../src/http/app.js';
import type { Dialect } from '../../src/storage/db.js';
import { type TestDb, openTestDb } from './db.js';

/** A Transport over Fastify's inject: the whole HTTP stack, no socket. */
export function injectTransport(app: FastifyInstance): Transport {
  return async (req) => {
    const res = await app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: req.headers,
      ...(req.body !== undefined ? { payload: req.body } : {}),
    });
    return { status: res.statusCode, headers: res.headers as Record<string, string>, text: res.body };
  };
}

export interface TestApp {
  app: FastifyInstance;
  client: Client;
  db: TestDb;
  close(): Promise<void>;
}

/** A migrated database of the given dialect with the API on top, for one test file. */
export async function openTestApp(dialect: Dialect): Promise<TestApp> {
  const db = await openTestDb(dialect);
  const app = await buildApp({ db, logLevel: 'silent', webRoot: null });
  return {
    app,
    db,
    client: createClient(injectTransport(app)),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
