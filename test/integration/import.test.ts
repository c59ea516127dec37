import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/contract/client.js';
import type { Person } from '../../src/contract/people.js';
import { derivedMismatches } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { importFiles, upload } from '../support/imports.js';
import { type WatchedApp, expectApiError, openWatchedApp, snapshot } from './helpers.js';

/*
 * Imports through the API on both databases, on the fixture files in
 * test/fixtures/import: preview counts, apply, re-import (updates, never
 * duplicates; a changed role becomes an achievement), undo, and bad files.
 * Each scenario runs in a fresh user's own workspace.
 */

async function everyone(client: Client): Promise<Person[]> {
  const list = await client.listPeople({ query: { limit: 500 } });
  return Promise.all(list.items.map((p) => client.getPerson({ params: { id: p.id } })));
}

function byName(people: Person[], name: string): Person {
  const p = people.find((x) => x.fullName === name);
  if (!p) throw new Error(`${name} not found among ${people.map((x) => x.fullName).join(', ')}`);
  return p;
}

describe.each(DIALECTS)('imports on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });
  const fresh = async () => (await t.createUser()).client;

  it('previews a LinkedIn Connections.csv with its preamble, BOM, quoted commas, hidden profile and bad date', async () => {
    const client = await fresh();
    const batch = await upload(client, 'linkedin', ['linkedin-connections-preamble.csv']);
    const preview = await client.previewImport({ params: { id: batch.id }, body: {} });
    expect(preview.report?.counts).toMatchObject({ rows: 7, created: 5, updated: 0, errors: 1, skipped: 1 });
    expect(preview.report?.errors).toEqual([
      { file: 'linkedin-connections-preamble.csv', line: 11, message: '"31 Foo 2021" is not a date (Connected On)' },
    ]);
    expect(preview.report?.skipped[0]).toMatchObject({ line: 8, message: expect.stringContaining('hidden profile') });
    expect(preview.report?.sample.map((s) => s.fullName)).toContain('Raj Patel');
    expect(preview.batch.status).toBe('previewed');
    // A preview writes no people.
    expect((await client.listPeople({ query: {} })).items).toEqual([]);
  });

  it('applies the LinkedIn export zip: people, how we met, invitations, messages and last contact', async () => {
    const client = await fresh();
    const { preview, applied } = await importFiles(client, 'linkedin', ['linkedin-export.zip']);
    expect(preview.report?.counts).toMatchObject({ created: 5, errors: 2, interactions: 3 });
    expect(applied.status).toBe('applied');
    expect(applied.report?.counts).toEqual(preview.report?.counts);
    expect(applied.processedRows).toBe(applied.totalRows);
    const people = await everyone(client);
    expect(people.map((p) => p.fullName).sort()).toEqual([
      'Ana Ruiz',
      'Chloé Dubois',
      'Li Wei',
      'Raj Patel',
      "Sam O'Neil",
    ]);
    const raj = byName(people, 'Raj Patel');
    expect(raj.organisation?.name).toBe('Globex, Inc.');
    expect(raj.roleTitle).toBe('Head of Data, EMEA');
    expect(raj.howWeMet).toMatchObject({
      channel: 'linkedin',
      platform: 'LinkedIn',
      date: '2022-01-02',
      context: 'They invited me on LinkedIn',
    });
    const ana = byName(people, 'Ana Ruiz');
    expect(ana.howWeMet.context).toContain('Loved your talk at RustConf');
    expect(ana.links).toEqual([{ url: 'https://www.linkedin.com/in/ana-ruiz', label: 'LinkedIn' }]);
    expect(ana.emails[0]?.value).toBe('ana@example.com');
    // Two conversation-days with Ana, one with Raj; nobody for the stranger.
    expect(ana.interactionCount).toBe(2);
    expect(ana.lastInteractionAt).toBe('2024-06-10T08:00:00.000Z');
    expect(raj.interactionCount).toBe(1);
    const timeline = await client.listInteractions({ query: { personId: ana.id } });
    expect(timeline.items[0]).toMatchObject({ kind: 'message', channel: 'online', platform: 'LinkedIn' });
    // People and message interactions are indexed from the values written: exactly a rebuild's index.
    expect(await derivedMismatches(t.db)).toEqual([]);
  });

  it('re-imports a newer export as updates, keeps Tend-only fields, and turns a new role into an achievement and a nudge', async () => {
    const client = await fresh();
    await importFiles(client, 'linkedin', ['linkedin-connections-preamble.csv', 'linkedin-messages.csv']);
    const before = await everyone(client);
    const ana0 = byName(before, 'Ana Ruiz');
    await client.updatePerson({
      params: { id: ana0.id },
      body: { version: ana0.version, notes: 'Loves climbing', circle: 'close', tags: ['rust'] },
    });
    const again = await importFiles(client, 'linkedin', ['linkedin-connections-preamble.csv', 'linkedin-messages.csv']);
    expect(again.preview.report?.counts).toMatchObject({ created: 0, updated: 0, unchanged: 8, interactions: 0 }); // 5 people, 3 conversation-days

    const { preview } = await importFiles(client, 'linkedin', ['linkedin-connections-newer.csv']);
    expect(preview.report?.counts).toMatchObject({ created: 1, updated: 1, unchanged: 4, achievements: 1 });
    const after = await everyone(client);
    expect(after).toHaveLength(6);
    const ana = byName(after, 'Ana Ruiz');
    expect(ana).toMatchObject({
      roleTitle: 'Principal Engineer',
      notes: 'Loves climbing',
      circle: 'close',
      tags: ['rust'],
    });
    expect(ana.organisation?.name).toBe('Hooli');
    expect(ana.roles.map((r) => [r.title, r.organisation?.name, r.endedOn === null])).toEqual([
      ['Principal Engineer', 'Hooli', true],
      ['Staff Engineer', 'Acme', false],
    ]);
    const achievements = await client.listPersonAchievements({ params: { id: ana.id } });
    expect(achievements.items).toEqual([
      expect.objectContaining({ kind: 'new_role', title: 'Principal Engineer at Hooli', congratulatedAt: null }),
    ]);
    const today = await client.getToday({ query: {} });
    expect(JSON.stringify(today)).toContain('Principal Engineer at Hooli');
  });

  it('undoes an import exactly: created people gone, updated people restored, its achievements and interactions removed', async () => {
    const client = await fresh();
    const first = await importFiles(client, 'linkedin', ['linkedin-connections-preamble.csv']);
    const before = await everyone(client);
    const snap = (ps: Person[]) =>
      ps
        .map(({ version: _v, updatedAt: _u, keepInTouch: _k, ...rest }) => ({
          ...rest,
          roles: rest.roles.map(({ id: _id, ...r }) => r),
        }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName));
    const second = await importFiles(client, 'linkedin', [
      'linkedin-connections-newer.csv',
      'linkedin-messages.csv',
      'linkedin-invitations.csv',
    ]);
    expect(second.applied.report?.counts.created).toBe(1);
    const undone = await client.undoImport({ params: { id: second.applied.id } });
    expect(undone.status).toBe('undone');
    expect(snap(await everyone(client))).toEqual(snap(before));
    const ana = byName(await everyone(client), 'Ana Ruiz');
    expect((await client.listPersonAchievements({ params: { id: ana.id } })).items).toEqual([]);
    expect((await client.listInteractions({ query: { personId: ana.id } })).items).toEqual([]);
    await expectApiError(client.undoImport({ params: { id: second.applied.id } }), 409, 'not_undoable');
    // The first import still undoes cleanly to an empty workspace, even when a call was
    // logged since with two of its people: that week's count drops with them.
    const [p1, p2] = await everyone(client);
    await client.createInteraction({
      body: { kind: 'call', summary: 'After the import', participantIds: [p1?.id ?? '', p2?.id ?? ''] },
    });
    await client.undoImport({ params: { id: first.applied.id } });
    expect((await client.listPeople({ query: {} })).items).toEqual([]);
    expect((await derivedMismatches(t.db)).filter((m) => m.check === 'weekly activity')).toEqual([]);
    const list = await client.listImports({ query: {} });
    expect(list.items.map((b) => b.status)).toEqual(['undone', 'undone']);
  });

  it('gives a known person a new version when an import only adds to them, and again when it is undone', async () => {
    // A vCard's ETag and CardDAV's changes since a sync follow the version and update time:
    // an added e-mail or tag that left them as they were never reached a phone's address book.
    const client = await fresh();
    await importFiles(client, 'linkedin', ['linkedin-connections-no-url.csv']);
    const before = byName(await everyone(client), 'Ana Ruiz');
    const { preview, applied } = await importFiles(client, 'vcard', ['known-person-additions.vcf']);
    expect(preview.report?.counts).toMatchObject({ created: 0, updated: 1 });
    expect(preview.report?.sample[0]?.changes).toEqual(['emails', 'phones', 'tags']);
    const added = byName(await everyone(client), 'Ana Ruiz');
    expect(added.emails.map((e) => e.value)).toEqual(['ana@example.com', 'zephyrine@personal.example']);
    expect(added.tags).toEqual(['Mentor']);
    expect(added.version).toBe(before.version + 1);
    expect(added.updatedAt >= before.updatedAt).toBe(true);
    expect((await client.listPeople({ query: { q: 'zephyrine' } })).items.map((p) => p.id)).toEqual([before.id]);
    await client.undoImport({ params: { id: applied.id } });
    const undone = byName(await everyone(client), 'Ana Ruiz');
    expect(undone.emails.map((e) => e.value)).toEqual(['ana@example.com']);
    expect(undone.phones).toEqual([]);
    expect(undone.tags).toEqual([]);
    expect(undone.version).toBe(added.version + 1);
    // The e-mail it took away no longer finds her.
    expect((await client.listPeople({ query: { q: 'zephyrine' } })).items).toEqual([]);
  });

  it('imports Google Contacts CSV in the current and the legacy header set, matching by email', async () => {
    const client = await fresh();
    const current = await importFiles(client, 'google', ['google-current.csv']);
    expect(current.preview.report?.counts).toMatchObject({ created: 2, errors: 2 });
    expect(current.preview.report?.errors.map((e) => e.line)).toEqual([4, 5]);
    const legacy = await importFiles(client, 'google', ['google-legacy.csv']);
    expect(legacy.preview.report?.counts).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    const people = await everyone(client);
    const ana = byName(people, 'Ana Ruiz');
    expect(ana.emails.map((e) => e.value)).toEqual(['ana@example.com', 'ana.ruiz@gmail.com', 'ana@home.example']);
    expect(ana.tags.sort()).toEqual(['Rust', 'Speakers']);
    expect(ana).toMatchObject({ nickname: 'Annie', location: 'Madrid, Spain', notes: 'Met at RustConf' });
    expect(ana.importantDates).toEqual([{ kind: 'birthday', label: null, month: 4, day: 12, year: 1990 }]);
    const bo = byName(people, 'Bo Lee');
    expect(bo.phones.map((p) => p.value)).toEqual(['+1 (415) 555-0100', '+1 415 555 0101']);
    expect(bo.organisation?.name).toBe('Lee & Sons, Ltd');
    expect(byName(people, 'Carl Sagan').links[0]?.url).toBe('https://carlsagan.com');
  });

  it('imports Outlook CSV in both column orders, and UTF-16 and Windows-1252 files', async () => {
    const client = await fresh();
    const modern = await importFiles(client, 'outlook', ['outlook-modern.csv']);
    expect(modern.preview.report?.counts).toMatchObject({ created: 2, errors: 0 });
    const legacy = await importFiles(client, 'outlook', ['outlook-legacy.csv']);
    expect(legacy.preview.report?.counts).toMatchObject({ created: 2, errors: 0 });
    const utf16 = await importFiles(client, 'google', ['google-utf16.csv']);
    expect(utf16.preview.encoding).toBe('utf-16le');
    const latin1 = await importFiles(client, 'csv', ['generic-latin1.csv'], {
      Name: 'fullName',
      Email: 'email',
      Company: 'organisation',
    });
    expect(latin1.preview.encoding).toBe('windows-1252');
    const people = await everyone(client);
    expect(byName(people, 'Omar Haddad')).toMatchObject({ location: 'London, United Kingdom', tags: ['Clients'] });
    expect(byName(people, 'Priya Nair')).toMatchObject({ roleTitle: 'Director', location: 'Gotham, USA' });
    expect(byName(people, 'Priya Nair').tags.sort()).toEqual(['Research', 'VIP']);
    expect(byName(people, 'Ирина Петрова').emails[0]?.value).toBe('irina@example.ru');
    expect(byName(people, 'José Müller').organisation?.name).toBe('Café Zürich');
  });

  it('maps the columns of a generic CSV: headers, first rows and a suggested mapping, then import', async () => {
    const client = await fresh();
    const batch = await upload(client, 'csv', ['generic.csv']);
    const preview = await client.previewImport({ params: { id: batch.id }, body: {} });
    expect(preview.columns?.headers).toEqual([
      'Name',
      'Work Email',
      'Mobile',
      'Employer',
      'Role',
      'City',
      'Tags',
      'Met on',
      'LinkedIn',
    ]);
    expect(preview.columns?.rows[0]?.[0]).toBe('Ana Ruiz');
    expect(preview.columns?.suggested).toMatchObject({
      Name: 'fullName',
      'Work Email': 'email',
      Employer: 'organisation',
      LinkedIn: 'linkedin',
    });
    expect(preview.report?.counts).toMatchObject({ created: 2, errors: 2 });
    const noName = await client.previewImport({ params: { id: batch.id }, body: { mapping: { Name: 'ignore' } } });
    expect(noName.report).toBeNull();
    expect(noName.problem).toContain('name');
    await expectApiError(client.applyImport({ params: { id: batch.id } }), 409, 'preview_first');
    await client.previewImport({
      params: { id: batch.id },
      body: { mapping: { Name: 'fullName', 'Work Email': 'email', Role: 'roleTitle' } },
    });
    const applied = await client.applyImport({ params: { id: batch.id } });
    expect(applied.report?.counts.created).toBe(3);
    const ken = byName(await everyone(client), 'Ken Adams');
    expect(ken).toMatchObject({ roleTitle: 'Importer', organisation: null });
  });

  it('imports vCards of every version through the same pipeline, updating a known person by email', async () => {
    const client = await fresh();
    await importFiles(client, 'linkedin', ['linkedin-connections-no-url.csv']);
    const { preview, applied } = await importFiles(client, 'vcard', ['contacts.vcf']);
    expect(preview.report?.counts).toMatchObject({ created: 1, updated: 1, errors: 1 });
    expect(preview.report?.errors[0]?.line).toBe(21);
    expect(applied.status).toBe('applied');
    const people = await everyone(client);
    const ana = byName(people, 'Ana Ruiz');
    expect(ana.links).toEqual([{ url: 'https://www.linkedin.com/in/ana-ruiz', label: 'LinkedIn' }]);
    expect(ana.tags.sort()).toEqual(['Climbing', 'Rust']);
    expect(byName(people, 'Ngozi Okafor')).toMatchObject({
      notes: 'Met at DevFest Lagos',
      roleTitle: 'Engineering Manager',
    });
    const multi = await importFiles(client, 'vcard', ['../vcard/multi.vcf']);
    expect(multi.preview.report?.counts.created).toBe(3);
  });

  it('refuses bad files with a clear problem and writes nothing', async () => {
    const client = await fresh();
    const before = await snapshot(t.db);
    for (const [source, file, status, code] of [
      ['linkedin', 'linkedin-truncated.zip', 400, 'bad_zip'],
      ['google', 'not-a-csv.bin', 400, 'not_text'],
      ['linkedin', 'truncated.csv', 400, 'bad_csv'],
      ['linkedin', 'missing-columns.csv', 400, 'unknown_file'],
      ['outlook', 'missing-columns.csv', 400, 'missing_columns'],
    ] as const) {
      const batch = await upload(client, source, [file]);
      const problem = await expectApiError(client.previewImport({ params: { id: batch.id }, body: {} }), status, code);
      expect(problem.detail?.length).toBeGreaterThan(20);
      await expectApiError(client.applyImport({ params: { id: batch.id } }), 409, 'preview_first');
    }
    const after = await snapshot(t.db);
    expect(after.people).toBe(before.people);
    expect(after.contact_points).toBe(before.contact_points);
  });

  it('takes uploads larger than the JSON body limit, streamed', async () => {
    const client = await fresh();
    const rows = Array.from({ length: 5000 }, (_, i) => `Person ${i},person${i}@example.org,${'x'.repeat(200)}`);
    const body = `Name,Email,Notes\n${rows.join('\n')}\n`;
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const batch = await client.createImport({ body: { source: 'csv' } });
    const up = await client.uploadImportFile({
      params: { id: batch.id, name: 'big.csv' },
      raw: { contentType: 'text/csv', body },
    });
    expect(up.files[0]?.size).toBe(Buffer.byteLength(body));
    const preview = await client.previewImport({ params: { id: batch.id }, body: {} });
    expect(preview.report?.counts).toMatchObject({ rows: 5000, created: 5000, errors: 0 });
  });

  it('checks uploads: content type, empty body, another workspace', async () => {
    const user = await t.createUser();
    const auth = { authorization: `Bearer ${user.token}` };
    const other = await user.client.createImport({ body: { source: 'google' } });
    const put = (headers: Record<string, string>, payload: string) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/imports/${other.id}/files/a.csv`, headers, payload });
    expect((await put({ ...auth, 'content-type': 'text/plain' }, 'x')).statusCode).toBe(415);
    expect((await put({ ...auth, 'content-type': 'text/csv' }, '')).json()).toMatchObject({ code: 'empty_file' });
    // Someone else's import is not found (the owner's token), before a byte is stored.
    expect((await put({ 'content-type': 'text/csv' }, 'a,b\n1,2\n')).statusCode).toBe(404);
    const ok = await put({ ...auth, 'content-type': 'text/csv' }, 'a,b\n1,2\n');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ files: [{ name: 'a.csv', size: 8 }] });
  });
});
