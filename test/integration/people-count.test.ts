import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/contract/client.js';
import { derivedMismatches } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { importFiles } from '../support/imports.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/*
 * The unfiltered people list reads its total from a counter that triggers on
 * `people` keep (migration 2026-11-26-1000). Every way a person comes and
 * goes must move it: create, trash, restore, merge and its undo, an import
 * and its undo; and one workspace's changes never move another's.
 *
 * The consistency check at the end also caught an import undo that left the
 * weeks of the import's interactions counted when all their participants were
 * people the import had created.
 */

/** The total the first page of the unfiltered list reports (a page shorter than the list). */
async function total(client: Client): Promise<number> {
  const page = await client.listPeople({ query: { limit: 1 } });
  expect(page.items.length).toBeLessThanOrEqual(1);
  return page.total ?? -1;
}

describe.each(DIALECTS)('the live people count on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('follows creates, trash, restore, merges and imports, and stays in its workspace', async () => {
    const { client } = await t.createUser();
    const other = (await t.createUser()).client;
    await other.createPerson({ body: buildPerson({ fullName: 'Someone Else' }) });
    await other.createPerson({ body: buildPerson({ fullName: 'Someone Else Too' }) });

    expect(await total(client)).toBe(0);
    const a = await client.createPerson({ body: buildPerson({ fullName: 'Ada One' }) });
    const b = await client.createPerson({ body: buildPerson({ fullName: 'Ada Two' }) });
    const c = await client.createPerson({ body: buildPerson({ fullName: 'Cy Three' }) });
    expect(await total(client)).toBe(3);

    await client.deletePerson({ params: { id: c.id } });
    expect(await total(client)).toBe(2);
    // Trashing what is already in the trash changes nothing.
    expect((await client.listPeople({ query: { deleted: 'only' } })).items.map((p) => p.id)).toEqual([c.id]);
    await client.restorePerson({ params: { id: c.id } });
    expect(await total(client)).toBe(3);

    const merged = await client.mergePeople({ body: { survivorId: a.id, mergedId: b.id } });
    expect(await total(client)).toBe(2);
    await client.undoMerge({ params: { id: merged.merge?.id ?? '' } });
    expect(await total(client)).toBe(3);

    const { applied } = await importFiles(client, 'linkedin', ['linkedin-export.zip']);
    const created = applied.report?.counts.created ?? 0;
    expect(created).toBeGreaterThan(0);
    expect(await total(client)).toBe(3 + created);
    await client.undoImport({ params: { id: applied.id } });
    expect(await total(client)).toBe(3);

    // The other workspace kept its own count throughout.
    expect(await total(other)).toBe(2);
    expect(await derivedMismatches(t.db)).toEqual([]);
  });
});
