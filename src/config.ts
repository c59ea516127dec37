import path from 'node:path';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  TEND_DATA_DIR: z.string().min(1).default('./data'),
  TEND_DATABASE_URL: z.string().min(1).optional(),
  TEND_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  TEND_HOST: z.string().min(1).default('127.0.0.1'),
  TEND_LOG_LEVEL: LogLevel.default('info'),
  TEND_SERVER: z.string().url().optional(),
  TEND_TOKEN: z.string().min(1).optional(),
  TEND_SIGNUP: z.enum(['invite', 'open']).default('invite'),
  TEND_SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .default(14 * 24),
  TEND_SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
  TEND_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  TEND_TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  TEND_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  TEND_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  TEND_RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(10),
  TEND_RATE_LIMIT_API: z.coerce.number().int().min(1).default(600),
  TEND_JOBS: z.enum(['on', 'off']).default('on'),
  TEND_READ_CACHE: z.enum(['on', 'off']).default('on'),
  TEND_SQLITE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(16),
  TEND_BACKUP_EVERY: z.enum(['off', 'hourly', 'daily', 'weekly']).default('daily'),
  TEND_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  TEND_BACKUP_DIR: z.string().min(1).optional(),
  TEND_PUBLIC_URL: z.string().url().optional(),
  TEND_SMTP_URL: z.string().min(1).optional(),
  TEND_SMTP_HOST: z.string().min(1).optional(),
  TEND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TEND_SMTP_USER: z.string().min(1).optional(),
  TEND_SMTP_PASS: z.string().min(1).optional(),
  TEND_SMTP_SECURE: z.enum(['true', 'false', '1', '0']).optional(),
  TEND_SMTP_FROM: z.string().min(1).optional(),
  TEND_CONFIG_DIR: z.string().min(1).optional(),
  XDG_CONFIG_HOME: z.string().min(1).optional(),
  HOME: z.string().optional(),
});

export type LogLevel = z.infer<typeof LogLevel>;

export const DEFAULT_SECURITY: SecurityConfig = {
  signup: 'invite',
  sessionIdleMs: 14 * 24 * 3600_000,
  sessionMaxMs: 30 * 24 * 3600_000,
  maxFailedLogins: 5,
  lockoutMs: 15 * 60_000,
  secureCookies: 'auto',
  trustProxy: false,
  loginPerMinute: 10,
  apiPerMinute: 600,
};

export interface Config {
  dataDir: string;
  databaseUrl: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** A Tend server the CLI talks to instead of opening the local database. */
  serverUrl: string | undefined;
  security: SecurityConfig;
  /** Set by --database/--data-dir: use the local database even if `tend login` saved a server. */
  preferLocal?: boolean;
  /** An API token for --server, overriding the one in the CLI's config file. */
  token: string | undefined;
  /** Folder of the CLI's own settings (config.json with the server and token). */
  cliConfigDir: string;
  /** Whether this server runs the scheduler (digests, webhooks, refreshes); TEND_JOBS=off for web-only instances. */
  jobs?: boolean;
  /** The validated cache of hot reads (src/http/read-cache.ts); TEND_READ_CACHE=off to measure without it. */
  readCache?: boolean;
  /** SQLite's page cache in MiB (TEND_SQLITE_CACHE_MB, default 16); ignored on PostgreSQL. */
  sqliteCacheMb?: number;
  /** Where people reach this Tend (links in feeds and emails); else taken from each request. */
  publicUrl?: string | undefined;
  /** Outgoing mail for digests; undefined: digests are not sent. */
  smtp?: SmtpConfig | undefined;
  /** Scheduled backups (TEND_BACKUP_EVERY, TEND_BACKUP_KEEP, TEND_BACKUP_DIR); see src/jobs/backups.ts. */
  backup?: { every: 'off' | 'hourly' | 'daily' | 'weekly'; keep: number; dir: string };
}

export interface SmtpConfig {
  /** smtp://user:pass@host:port or smtps://…, or the parts below. */
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
}

export interface SecurityConfig {
  signup: 'invite' | 'open';
  sessionIdleMs: number;
  sessionMaxMs: number;
  maxFailedLogins: number;
  lockoutMs: number;
  /** auto: Secure cookies when the request came over https (see trustProxy). */
  secureCookies: 'auto' | 'always' | 'never';
  /** Believe X-Forwarded-For/-Proto from a reverse proxy in front of Tend. */
  trustProxy: boolean;
  /** Sign-in attempts per minute per client address. */
  loginPerMinute: number;
  /** Requests per minute per API token, and failed token checks per minute per address. */
  apiPerMinute: number;
}

/**
 * The only place that reads process.env. Everything else receives a Config,
 * so tests can build one by hand.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? 'environment';
    throw new Error(`Invalid ${where}: ${issue?.message ?? 'bad value'}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.TEND_DATA_DIR);
  return {
    dataDir,
    databaseUrl: e.TEND_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'tend.db')}`,
    port: e.TEND_PORT,
    host: e.TEND_HOST,
    logLevel: e.TEND_LOG_LEVEL,
    serverUrl: e.TEND_SERVER,
    token: e.TEND_TOKEN,
    security: {
      signup: e.TEND_SIGNUP,
      sessionIdleMs: e.TEND_SESSION_IDLE_HOURS * 3600_000,
      sessionMaxMs: e.TEND_SESSION_MAX_DAYS * 24 * 3600_000,
      maxFailedLogins: e.TEND_LOGIN_MAX_FAILURES,
      lockoutMs: e.TEND_LOCKOUT_MINUTES * 60_000,
      secureCookies: e.TEND_SECURE_COOKIES,
      trustProxy: e.TEND_TRUST_PROXY === 'true' || e.TEND_TRUST_PROXY === '1',
      loginPerMinute: e.TEND_RATE_LIMIT_LOGIN,
      apiPerMinute: e.TEND_RATE_LIMIT_API,
    },
    jobs: e.TEND_JOBS === 'on',
    readCache: e.TEND_READ_CACHE === 'on',
    sqliteCacheMb: e.TEND_SQLITE_CACHE_MB,
    backup: {
      every: e.TEND_BACKUP_EVERY,
      keep: e.TEND_BACKUP_KEEP,
      dir: path.resolve(e.TEND_BACKUP_DIR ?? path.join(dataDir, 'backups')),
    },
    publicUrl: e.TEND_PUBLIC_URL?.replace(/\/+$/, ''),
    smtp: smtpFrom(e),
    cliConfigDir: path.resolve(
      e.TEND_CONFIG_DIR ?? path.join(e.XDG_CONFIG_HOME ?? path.join(e.HOME ?? '.', '.config'), 'tend'),
    ),
  };
}

function smtpFrom(e: z.infer<typeof EnvSchema>): SmtpConfig | undefined {
  if (!e.TEND_SMTP_URL && !e.TEND_SMTP_HOST) return undefined;
  const from = e.TEND_SMTP_FROM ?? 'Tend <tend@localhost>';
  if (e.TEND_SMTP_URL) return { url: e.TEND_SMTP_URL, from };
  return {
    host: e.TEND_SMTP_HOST,
    port: e.TEND_SMTP_PORT ?? 587,
    secure: e.TEND_SMTP_SECURE === 'true' || e.TEND_SMTP_SECURE === '1',
    ...(e.TEND_SMTP_USER ? { user: e.TEND_SMTP_USER } : {}),
    ...(e.TEND_SMTP_PASS ? { pass: e.TEND_SMTP_PASS } : {}),
    from,
  };
}
