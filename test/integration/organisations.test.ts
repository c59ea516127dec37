import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/contract/organisations.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { MISSING_ID, type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

describe.each(DIALECTS)('organisations on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  const createOrg = (name: string, extra: Record<string, unknown> = {}) =>
    t.client.createOrganisation({ body: { name, ...extra } });
  const rename = (o: Organisation, name: string) =>
    t.client.updateOrganisation({ params: { id: o.id }, body: { version: o.version, name } });
  const searchPeople = async (q: string) =>
    (await t.client.listPeople({ query: { q, limit: 500 } })).items.map((p) => p.id);

  it('creates, reads, updates and lists an organisation', async () => {
    const o = await createOrg('Globex Corporation', {
      domain: 'Globex.COM',
      website: 'https://globex.com',
      industry: 'Manufacturing',
      location: 'Springfield',
      notes: 'Hank Scorpio runs it',
    });
    expect(o).toMatchObject({
      version: 1,
      name: 'Globex Corporation',
      domain: 'globex.com',
      website: 'https://globex.com',
      industry: 'Manufacturing',
      location: 'Springfield',
      notes: 'Hank Scorpio runs it',
      peopleCount: 0,
      deletedAt: null,
    });
    expect(await t.client.getOrganisation({ params: { id: o.id } })).toEqual(o);

    const changed = await t.client.updateOrganisation({
      params: { id: o.id },
      body: { version: 1, industry: null, location: 'Cypress Creek', notes: '' },
    });
    expect(changed).toMatchObject({
      version: 2,
      name: 'Globex Corporation',
      industry: null,
      location: 'Cypress Creek',
    });
    expect(changed.notes).toBe('');
    const byIfMatch = await t.client.updateOrganisation({
      params: { id: o.id },
      body: { domain: null },
      headers: { 'if-match': '"2"' },
    });
    expect(byIfMatch).toMatchObject({ version: 3, domain: null });
    await expectApiError(
      t.client.updateOrganisation({ params: { id: o.id }, body: { version: 2, location: 'x' } }),
      412,
      'stale_version',
    );
    await expectApiError(t.client.getOrganisation({ params: { id: MISSING_ID } }), 404, 'not_found');
  });

  it('walks the list in name order with a cursor and searches by name', async () => {
    const names = ['Zeta Labs', 'alpha works', 'Älpha Two', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Eta', 'Theta'];
    for (const n of names) await createOrg(`${n} Walk`);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.client.listOrganisations({ query: { q: 'walk', limit: 4, cursor } });
      seen.push(...page.items.map((o) => o.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(names.length);
    expect(new Set(seen).size).toBe(names.length);
    expect(seen.slice(0, 3)).toEqual(expect.arrayContaining(['alpha works Walk', 'Älpha Two Walk', 'Beta Walk']));
    expect(seen.at(-1)).toBe('Zeta Labs Walk');
    const found = await t.client.listOrganisations({ query: { q: 'ALPHA walk' } });
    expect(found.items.map((o) => o.name).sort()).toEqual(['alpha works Walk', 'Älpha Two Walk']);
    expect((await t.client.listOrganisations({ query: { q: '%' } })).items).toEqual([]);
  });

  it('refuses a second organisation with the same name, whatever the case and accents', async () => {
    const o = await createOrg('Initech');
    await expectApiError(createOrg('INITECH'), 409, 'organisation_exists');
    await expectApiError(createOrg(' ínitech '), 409, 'organisation_exists');
    const other = await createOrg('Initrode');
    await expectApiError(rename(other, 'initech'), 409, 'organisation_exists');
    // Renaming to its own name in another case is fine.
    expect((await rename(o, 'INITECH')).name).toBe('INITECH');
  });

  it('counts the live people who work there', async () => {
    const o = await createOrg('Counted Co');
    const people = [];
    for (let i = 0; i < 3; i++) {
      people.push(await t.client.createPerson({ body: buildPerson({ organisationId: o.id }) }));
    }
    await t.client.createPerson({ body: buildPerson({ organisationName: 'counted co' }) });
    expect((await t.client.getOrganisation({ params: { id: o.id } })).peopleCount).toBe(4);
    await t.client.deletePerson({ params: { id: people[0]?.id ?? '' } });
    expect((await t.client.getOrganisation({ params: { id: o.id } })).peopleCount).toBe(3);
    const listed = await t.client.listOrganisations({ query: { q: 'counted' } });
    expect(listed.items.map((x) => [x.name, x.peopleCount])).toEqual([['Counted Co', 3]]);
  });

  it('refreshes people search when an organisation is renamed', async () => {
    const o = await createOrg('Hooli');
    const p = await t.client.createPerson({ body: buildPerson({ organisationId: o.id }) });
    expect(await searchPeople('hooli')).toEqual([p.id]);
    await rename(o, 'Pied Piper');
    expect(await searchPeople('hooli')).toEqual([]);
    expect(await searchPeople('pied piper')).toEqual([p.id]);
    const renamed = await t.client.getPerson({ params: { id: p.id } });
    expect(renamed.organisation?.name).toBe('Pied Piper');
    // Their vCard's ORG changed: a new version, which CardDAV's ETag and changes since a sync follow.
    expect(renamed.version).toBe(p.version + 1);
    expect(renamed.updatedAt >= p.updatedAt).toBe(true);
  });

  it('moves an organisation to the trash and restores it', async () => {
    const o = await createOrg('Vandelay Industries');
    await t.client.deleteOrganisation({ params: { id: o.id } });
    expect((await t.client.listOrganisations({ query: { q: 'vandelay' } })).items).toEqual([]);
    const trash = await t.client.listOrganisations({ query: { q: 'vandelay', deleted: 'only' } });
    expect(trash.items.map((x) => x.id)).toEqual([o.id]);
    const trashed = await t.client.getOrganisation({ params: { id: o.id } });
    expect(trashed.deletedAt).not.toBeNull();
    await expectApiError(rename(trashed, 'x'), 404, 'not_found');
    await expectApiError(t.client.deleteOrganisation({ params: { id: o.id } }), 404, 'not_found');
    // A trashed organisation cannot be linked by id...
    await expectApiError(
      t.client.createPerson({ body: buildPerson({ organisationId: o.id }) }),
      400,
      'validation_failed',
    );
    const restored = await t.client.restoreOrganisation({ params: { id: o.id } });
    expect(restored).toMatchObject({ deletedAt: null, version: trashed.version + 1 });
    expect((await t.client.listOrganisations({ query: { q: 'vandelay' } })).items.map((x) => x.id)).toEqual([o.id]);
  });

  it('refuses to restore an organisation whose name was taken meanwhile', async () => {
    const o = await createOrg('Kramerica');
    await t.client.deleteOrganisation({ params: { id: o.id } });
    // ...and a name lookup creates a new live one instead of reviving it.
    const p = await t.client.createPerson({ body: buildPerson({ organisationName: 'Kramerica' }) });
    expect(p.organisation?.id).not.toBe(o.id);
    await expectApiError(t.client.restoreOrganisation({ params: { id: o.id } }), 409, 'organisation_exists');
    expect((await t.client.getOrganisation({ params: { id: o.id } })).deletedAt).not.toBeNull();
  });
});
