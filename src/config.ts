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
});

export type LogLevel = z.infer<typeof LogLevel>;

export interface Config {
  dataDir: string;
  databaseUrl: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** A Tend server the CLI talks to instead of opening the local database. */
  serverUrl: string | undefined;
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
  };
}
