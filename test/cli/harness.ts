import os from 'node:os';
import path from 'node:path';
import { type Config, DEFAULT_SECURITY } from '../../src/config.js';
import type { Client } from '../../src/contract/client.js';
import { type CliDeps, run } from '../../src/cli/program.js';
import type { Dialect } from '../../src/storage/db.js';
import { openTestApp, type TestApp } from '../support/app.js';

/*
 * Runs the CLI in-process, with commander parsing real argv, against a test
 * database of either dialect: the client is injected, so PostgreSQL runs get
 * their own schema without the CLI knowing about schemas.
 */

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Cli {
  run(...args: string[]): Promise<Result>;
  /** Runs and parses stdout as JSON; fails loudly when the command failed. */
  json<T = unknown>(...args: string[]): Promise<T>;
  client: Client;
  close(): Promise<void>;
}

export const testConfig: Config = {
  dataDir: path.join(os.tmpdir(), 'tend-cli-test-unused'),
  databaseUrl: 'sqlite::memory:',
  port: 0,
  host: '127.0.0.1',
  logLevel: 'silent',
  serverUrl: undefined,
  token: undefined,
  security: DEFAULT_SECURITY,
  cliConfigDir: path.join(os.tmpdir(), 'tend-cli-test-config-unused'),
};

export function capture(): { stream: CliDeps['stdout']; text(): string } {
  let buf = '';
  return {
    stream: {
      write: (s: string) => {
        buf += s;
        return true;
      },
      isTTY: false,
    },
    text: () => buf,
  };
}

export async function runWith(args: string[], deps: Omit<CliDeps, 'stdout' | 'stderr'>): Promise<Result> {
  const out = capture();
  const err = capture();
  const code = await run(args, { ...deps, stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

export async function openCli(dialect: Dialect, now?: () => Date): Promise<Cli> {
  const app: TestApp = await openTestApp(dialect);
  const deps: Omit<CliDeps, 'stdout' | 'stderr'> = {
    loadConfig: () => testConfig,
    connect: async () => ({
      client: app.client,
      where: `test ${dialect}`,
      remote: false,
      parallel: dialect === 'postgres',
      close: async () => {},
    }),
    ...(now ? { now } : {}),
  };
  const cli: Cli = {
    run: (...args) => runWith(args, deps),
    async json<T>(...args: string[]) {
      const r = await runWith(args, deps);
      if (r.code !== 0) throw new Error(`tend ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    client: app.client,
    close: () => app.close(),
  };
  return cli;
}
