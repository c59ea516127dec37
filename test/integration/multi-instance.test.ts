import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { startReceiver } from '../support/receiver.js';
import { recordReliability } from '../support/reliability.js';
import {
  clientFor,
  cookiesOf,
  type Owner,
  PROCESS_PASSWORD,
  type ProcessDatabase,
  processDatabase,
  setUpOwner,
  startTendProcess,
  type TendProcess,
  testPort,
} from '../support/server-process.js';

/*
 * Many instances: two `tend serve` processes on one database behind a
 * round-robin balancer, both running the scheduler (TEND_JOBS=on).
 *
 * - a session made on one instance works on the other (sessions live in the
 *   database), and signing out on one ends it on both;
 * - writes through the balancer from many clients are all there, whichever
 *   instance took them;
 * - a job due when both start runs once; a webhook delivery is sent once; after
 *   one instance is killed the other delivers what was queued on it.
 *
 * PostgreSQL is the supported way to run several instances. On SQLite the same
 * test runs two processes on one file: Tend's claims are conditional UPDATEs
 * serialised by SQLite's write lock, so they hold there too.
 */

const CLIENTS = 10;
const WRITES_PER_CLIENT = 20;

/** A round-robin HTTP balancer over `backends`; counts what each one served. */
async function startBalancer(backends: () => TendProcess[]) {
  const served = new Map<number, number>();
  let next = 0;
  const server = http.createServer((req, res) => {
    const live = backends();
    const target = live[next++ % live.length] as TendProcess;
    served.set(target.port, (served.get(target.port) ?? 0) + 1);
    const upstream = http.request(
      { host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  const port = await testPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('two instances on one %s database behind a balancer', { timeout: 600_000 }, (dialect) => {
  let pdb: ProcessDatabase;
  let a: TendProcess;
  let b: TendProcess;
  let live: TendProcess[] = [];
  let lb: Awaited<ReturnType<typeof startBalancer>>;
  let owner: Owner;

  beforeAll(async () => {
    pdb = await processDatabase(dialect);
    // Start them together, as a deploy does: both migrate (the migrator locks) and both tick at start.
    // Each with its own temporary folder, as on two machines (uploads wait there).
    const tmp = (name: string) => {
      const dir = path.join(pdb.dataDir, name);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    };
    [a, b] = (await Promise.all([
      startTendProcess(pdb, { env: { TEND_JOBS: 'on', TMPDIR: tmp('tmp-a') } }),
      startTendProcess(pdb, { env: { TEND_JOBS: 'on', TMPDIR: tmp('tmp-b') } }),
    ])) as [TendProcess, TendProcess];
    live = [a, b];
    lb = await startBalancer(() => live);
    owner = await setUpOwner(lb.url);
  }, 300_000);
  afterAll(async () => {
    await lb?.close();
    await Promise.all([a, b].map((s) => s?.kill('SIGTERM')));
    await pdb?.drop();
  }, 60_000);

  it('keeps a session made on one instance working on the other, and ends it on both', async () => {
    const login = await fetch(`${a.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: PROCESS_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { cookie, csrf } = cookiesOf(login);
    const status = await fetch(`${b.url}/api/v1/auth/status`, { headers: { cookie } });
    expect(((await status.json()) as { user: { email: string } | null }).user?.email).toBe(owner.email);
    const write = await fetch(`${b.url}/api/v1/people`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf ?? '', 'content-type': 'application/json' },
      body: JSON.stringify({ fullName: 'Session Crosser' }),
    });
    expect(write.status).toBe(201);
    const out = await fetch(`${b.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf ?? '' },
    });
    expect(out.status).toBe(204);
    const afterOut = await fetch(`${a.url}/api/v1/people`, { headers: { cookie } });
    expect(afterOut.status).toBe(401);

    recordReliability({
      id: `instances-sessions-${dialect}`,
      area: 'many instances',
      test: `Sessions across two instances (${dialect})`,
      tried: 'sign in on instance A; read, write (cookie + CSRF) and sign out on instance B; use the cookie on A again',
      result: 'session valid on B, write 201 on B, signed out on B → 401 on A',
      ok: true,
    });
  });

  it(`keeps every write of ${CLIENTS} clients through the balancer, whichever instance took it`, async () => {
    lb.served.clear();
    const statuses = new Map<number, number>();
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; i < WRITES_PER_CLIENT; i++) {
          const res = await fetch(`${lb.url}/api/v1/people`, {
            method: 'POST',
            headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ fullName: `Balanced ${c}-${i}`, tags: ['balanced'] }),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) ids.push(((await res.json()) as { id: string }).id);
          else await res.text();
        }
      }),
    );
    const total = CLIENTS * WRITES_PER_CLIENT;
    expect(statuses.get(201)).toBe(total);
    expect([...lb.served.values()].every((n) => n >= total / 4)).toBe(true);
    for (const server of [a, b]) {
      const tags = await clientFor(server.url, owner.token).listTags({});
      expect(tags.items.find((t) => t.name === 'balanced')?.peopleCount).toBe(total);
    }
    const stored = await withDb(pdb.url, (db) =>
      db.kysely.selectFrom('people').select('id').where('fullName', 'like', 'Balanced %').execute(),
    );
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(ids));

    recordReliability({
      id: `instances-writes-${dialect}`,
      area: 'many instances',
      test: `Writes through a balancer over two instances (${dialect})`,
      tried: `${CLIENTS} clients × ${WRITES_PER_CLIENT} POSTs (${total}) with a shared new tag through a round-robin balancer`,
      result: `${total} × 201 (A served ${lb.served.get(a.port) ?? 0}, B ${lb.served.get(b.port) ?? 0}); ${stored.length} rows, tag count ${total} on both instances`,
      ok: true,
    });
  });

  it('says plainly when an import’s upload is on the other instance (uploads stay on the receiving disk)', async () => {
    const onA = clientFor(a.url, owner.token);
    const onB = clientFor(b.url, owner.token);
    const batch = await onA.createImport({ body: { source: 'csv' } });
    await onA.uploadImportFile({
      params: { id: batch.id, name: 'people.csv' },
      raw: { contentType: 'text/csv', body: 'Name,Email\nUp Loaded,up@loaded.example\n' },
    });
    const elsewhere = await onB.previewImport({ params: { id: batch.id }, body: {} }).catch((e: unknown) => e);
    expect(elsewhere).toMatchObject({ status: 409, problem: { code: 'upload_elsewhere' } });
    const here = await onA.previewImport({ params: { id: batch.id }, body: {} });
    expect(here.batch.status).toBe('previewed');

    recordReliability({
      id: `instances-uploads-${dialect}`,
      area: 'many instances',
      test: `An import's upload on another instance (${dialect})`,
      tried: 'upload a CSV to instance A (its own temporary folder), preview it through instance B, then through A',
      result: 'B: 409 upload_elsewhere (no 500, nothing written); A: previewed',
      ok: true,
    });
  });

  it('runs a job due at start once, sends a webhook once, and lets the survivor deliver after a kill', async () => {
    const jobs = await withDb(pdb.url, (db) =>
      db.kysely.selectFrom('scheduledJobs').select(['name', 'runs', 'leaseOwner']).execute(),
    );
    const strength = jobs.find((j) => j.name === 'strength-refresh');
    // Due at start on both instances, due again only an hour later: once.
    expect(strength?.runs).toBe(1);

    const rx = await startReceiver();
    try {
      await owner.client.createWebhook({ body: { url: rx.url, events: ['person.created'] } });
      const deliveredFor = (name: string) =>
        rx.received.filter((r) => (JSON.parse(r.body) as { data?: { fullName?: string } }).data?.fullName === name)
          .length;
      const waitFor = async (name: string) => {
        const deadline = Date.now() + 150_000;
        while (deliveredFor(name) === 0 && Date.now() < deadline) await sleep(250);
        // Give a second sender (there must be none) time to send it again.
        await sleep(2_000);
        return deliveredFor(name);
      };

      await clientFor(a.url, owner.token).createPerson({ body: { fullName: 'Hooked Once' } });
      expect(await waitFor('Hooked Once')).toBe(1);

      // Queue one on A and kill A at once: B's scheduler must send it.
      await clientFor(a.url, owner.token).createPerson({ body: { fullName: 'Hooked After Kill' } });
      await a.kill('SIGKILL');
      live = [b];
      const t0 = Date.now();
      expect(await waitFor('Hooked After Kill')).toBe(1);
      const tookOverMs = Date.now() - t0;
      const deliveries = await owner.client.listWebhookDeliveries({ query: { status: 'delivered' } });
      expect(deliveries.items.length).toBe(2);

      recordReliability({
        id: `instances-jobs-${dialect}`,
        area: 'many instances',
        test: `Scheduled jobs on two instances (${dialect})`,
        tried: `both instances with TEND_JOBS=on started together; 2 webhook events queued on A, A killed with SIGKILL after the second`,
        result: `strength-refresh ran 1× (due at start on both); each webhook delivered exactly 1×; B delivered A's queued event ${Math.round(tookOverMs / 1000)} s after the kill`,
        ok: true,
      });
    } finally {
      await rx.close();
    }
  });
});
