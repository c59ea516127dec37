import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEFAULT_SECURITY, type SecurityConfig } from '../../src/config.js';
import type { Me } from '../../src/contract/accounts.js';
import { type Client, createClient, type Transport } from '../../src/contract/client.js';
import { buildApp } from '../../src/http/app.js';
import { toMe } from '../../src/services/accounts.service.js';
import { catchUpStrengths } from '../../src/jobs/strength-catch-up.js';
import { type Clock, systemClock } from '../../src/services/context.js';
import { createServices } from '../../src/services/index.js';
import type { Dialect } from '../../src/storage/db.js';
import { type TestDb, type TestDbOptions, openTestDb } from './db.js';

/** A Transport over Fastify's inject: the whole HTTP stack, no socket. */
export function injectTransport(
  app: Pick<FastifyInstance, 'inject'>,
  extraHeaders: Record<string, string> = {},
): Transport {
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

export type Injector = Pick<FastifyInstance, 'inject'>;

export interface TestApp {
  /**
   * The app. Its inject() sends the owner's API token when a request carries
   * neither an Authorization nor a Cookie header, so suites written before
   * accounts existed keep testing what they tested.
   */
  app: FastifyInstance;
  /** The same app without that default: requests carry only what the test gives them. */
  anonymousApp: Injector;
  /** Authenticated as `owner`, the first user (the instance owner). */
  client: Client;
  owner: TestUser;
  db: TestDb;
  /** Another account with its own personal workspace and client. */
  createUser(opts?: { email?: string; password?: string; owner?: boolean }): Promise<TestUser>;
  /** A client that sends no credentials. */
  anonymous: Client;
  /**
   * Runs the strength catch-up job now (logged interactions queue their people's strength
   * for it), with the app's clock; resolves to the number of people it refreshed.
   */
  catchUp(): Promise<number>;
  close(): Promise<void>;
}

export interface TestAppOptions extends TestDbOptions {
  clock?: Clock;
  security?: Partial<SecurityConfig>;
}

let userSeq = 0;
export const TEST_PASSWORD = 'correct horse battery staple';

/** A migrated database of the given dialect with the API on top, for one test file. */
export async function openTestApp(dialect: Dialect, opts: TestAppOptions = {}): Promise<TestApp> {
  const db = await openTestDb(dialect, opts);
  // Suites make thousands of requests a minute; the rate-limit tests set their own limits.
  const security = { ...DEFAULT_SECURITY, loginPerMinute: 1000, apiPerMinute: 1_000_000, ...opts.security };
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

  const rawInject = app.inject.bind(app);
  const anonymousApp = { inject: rawInject } as Injector;
  const owner = await createUser({ owner: true });
  const withOwner = ((opts: InjectOptions | string) => {
    if (typeof opts === 'object') {
      const headers = (opts.headers ?? {}) as Record<string, unknown>;
      const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
      if (!has('authorization') && !has('cookie')) {
        return rawInject({ ...opts, headers: { ...headers, authorization: `Bearer ${owner.token}` } });
      }
    }
    return rawInject(opts);
  }) as FastifyInstance['inject'];
  app.inject = withOwner;
  return {
    app,
    anonymousApp,
    db,
    owner,
    client: owner.client,
    createUser,
    anonymous: createClient(injectTransport(anonymousApp)),
    catchUp: () => catchUpStrengths(db, (opts.clock ?? systemClock).now()),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
