import type { FastifyInstance } from 'fastify';
import { DEFAULT_SECURITY, type SecurityConfig } from '../../src/config.js';
import type { Me } from '../../src/contract/accounts.js';
import { type Client, createClient, type Transport } from '../../src/contract/client.js';
import { buildApp } from '../../src/http/app.js';
import { toMe } from '../../src/services/accounts.service.js';
import type { Clock } from '../../src/services/context.js';
import { createServices } from '../../src/services/index.js';
import type { Dialect } from '../../src/storage/db.js';
import { type TestDb, openTestDb } from './db.js';

/** A Transport over Fastify's inject: the whole HTTP stack, no socket. */
export function injectTransport(app: FastifyInstance, extraHeaders: Record<string, string> = {}): Transport {
  return async (req) => {
    const res = await app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: { ...extraHeaders, ...req.headers },
      ...(req.body !== undefined ? { payload: req.body } : {}),
    });
    return { status: res.statusCode, headers: res.headers as Record<string, string>, text: res.body };
  };
}

export interface TestUser {
  user: Me;
  /** A read-write API token of this user. */
  token: string;
  /** The typed client, authenticated with the token. */
  client: Client;
  password: string;
}

export interface TestApp {
  app: FastifyInstance;
  /** Authenticated as `owner`, the first user (the instance owner). */
  client: Client;
  owner: TestUser;
  db: TestDb;
  /** Another account with its own personal workspace and client. */
  createUser(opts?: { email?: string; password?: string; owner?: boolean }): Promise<TestUser>;
  /** A client that sends no credentials. */
  anonymous: Client;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: Clock;
  security?: Partial<SecurityConfig>;
}

let userSeq = 0;
export const TEST_PASSWORD = 'correct horse battery staple';

/** A migrated database of the given dialect with the API on top, for one test file. */
export async function openTestApp(dialect: Dialect, opts: TestAppOptions = {}): Promise<TestApp> {
  const db = await openTestDb(dialect);
  const security = { ...DEFAULT_SECURITY, ...opts.security };
  const app = await buildApp({
    db,
    logLevel: 'silent',
    webRoot: null,
    security,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const services = createServices(db, opts.clock, security);

  async function createUser(o: { email?: string; password?: string; owner?: boolean } = {}): Promise<TestUser> {
    const email = o.email ?? `user${++userSeq}-${Date.now().toString(36)}@example.test`;
    const password = o.password ?? TEST_PASSWORD;
    const row = await services.accounts.createUser({ email, password, isOwner: o.owner ?? false });
    const { token } = await services.tokens.create(row, { name: 'tests', scope: 'write' });
    return {
      user: toMe(row),
      token,
      password,
      client: createClient(injectTransport(app, { authorization: `Bearer ${token}` })),
    };
  }

  const owner = await createUser({ owner: true });
  return {
    app,
    db,
    owner,
    client: owner.client,
    createUser,
    anonymous: createClient(injectTransport(app)),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
