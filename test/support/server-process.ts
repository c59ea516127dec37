import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Client, createClient, fetchTransport } from '../../src/contract/client.js';
import type { Dialect } from '../../src/storage/db.js';
import { TEST_PG_URL, withDatabase } from './db.js';

/*
 * Tend as a real server process, for the tests that kill it (crash safety),
 * run several of it (many instances) or load it over sockets (soak). The
 * process runs the current source through tsx, so these tests need no build:
 * `node --import tsx src/cli/index.ts serve`, exactly what `tend serve` runs.
 */

const root = path.resolve(import.meta.dirname, '../..');

/** Ports fetch() refuses to connect to (the Fetch standard's "bad ports" near Tend's). */
const FETCH_BAD_PORTS = new Set([4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697]);

/** Ports for the processes: TEND_TEST_PORTS="4190-4199" keeps them in a range, else any free port. */
let nextInRange = 0;
export async function testPort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.TEND_TEST_PORTS ?? '');
  if (!range) return anyFreePort();
  const lo = Number(range[1]);
  const hi = Number(range[2]);
  for (let i = 0; i <= hi - lo; i++) {
    // Advanced before the check, so calls made at the same time get different ports.
    const port = lo + (nextInRange++ % (hi - lo + 1));
    if (FETCH_BAD_PORTS.has(port)) continue;
    if (await isFree(port)) return port;
  }
  throw new Error(`No free port in ${lo}-${hi}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface ProcessDatabase {
  dialect: Dialect;
  /** TEND_DATABASE_URL for the server processes (a file for SQLite, never :memory:). */
  url: string;
  /** A folder for the processes' data (TEND_DATA_DIR). */
  dataDir: string;
  drop(): Promise<void>;
}

async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** An empty database that server processes migrate on start: a SQLite file, or a new PostgreSQL database. */
export async function processDatabase(dialect: Dialect): Promise<ProcessDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-proc-'));
  if (dialect === 'sqlite') {
    return {
      dialect,
      url: `sqlite:${path.join(dataDir, 'tend.db')}`,
      dataDir,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `tend_p_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await pgAdmin(`create database "${name}"`);
  return {
    dialect,
    url: withDatabase(TEST_PG_URL, name),
    dataDir,
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      for (let attempt = 0; ; attempt++) {
        try {
          await pgAdmin(`drop database if exists "${name}"`);
          return;
        } catch (err) {
          if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
  };
}

export interface TendProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** The last lines the process wrote, for failure messages. */
  output(): string;
  /** Sends a signal and waits for the process to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  /** Extra environment, e.g. { TEND_JOBS: 'on' }. Jobs are off unless asked for. */
  env?: Record<string, string>;
  port?: number;
}

/** Starts `tend serve` on `db` and waits until /api/health answers. */
export async function startTendProcess(db: ProcessDatabase, opts: StartOptions = {}): Promise<TendProcess> {
  const port = opts.port ?? (await testPort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEND_DATABASE_URL: db.url,
    TEND_DATA_DIR: db.dataDir,
    TEND_LOG_LEVEL: 'warn',
    TEND_JOBS: 'off',
    // The tests measure correctness under load, not the limiter (brute-force.test.ts tests it).
    TEND_RATE_LIMIT_API: '1000000000',
    TEND_RATE_LIMIT_LOGIN: '1000000',
    NO_COLOR: '1',
    ...opts.env,
  };
  delete env.TEND_SERVER;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src/cli/index.ts'), 'serve', '--port', String(port), '--host', '127.0.0.1'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + String(d)).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`tend serve exited (${child.exitCode ?? child.signalCode}) before answering:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`tend serve did not answer on ${url} within 120 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid as number,
    child,
    output: () => out,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const PROCESS_PASSWORD = 'correct horse battery staple';

export interface Owner {
  email: string;
  password: string;
  /** A read-write API token. */
  token: string;
  /** A typed client with the token against `url`. */
  client: Client;
}

/** Cookies of a fetch response, as "name=value; name2=value2", and the CSRF cookie's value. */
export function cookiesOf(res: Response): { cookie: string; csrf: string | undefined } {
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  const csrf = pairs.find((p) => p.startsWith('tend_csrf='))?.slice('tend_csrf='.length);
  return { cookie: pairs.join('; '), csrf: csrf ? decodeURIComponent(csrf) : undefined };
}

/** Creates the owner account on a fresh server and an API token for them. */
export async function setUpOwner(url: string, email = 'owner@reliability.example'): Promise<Owner> {
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PROCESS_PASSWORD, displayName: 'Owner' }),
  });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const { cookie, csrf } = cookiesOf(setup);
  const made = await fetch(`${url}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf ?? '' },
    body: JSON.stringify({ name: 'reliability', scope: 'write' }),
  });
  if (made.status !== 201) throw new Error(`token answered ${made.status}: ${await made.text()}`);
  const { token } = (await made.json()) as { token: string };
  return { email, password: PROCESS_PASSWORD, token, client: clientFor(url, token) };
}

export function clientFor(url: string, token: string): Client {
  return createClient(fetchTransport(url, { headers: { authorization: `Bearer ${token}` } }));
}

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}
