import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { upload } from '../support/imports.js';
import {
  type Owner,
  type ProcessDatabase,
  processDatabase,
  setUpOwner,
  startTendProcess,
  type TendProcess,
} from '../support/server-process.js';
import { expectApiError } from './helpers.js';

/*
 * Parts of the server loaded at their first use, not at start (docs/performance.md,
 * "Server memory"): the import pipeline (readers, CSV parser, matcher, writer,
 * undo) and the duplicate finder (libphonenumber). A fresh `tend serve` process
 * must answer their routes on the very first call as it would later.
 */

describe.each(DIALECTS)('routes loaded at first use, on a fresh %s server', (dialect) => {
  let db: ProcessDatabase;
  let server: TendProcess;
  let owner: Owner;
  beforeAll(async () => {
    db = await processDatabase(dialect);
    server = await startTendProcess(db);
    owner = await setUpOwner(server.url);
  }, 180_000);
  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('previews, applies and undoes an import as the first import of the process', async () => {
    const { client } = owner;
    const batch = await client.createImport({
      body: { source: 'csv', mapping: { Name: 'fullName', Email: 'email', Phone: 'phone' } as never },
    });
    await client.uploadImportFile({
      params: { id: batch.id, name: 'people.csv' },
      raw: {
        contentType: 'text/csv',
        body: 'Name,Email,Phone\nAna Ruiz,ana@example.org,+44 20 7946 0001\nAna Ruiz,,+44 20 7946 0001\n',
      },
    });
    const preview = await client.previewImport({ params: { id: batch.id }, body: {} });
    expect(preview.report?.counts).toMatchObject({ rows: 2, created: 1, skipped: 1 });
    const applied = await client.applyImport({ params: { id: batch.id } });
    expect(applied.status).toBe('applied');
    expect((await client.listPeople({ query: {} })).items.map((p) => p.fullName)).toEqual(['Ana Ruiz']);
    const undone = await client.undoImport({ params: { id: batch.id } });
    expect(undone.status).toBe('undone');
    expect((await client.listPeople({ query: {} })).items).toEqual([]);
  });

  it('refuses a bad file with its problem on the first call that reads one', async () => {
    const batch = await upload(owner.client, 'linkedin', ['linkedin-truncated.zip']);
    const problem = await expectApiError(
      owner.client.previewImport({ params: { id: batch.id }, body: {} }),
      400,
      'bad_zip',
    );
    expect(problem.detail?.length).toBeGreaterThan(20);
  });

  it('lists duplicates by phone as the first duplicate search of the process', async () => {
    const { client } = owner;
    await client.createPerson({ body: { fullName: 'Li Wei', phones: [{ value: '+44 20 7946 0958' }] } });
    await client.createPerson({ body: { fullName: 'Li  Wei', phones: [{ value: '+44 (0)20 7946 0958' }] } });
    const found = await client.listDuplicates({ query: {} });
    expect(found.total).toBeGreaterThan(0);
  });
});
