/*
 * Child processes for the benchmarks: the server under test, the bare baseline
 * and the load generator, each pinned to its own core when `taskset` exists, so
 * the generator does not steal the server's CPU. Server CPU and memory come
 * from /proc.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const TASKSET = hasTaskset() && os.cpus().length > 1;
export const pinning = TASKSET
  ? 'server on core 0, load generator on core 1'
  : 'not pinned (taskset missing or one core)';

/** `cmd args` pinned to `core` when pinning is possible. */
function pinned(core: number, cmd: string, args: string[]): [string, string[]] {
  return TASKSET ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Milliseconds from spawn to the first successful answer of `readyPath`. */
  startMs: number;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering ${url}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

async function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, port: number, readyPath: string) {
  const [c, a] = pinned(0, cmd, args);
  const t0 = performance.now();
  const child = spawn(c, a, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url + readyPath, child, 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr.slice(-2000)}`);
  }
  const startMs = performance.now() - t0;
  return {
    child,
    pid: child.pid as number,
    url,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Tend's built server (`node bin/tend.js serve`) on `databaseUrl`. */
export async function startTend(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  return start(
    process.execPath,
    ['bin/tend.js', 'serve', '--port', String(port)],
    {
      TEND_DATABASE_URL: databaseUrl,
      TEND_LOG_LEVEL: 'silent',
      // The benchmark measures the endpoints, not the per-token rate limiter.
      TEND_RATE_LIMIT_API: '1000000000',
      // …nor the scheduler: started on a 100k network it runs the strength refresh and the
      // other due jobs at once, which took the writer and most of the core for the whole run
      // (point reads 67 req/s, logged interactions 0/s at L). TEND_BENCH_JOBS=on measures that.
      TEND_JOBS: process.env.TEND_BENCH_JOBS === 'on' ? 'on' : 'off',
      NODE_ENV: 'production',
    },
    port,
    '/api/health',
  );
}

export async function startBare(): Promise<Server> {
  const port = await freePort();
  return start(process.execPath, ['bench/servers/bare.mjs'], { PORT: String(port) }, port, '/hello');
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** Resident memory in MB, from /proc/<pid>/status. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** The server's pid under `taskset` is the child's own pid (taskset execs). */
export interface LoadSpec {
  url: string;
  paths?: string[];
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Bodies sent in turn, one per request (instead of `body`). */
  bodies?: string[];
  connections?: number;
  duration?: number;
}

export interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Server CPU used during the run, as a share of one core. */
  serverCpu: number;
}

/** Runs autocannon in a separate, pinned process against `server`. */
export async function load(server: Server, spec: LoadSpec): Promise<LoadResult> {
  const cpu0 = cpuSeconds(server.pid);
  const t0 = performance.now();
  // One argument may hold at most 128 KiB on Linux: a longer spec goes through a file.
  let arg = JSON.stringify(spec);
  let specFile: string | null = null;
  if (arg.length > 64 * 1024) {
    specFile = path.join(os.tmpdir(), `tend-load-${process.pid}-${Date.now()}.json`);
    fs.writeFileSync(specFile, arg);
    arg = `@${specFile}`;
  }
  const [c, a] = pinned(1, process.execPath, ['bench/lib/load-worker.mjs', arg]);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(c, a, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += String(d);
    });
    child.on('exit', (code) => (code === 0 ? resolve(buf) : reject(new Error(`load generator exited with ${code}`))));
  }).finally(() => {
    if (specFile) fs.rmSync(specFile, { force: true });
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = (cpuSeconds(server.pid) - cpu0) / seconds;
  const line = out.trim().split('\n').pop() ?? '{}';
  return { ...(JSON.parse(line) as Omit<LoadResult, 'serverCpu'>), serverCpu: cpu };
}
