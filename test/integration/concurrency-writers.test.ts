import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedMismatches, withDb } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { recordReliability } from '../support/reliability.js';
import {
  type Owner,
  type ProcessDatabase,
  processDatabase,
  setUpOwner,
  startTendProcess,
  type TendProcess,
} from '../support/server-process.js';

/*
 * Parallel writers over real sockets against two server processes on one
 * database (for SQLite one file, so two processes contend for its write lock;
 * for PostgreSQL two connection pools). Clients alternate between the two.
 *
 * - optimistic concurrency: writers that all read version v and PATCH with
 *   If-Match: "v" — exactly one wins, the others get 412 stale_version;
 *   read-modify-write loops that retry on 412 lose no increment;
 * - interactions logged in parallel for the same people: counts, last contact,
 *   due dates and strength equal a recomputation afterwards;
 * - nothing answers 5xx (no "database is locked", no deadlock reaching a user).
 */

const WRITERS = 20;
const INCREMENTS_PER_WRITER = 3;
const INTERACTIONS_PER_WRITER = 10;

interface Answer {
  status: number;
  etag: string | null;
  body: Record<string, unknown>;
}

describe.each(DIALECTS)(
  'parallel writers on %s (two server processes, one database)',
  { timeout: 600_000 },
  (dialect) => {
    let pdb: ProcessDatabase;
    let servers: TendProcess[] = [];
    let owner: Owner;
    const statuses = new Map<number, number>();

    async function call(i: number, method: string, path: string, body?: unknown, ifMatch?: string): Promise<Answer> {
      const server = servers[i % servers.length] as TendProcess;
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${owner.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(ifMatch ? { 'if-match': ifMatch } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : {} };
    }

    beforeAll(async () => {
      pdb = await processDatabase(dialect);
      // The first one migrates; the second starts on the migrated database.
      servers = [await startTendProcess(pdb)];
      servers.push(await startTendProcess(pdb));
      owner = await setUpOwner(servers[0]?.url as string);
    }, 300_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.kill('SIGTERM')));
      await pdb?.drop();
    }, 60_000);

    it(`lets exactly one of ${WRITERS} writers holding the same version win; the others get 412`, async () => {
      const created = await call(0, 'POST', '/api/v1/people', { fullName: 'Contended Person' });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const read = await call(1, 'GET', `/api/v1/people/${id}`);
      expect(read.etag).toBe('"1"');
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          call(i, 'PATCH', `/api/v1/people/${id}`, { notes: `writer ${i}` }, read.etag as string),
        ),
      );
      const won = answers.filter((a) => a.status === 200);
      const stale = answers.filter((a) => a.status === 412);
      expect(won.length).toBe(1);
      expect(stale.length).toBe(WRITERS - 1);
      expect(stale.every((a) => a.body.code === 'stale_version')).toBe(true);
      expect(won[0]?.etag).toBe('"2"');
      const after = await call(0, 'GET', `/api/v1/people/${id}`);
      expect(after.body.notes).toBe(won[0]?.body.notes);

      // A delete with a stale If-Match is refused too; with the current one it goes through.
      expect((await call(1, 'DELETE', `/api/v1/people/${id}`, undefined, '"1"')).status).toBe(412);
      expect((await call(0, 'DELETE', `/api/v1/people/${id}`, undefined, after.etag as string)).status).toBe(204);

      recordReliability({
        id: `concurrency-if-match-${dialect}`,
        area: 'concurrency',
        test: `Writers racing on one version with If-Match (${dialect}, 2 processes)`,
        tried: `${WRITERS} parallel PATCHes of one person, all with If-Match of the same version, over 2 server processes; a DELETE with a stale If-Match`,
        result: `1 × 200, ${stale.length} × 412 stale_version, 0 × 5xx; stale DELETE 412`,
        ok: true,
      });
    });

    it(`loses no update when ${WRITERS} writers each add ${INCREMENTS_PER_WRITER} to a counter, retrying on 412`, async () => {
      const created = await call(0, 'POST', '/api/v1/people', { fullName: 'Counter Person', notes: '0' });
      const id = created.body.id as string;
      let conflicts = 0;
      let attempts = 0;
      const versionsWon: string[] = [];
      const writer = async (w: number) => {
        for (let done = 0; done < INCREMENTS_PER_WRITER; ) {
          const read = await call(w, 'GET', `/api/v1/people/${id}`);
          const n = Number(read.body.notes);
          attempts++;
          const res = await call(w + 1, 'PATCH', `/api/v1/people/${id}`, { notes: String(n + 1) }, read.etag as string);
          if (res.status === 412) {
            conflicts++;
            continue;
          }
          expect(res.status).toBe(200);
          versionsWon.push(res.etag as string);
          done++;
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      const total = WRITERS * INCREMENTS_PER_WRITER;
      const final = await call(0, 'GET', `/api/v1/people/${id}`);
      expect(final.body.notes).toBe(String(total));
      expect(final.body.version).toBe(total + 1);
      expect(new Set(versionsWon).size).toBe(total);

      recordReliability({
        id: `concurrency-lost-updates-${dialect}`,
        area: 'concurrency',
        test: `Read-modify-write counter with If-Match and retry (${dialect}, 2 processes)`,
        tried: `${WRITERS} writers × ${INCREMENTS_PER_WRITER} increments of one person's notes (${attempts} PATCH attempts) over 2 server processes`,
        result: `counter ${final.body.notes} of ${total} (0 lost updates), ${conflicts} × 412 retried, version ${final.body.version}, 0 × 5xx`,
        ok: true,
      });
    });

    it(`keeps counts and due dates right with ${WRITERS} writers logging interactions for the same people`, async () => {
      const people: string[] = [];
      for (const name of ['Busy Ana', 'Busy Ken', 'Busy Mia']) {
        people.push((await call(0, 'POST', '/api/v1/people', { fullName: name, circle: 'close' })).body.id as string);
      }
      const expected = new Map(people.map((p) => [p, 0]));
      const failures: number[] = [];
      const writer = async (w: number) => {
        for (let i = 0; i < INTERACTIONS_PER_WRITER; i++) {
          // Each interaction has one to three of the people, in varying order.
          const with_ = people.filter((_, j) => (w + i + j) % 3 !== 0 || j === (w + i) % 3);
          const ordered = (w + i) % 2 ? with_ : [...with_].reverse();
          const res = await call(w, 'POST', '/api/v1/interactions', {
            kind: i % 2 ? 'call' : 'meeting',
            summary: `w${w} i${i}`,
            occurredAt: new Date(Date.UTC(2026, 9, 1 + (i % 28), w % 24, i)).toISOString(),
            participantIds: ordered,
          });
          if (res.status !== 201) failures.push(res.status);
          else for (const p of ordered) expected.set(p, (expected.get(p) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      expect(failures).toEqual([]);
      for (const p of people) {
        const got = await call(1, 'GET', `/api/v1/people/${p}`);
        expect(got.body.interactionCount).toBe(expected.get(p));
      }
      const mismatches = await withDb(pdb.url, (db) => derivedMismatches(db));
      expect(mismatches).toEqual([]);
      const serverErrors = [...statuses].filter(([s]) => s >= 500);
      expect(serverErrors).toEqual([]);

      const total = WRITERS * INTERACTIONS_PER_WRITER;
      recordReliability({
        id: `concurrency-interactions-${dialect}`,
        area: 'concurrency',
        test: `Parallel interaction logging for the same people (${dialect}, 2 processes)`,
        tried: `${WRITERS} writers × ${INTERACTIONS_PER_WRITER} interactions (${total}) sharing 3 people in varying order, over 2 server processes`,
        result: `${total - failures.length} of ${total} logged, counts ${[...expected.values()].join('/')} exact; due dates, strength, weekly counts, search text = recomputation; ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(', ')} over the file, 0 × 5xx`,
        ok: true,
      });
    });
  },
);
