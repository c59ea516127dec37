import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/contract/client.js';
import { CHUNK_ROWS } from '../../src/import/engine.js';
import { DERIVED_CHECKS, derivedMismatches, withDb } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { recordReliability } from '../support/reliability.js';
import {
  clientFor,
  type Owner,
  type ProcessDatabase,
  processDatabase,
  setUpOwner,
  startTendProcess,
  type TendProcess,
} from '../support/server-process.js';

/*
 * Crash safety: the server process is killed with SIGKILL (no shutdown, no
 * flush, as a power cut or the OOM killer would) in the middle of a large
 * import and of a burst of writes, started again on the same database, and the
 * database is checked:
 *
 * - an import commits in chunks of CHUNK_ROWS rows, each in one transaction
 *   with the batch's processed_rows: after the kill exactly the first m whole
 *   chunks are there (m × CHUNK_ROWS people, processed_rows = that number),
 *   the batch reads as failed (interrupted) and undoing it removes them all;
 * - every write that was answered 2xx is there, whole (the person with their
 *   email and tag, the interaction with its participant);
 * - derived data (counts, due dates, strength, search text) equals a
 *   recomputation from the rows.
 */

const IMPORT_ROWS = 20_000;
const BURST_CLIENTS = 5;
const BURST_PER_CLIENT = 100;

function connectionsCsv(rows: number): string {
  const lines = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(5, '0');
    lines.push(
      `Crash,Row${n},https://www.linkedin.com/in/crash-row-${n},row${n}@crash.example,Crashco ${i % 40},Engineer,15 Mar 2021`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('crash safety on %s', { timeout: 900_000 }, (dialect) => {
  let pdb: ProcessDatabase;
  let server: TendProcess;
  let owner: Owner;
  let client: Client;

  const restart = async () => {
    await server.kill('SIGKILL');
    server = await startTendProcess(pdb);
    client = clientFor(server.url, owner.token);
  };

  beforeAll(async () => {
    pdb = await processDatabase(dialect);
    server = await startTendProcess(pdb);
    owner = await setUpOwner(server.url);
    client = owner.client;
  }, 300_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await pdb?.drop();
  }, 60_000);

  it(`keeps whole chunks of a ${IMPORT_ROWS}-row import killed mid-way, and reports it interrupted`, async () => {
    const batch = await client.createImport({ body: { source: 'linkedin' } });
    await client.uploadImportFile({
      params: { id: batch.id, name: 'Connections.csv' },
      raw: { contentType: 'text/csv', body: connectionsCsv(IMPORT_ROWS) },
    });
    const preview = await client.previewImport({ params: { id: batch.id }, body: {} });
    expect(preview.report?.counts.created).toBe(IMPORT_ROWS);

    // Apply, and kill the server once a few chunks are committed.
    const applying = client.applyImport({ params: { id: batch.id } }).then(
      () => 'finished',
      () => 'cut off',
    );
    let seenAtKill = 0;
    for (;;) {
      const b = await client.getImport({ params: { id: batch.id } });
      // The apply request may not have claimed the batch yet (a loaded machine).
      if (b.status === 'previewed') {
        await sleep(20);
        continue;
      }
      if (b.status !== 'applying') throw new Error(`the import ended (${b.status}) before it could be killed`);
      if (b.processedRows >= 2 * CHUNK_ROWS) {
        seenAtKill = b.processedRows;
        break;
      }
      await sleep(20);
    }
    await server.kill('SIGKILL');
    expect(await applying).toBe('cut off');
    server = await startTendProcess(pdb);
    client = clientFor(server.url, owner.token);

    // What is in the database: whole chunks, the first m of them, matching processed_rows.
    const state = await withDb(pdb.url, async (db) => {
      const rows = await db.kysely
        .selectFrom('people')
        .select('fullName')
        .where('fullName', 'like', 'Crash Row%')
        .where('deletedAt', 'is', null)
        .execute();
      const emails = await db.kysely
        .selectFrom('contactPoints')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('value', 'like', '%@crash.example')
        .executeTakeFirstOrThrow();
      const changes = await db.kysely
        .selectFrom('importChanges')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('batchId', '=', batch.id)
        .where('entity', '=', 'person')
        .executeTakeFirstOrThrow();
      const b = await db.kysely
        .selectFrom('importBatches')
        .select(['processedRows'])
        .where('id', '=', batch.id)
        .executeTakeFirstOrThrow();
      return {
        indexes: rows.map((r) => Number(r.fullName.slice('Crash Row'.length))).sort((a, b) => a - b),
        emails: Number(emails.n),
        changes: Number(changes.n),
        processed: b.processedRows,
        mismatches: await derivedMismatches(db),
      };
    });
    const m = state.indexes.length;
    expect(m % CHUNK_ROWS).toBe(0);
    expect(m).toBeGreaterThanOrEqual(seenAtKill);
    expect(m).toBeLessThan(IMPORT_ROWS);
    expect(state.indexes).toEqual(Array.from({ length: m }, (_, i) => i));
    expect(state.emails).toBe(m);
    expect(state.changes).toBe(m);
    expect(state.processed).toBe(m);
    expect(state.mismatches).toEqual([]);

    // The batch reads as failed once its heartbeat is old enough, and can be undone.
    let after = await client.getImport({ params: { id: batch.id } });
    const deadline = Date.now() + 90_000;
    while (after.status === 'applying' && Date.now() < deadline) {
      await sleep(500);
      after = await client.getImport({ params: { id: batch.id } });
    }
    expect(after.status).toBe('failed');
    expect(after.error).toContain('Interrupted');
    expect(after.processedRows).toBe(m);
    const undone = await client.undoImport({ params: { id: batch.id } });
    expect(undone.status).toBe('undone');
    const left = await client.listPeople({ query: { q: 'Crash Row', limit: 5 } });
    expect(left.items).toEqual([]);

    recordReliability({
      id: `crash-import-${dialect}`,
      area: 'crash safety',
      test: `SIGKILL during a large import (${dialect})`,
      tried: `${IMPORT_ROWS.toLocaleString('en')}-row LinkedIn CSV through the import API, server killed after ${seenAtKill.toLocaleString('en')} rows were reported, restarted`,
      result: `${m.toLocaleString('en')} people = ${m / CHUNK_ROWS} whole chunks of ${CHUNK_ROWS}, 0 partial chunks; processed_rows ${state.processed}; batch reported failed (interrupted) and undone completely; 0 derived-data mismatches`,
      ok: true,
    });
  });

  it(`keeps every acknowledged write of a burst from ${BURST_CLIENTS} clients killed mid-way`, async () => {
    const anchor = await client.createPerson({ body: { fullName: 'Burst Anchor', circle: 'close' } });
    const acked = { people: [] as { id: string; n: string }[], interactions: [] as string[] };
    let attempted = 0;
    let refused = 0;
    let cut = 0;
    let killing: Promise<void> | null = null;
    const KILL_AFTER = Math.round(BURST_CLIENTS * BURST_PER_CLIENT * 0.4);

    const worker = async (w: number) => {
      for (let i = 0; i < BURST_PER_CLIENT; i++) {
        const n = `${w}-${String(i).padStart(3, '0')}`;
        attempted++;
        try {
          if (i % 4 === 3) {
            const it = await client.createInteraction({
              body: {
                kind: 'call',
                summary: `burst call ${n}`,
                occurredAt: new Date(Date.UTC(2025, 0, 1, 0, w, i)).toISOString(),
                participantIds: [anchor.id],
              },
            });
            acked.interactions.push(it.id);
          } else {
            const p = await client.createPerson({
              body: {
                fullName: `Burst Person ${n}`,
                emails: [{ value: `burst-${n}@crash.example` }],
                tags: ['burst'],
              },
            });
            acked.people.push({ id: p.id, n });
          }
        } catch (err) {
          const status = (err as { status?: number }).status;
          if (status !== undefined) refused++;
          else cut++;
          if (killing) return;
        }
        if (!killing && acked.people.length + acked.interactions.length >= KILL_AFTER) {
          killing = server.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: BURST_CLIENTS }, (_, w) => worker(w)));
    await killing;
    expect(refused).toBe(0);
    expect(killing).not.toBeNull();
    server = await startTendProcess(pdb);
    client = clientFor(server.url, owner.token);

    const found = await withDb(pdb.url, async (db) => {
      const people = await db.kysely
        .selectFrom('people as p')
        .select(['p.id', 'p.fullName'])
        .where('p.fullName', 'like', 'Burst Person%')
        .execute();
      const emails = await db.kysely
        .selectFrom('contactPoints')
        .select(['personId', 'value'])
        .where('value', 'like', 'burst-%@crash.example')
        .execute();
      const tagged = await db.kysely
        .selectFrom('personTags as pt')
        .innerJoin('tags as t', (j) => j.onRef('t.workspaceId', '=', 'pt.workspaceId').onRef('t.id', '=', 'pt.tagId'))
        .select('pt.personId')
        .where('t.name', '=', 'burst')
        .execute();
      const interactions = await db.kysely
        .selectFrom('interactions as i')
        .innerJoin('interactionParticipants as ip', (j) =>
          j.onRef('ip.workspaceId', '=', 'i.workspaceId').onRef('ip.interactionId', '=', 'i.id'),
        )
        .select('i.id')
        .where('ip.personId', '=', anchor.id)
        .execute();
      // As the kill left it: everything exact but the strength of people still queued for the
      // catch-up (the queue is in the table, written with the interactions); then after the
      // catch-up a restarted server runs, everything exact.
      const beforeCatchUp = (await derivedMismatches(db, DERIVED_CHECKS, { catchUp: false })).filter(
        (m) => m.check !== 'strength queued',
      );
      return { people, emails, tagged, interactions, beforeCatchUp, mismatches: await derivedMismatches(db) };
    });
    const presentPeople = new Set(found.people.map((p) => p.id));
    const presentInteractions = new Set(found.interactions.map((i) => i.id));
    const lostPeople = acked.people.filter((p) => !presentPeople.has(p.id));
    const lostInteractions = acked.interactions.filter((id) => !presentInteractions.has(id));
    expect(lostPeople).toEqual([]);
    expect(lostInteractions).toEqual([]);
    // Every person there is whole: the email and the tag came in the same transaction.
    const withEmail = new Set(found.emails.map((e) => e.personId));
    const withTag = new Set(found.tagged.map((t) => t.personId));
    expect(found.people.filter((p) => !withEmail.has(p.id) || !withTag.has(p.id))).toEqual([]);
    expect(found.beforeCatchUp).toEqual([]);
    expect(found.mismatches).toEqual([]);
    const anchorNow = await client.getPerson({ params: { id: anchor.id } });
    expect(anchorNow.interactionCount).toBe(found.interactions.length);
    const writes = acked.people.length + acked.interactions.length;
    const extra = found.people.length + found.interactions.length - writes;

    recordReliability({
      id: `crash-burst-${dialect}`,
      area: 'crash safety',
      test: `SIGKILL during a burst of writes (${dialect})`,
      tried: `${BURST_CLIENTS} clients × up to ${BURST_PER_CLIENT} POSTs (people with email and tag, interactions); killed after ${KILL_AFTER} acknowledgements, ${attempted} sent, ${cut} cut off`,
      result: `${writes} acknowledged writes, 0 lost; ${extra} unacknowledged in-flight writes committed whole; 0 half-written people; 0 derived-data mismatches`,
      ok: true,
    });
  });

  it('starts again cleanly after a kill while idle', async () => {
    await restart();
    expect((await client.listPeople({ query: { limit: 1 } })).items.length).toBe(1);
  });
});
