import path from 'node:path';
import type { Config } from '../config.js';
import { type Client, createClient, fetchTransport, type Transport } from '../contract/client.js';
import { CliError } from './errors.js';
import { injectTransport } from './inject-transport.js';
import { readUserConfig } from './user-config.js';

/*
 * How a command reaches the API: over HTTP to a server (--server or
 * TEND_SERVER), or in-process against the local database through the same
 * Fastify app, so both paths share routes and validation.
 */

export interface GlobalFlags {
  server?: string;
  database?: string;
  dataDir?: string;
}

export interface Connection {
  client: Client;
  /** Where the data lives, for messages: a server URL or a redacted database URL. */
  where: string;
  remote: boolean;
  /** Whether several requests at once go faster (a server, or PostgreSQL); SQLite takes one at a time. */
  parallel: boolean;
  close(): Promise<void>;
}

export type Connect = (config: Config) => Promise<Connection>;

/** The environment's Config with the command line's global flags on top. */
export function applyFlags(config: Config, flags: GlobalFlags): Config {
  const next = { ...config };
  if (flags.dataDir !== undefined) {
    const derived = `sqlite:${path.join(config.dataDir, 'tend.db')}`;
    next.dataDir = path.resolve(flags.dataDir);
    // Only move the database along if it was the data directory's default one.
    if (config.databaseUrl === derived) next.databaseUrl = `sqlite:${path.join(next.dataDir, 'tend.db')}`;
  }
  if (flags.database !== undefined) next.databaseUrl = flags.database;
  if (flags.database !== undefined || flags.dataDir !== undefined) next.preferLocal = true;
  if (flags.server !== undefined) next.serverUrl = flags.server;
  return next;
}

/** A database URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}

/**
 * Remote when --server or TEND_SERVER says so, or when `tend login` saved a
 * server (unless --database/--data-dir ask for the local one). The token
 * comes from TEND_TOKEN, else from the config file if it was saved for that
 * server. Local needs no token: the CLI acts as the owner of the database.
 */
export const connect: Connect = async (config) => {
  const saved = await readUserConfig(config.cliConfigDir);
  const server = config.serverUrl ?? (config.preferLocal ? undefined : saved.server);
  if (server) {
    const sameServer = saved.server && trimSlash(saved.server) === trimSlash(server);
    return connectRemote(server, config.token ?? (sameServer ? saved.token : undefined));
  }
  return connectLocal(config.databaseUrl, config);
};

const trimSlash = (s: string) => s.replace(/\/+$/, '');

function connectRemote(serverUrl: string, token: string | undefined): Connection {
  const base = trimSlash(serverUrl);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return {
    client: createClient(explainAuthErrors(explainNetworkErrors(fetchTransport(base, { headers }), base), base)),
    where: base,
    remote: true,
    parallel: true,
    close: async () => {},
  };
}

function explainAuthErrors(transport: Transport, base: string): Transport {
  return async (req) => {
    const res = await transport(req);
    if (res.status === 401) {
      throw new CliError(
        `The server ${base} needs you signed in (${/invalid_token/.test(res.text) ? 'the token was refused' : 'no token'}) — run: tend login --server ${base}, or set TEND_TOKEN`,
      );
    }
    return res;
  };
}

function explainNetworkErrors(transport: Transport, base: string): Transport {
  return async (req) => {
    try {
      return await transport(req);
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
      const why = (cause as { code?: string }).code ?? (cause instanceof Error ? cause.message : String(cause));
      throw new CliError(
        `Cannot reach the Tend server at ${base} (${why}) — is it running? Start one with: tend serve`,
      );
    }
  };
}

export async function openLocalDb(databaseUrl: string) {
  // Loaded here so that commands talking to a server never load the database drivers.
  const { openDb } = await import('../storage/db.js');
  try {
    return await openDb(databaseUrl);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CliError(
      `Cannot open the database ${redactUrl(databaseUrl)}: ${message} — check --data-dir or --database (TEND_DATA_DIR, TEND_DATABASE_URL)`,
    );
  }
}

async function connectLocal(databaseUrl: string, config: Config): Promise<Connection> {
  const db = await openLocalDb(databaseUrl);
  try {
    const { migrateToLatest } = await import('../storage/db.js');
    await migrateToLatest(db);
    const { buildApp } = await import('../http/app.js');
    // In-process, on a database this user can open anyway: act as its owner without a token.
    const app = await buildApp({
      db,
      logLevel: 'silent',
      webRoot: null,
      localOwner: true,
      security: config.security,
      publicUrl: config.publicUrl,
    });
    await app.ready();
    return {
      client: createClient(injectTransport(app)),
      where: redactUrl(databaseUrl),
      remote: false,
      parallel: db.dialect === 'postgres',
      async close() {
        try {
          await app.close();
        } finally {
          await db.close();
        }
      },
    };
  } catch (err) {
    await db.close();
    if (err instanceof CliError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/ECONNREFUSED|ENOTFOUND/.test(message)) {
      throw new CliError(
        `Cannot use the database ${redactUrl(databaseUrl)}: ${message} — is PostgreSQL running there?`,
      );
    }
    if (/password authentication|does not exist|permission denied/.test(message)) {
      throw new CliError(`Cannot use the database ${redactUrl(databaseUrl)}: ${message}`);
    }
    throw err;
  }
}
