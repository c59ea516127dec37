import fs from 'node:fs';

/*
 * A bounded soak: `connections` clients, each a loop of keep-alive requests
 * one after another, for `seconds`, against a running Tend server:
 *
 *   35 %  read one person (GET /people/:id)
 *   20 %  list people (GET /people?limit=50)
 *   20 %  search people (GET /people?q=<a name fragment>)
 *   10 %  add a person (POST /people, with an email and a tag)
 *   10 %  change a person this client added (PATCH with If-Match: its own, so never stale)
 *    5 %  log an interaction with one of the seeded people
 *
 * Every answer that is not the expected 2xx, and every failed connection, is an
 * error. The server's resident memory is sampled every second from /proc; the
 * first `warmupSeconds` are warm-up (JIT, caches, pools filling, V8 sizing its
 * heap) and the bound applies to growth past the high-water mark they reach.
 */

/** The stated memory bound: resident memory may grow less than this after warm-up. */
export const RSS_BOUND_MB = 50;

export interface SoakOptions {
  url: string;
  token: string;
  /** The server's pid, for /proc memory samples. */
  pid: number;
  seconds: number;
  connections: number;
  warmupSeconds: number;
  /** People made before the run, for reads and interactions. */
  seedPeople: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  seconds: number;
  connections: number;
  requests: number;
  errors: number;
  /** The first few error descriptions. */
  errorSamples: string[];
  byKind: Record<string, { n: number; p50: number; p99: number }>;
  p50: number;
  p99: number;
  rps: number;
  /** MB. afterWarmup: highest sample in the warm-up and the quarter after it; growthAfterWarmup: median of the last quarter minus that. */
  rss: { start: number; afterWarmup: number; end: number; max: number; growthAfterWarmup: number };
}

const NAMES = ['Ana', 'Ken', 'Mia', 'Raj', 'Lea', 'Tom', 'Zoe', 'Ivo', 'Noa', 'Eli', 'Sam', 'Ada'];
const FAMILY = ['Ruiz', 'Adams', 'Okafor', 'Patel', 'Berg', 'Silva', 'Novak', 'Kim', 'Haddad', 'Moreau'];

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function seedForSoak(url: string, token: string, people: number): Promise<string[]> {
  const ids: string[] = [];
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const workers = 8;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = w; i < people; i += workers) {
        const res = await fetch(`${url}/api/v1/people`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            fullName: `${NAMES[i % NAMES.length]} ${FAMILY[(i * 7) % FAMILY.length]} ${i}`,
            emails: [{ value: `seed${i}@soak.example` }],
            circle: i % 5 === 0 ? 'close' : 'wider',
          }),
        });
        if (res.status !== 201) throw new Error(`seeding answered ${res.status}: ${await res.text()}`);
        ids.push(((await res.json()) as { id: string }).id);
      }
    }),
  );
  return ids;
}

export async function runSoak(o: SoakOptions, seeded: string[]): Promise<SoakResult> {
  const headers = { authorization: `Bearer ${o.token}` };
  const json = { ...headers, 'content-type': 'application/json' };
  const latencies = new Map<string, number[]>();
  const errorSamples: string[] = [];
  let errors = 0;
  let requests = 0;
  const samples: { t: number; rss: number }[] = [];
  const t0 = performance.now();
  const end = t0 + o.seconds * 1000;
  samples.push({ t: 0, rss: rssMb(o.pid) });
  const sampler = setInterval(() => {
    const t = (performance.now() - t0) / 1000;
    samples.push({ t, rss: rssMb(o.pid) });
    if (o.log && Math.round(t) % Number(process.env.SOAK_LOG_EVERY ?? 30) === 0)
      o.log(`  ${Math.round(t)} s: ${requests} requests, ${errors} errors, RSS ${round(rssMb(o.pid))} MB`);
  }, 1000);

  async function one(kind: string, expect: number, path: string, init: RequestInit = {}): Promise<Response | null> {
    const start = performance.now();
    requests++;
    try {
      const res = await fetch(`${o.url}${path}`, init);
      if (res.status !== expect) {
        errors++;
        if (errorSamples.length < 10) errorSamples.push(`${kind} ${res.status}: ${(await res.text()).slice(0, 200)}`);
        else await res.arrayBuffer();
        return null;
      }
      const list = latencies.get(kind) ?? [];
      list.push(performance.now() - start);
      latencies.set(kind, list);
      return res;
    } catch (err) {
      errors++;
      if (errorSamples.length < 10) errorSamples.push(`${kind}: ${(err as Error).message}`);
      return null;
    }
  }

  async function client(c: number) {
    const mine: { id: string; etag: string }[] = [];
    let seq = 0;
    while (performance.now() < end) {
      const r = (c * 7919 + seq++ * 104729) % 100;
      const someone = seeded[(c * 31 + seq * 17) % seeded.length] as string;
      if (r < 35) {
        const res = await one('read', 200, `/api/v1/people/${someone}`, { headers });
        await res?.arrayBuffer();
      } else if (r < 55) {
        const res = await one('list', 200, '/api/v1/people?limit=50', { headers });
        await res?.arrayBuffer();
      } else if (r < 75) {
        const q = encodeURIComponent((NAMES[seq % NAMES.length] as string).slice(0, 2 + (seq % 2)));
        const res = await one('search', 200, `/api/v1/people?q=${q}&limit=20`, { headers });
        await res?.arrayBuffer();
      } else if (r < 85 || mine.length === 0) {
        const res = await one('create', 201, '/api/v1/people', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            fullName: `Soak ${NAMES[seq % NAMES.length]} ${c}-${seq}`,
            emails: [{ value: `soak-${c}-${seq}@soak.example` }],
            tags: [`soak-${c % 4}`],
          }),
        });
        if (res) {
          const p = (await res.json()) as { id: string };
          mine.push({ id: p.id, etag: res.headers.get('etag') ?? '"1"' });
          if (mine.length > 50) mine.shift();
        }
      } else if (r < 95) {
        const target = mine[seq % mine.length] as { id: string; etag: string };
        const res = await one('update', 200, `/api/v1/people/${target.id}`, {
          method: 'PATCH',
          headers: { ...json, 'if-match': target.etag },
          body: JSON.stringify({ notes: `changed at ${seq}`, location: `City ${seq % 10}` }),
        });
        if (res) {
          target.etag = res.headers.get('etag') ?? target.etag;
          await res.arrayBuffer();
        }
      } else {
        const res = await one('log', 201, '/api/v1/interactions', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ kind: 'call', summary: `soak call ${c}-${seq}`, participantIds: [someone] }),
        });
        await res?.arrayBuffer();
      }
    }
  }

  await Promise.all(Array.from({ length: o.connections }, (_, c) => client(c)));
  clearInterval(sampler);
  const seconds = (performance.now() - t0) / 1000;
  samples.push({ t: seconds, rss: rssMb(o.pid) });

  const all = [...latencies.values()].flat().sort((a, b) => a - b);
  const byKind: SoakResult['byKind'] = {};
  for (const [kind, list] of latencies) {
    list.sort((a, b) => a - b);
    byKind[kind] = { n: list.length, p50: round(quantile(list, 0.5)), p99: round(quantile(list, 0.99)) };
  }
  // Growth after warm-up: the median RSS of the last quarter of the run against the high-water mark
  // of the warm-up and the quarter after it. A garbage-collected heap grows in steps while V8 sizes
  // its spaces to the load (how far depends on how fast the machine drives it), then saw-tooths
  // under that mark; a leak keeps raising every late sample above it. The median of the last
  // quarter, so one collection at the edge neither reads as growth nor hides it.
  const late = samples.filter((x) => x.t >= o.warmupSeconds);
  const q = Math.max(1, Math.floor(late.length / 4));
  const median = (xs: { rss: number }[]) => {
    const sorted = xs.map((x) => x.rss).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const early = [...samples.filter((x) => x.t < o.warmupSeconds), ...late.slice(0, q)];
  const afterWarmup = Math.max(...early.map((x) => x.rss));
  const lastQuarter = median(late.slice(-q));
  const max = Math.max(...samples.map((x) => x.rss));
  const endRss = (samples.at(-1) as { rss: number }).rss;
  return {
    seconds: round(seconds),
    connections: o.connections,
    requests,
    errors,
    errorSamples,
    byKind,
    p50: round(quantile(all, 0.5)),
    p99: round(quantile(all, 0.99)),
    rps: round(requests / seconds),
    rss: {
      start: round((samples[0] as { rss: number }).rss),
      afterWarmup: round(afterWarmup),
      end: round(endRss),
      max: round(max),
      growthAfterWarmup: round(lastQuarter - afterWarmup),
    },
  };
}

/** One line for a table: what was tried and what came out. */
export function describeSoak(r: SoakResult): { tried: string; result: string } {
  return {
    tried: `${r.connections} connections for ${r.seconds} s: 35 % reads, 20 % lists, 20 % searches, 25 % writes (create, PATCH with If-Match, log)`,
    result: `${r.requests.toLocaleString('en')} requests (${r.rps}/s), ${r.errors} errors, p50 ${r.p50} ms, p99 ${r.p99} ms; RSS ${r.rss.start} → ${r.rss.end} MB (max ${r.rss.max}; ${r.rss.growthAfterWarmup >= 0 ? '+' : ''}${r.rss.growthAfterWarmup} MB after warm-up: median of the last quarter vs the warm-up high-water mark)`,
  };
}
