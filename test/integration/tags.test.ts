import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { MISSING_ID, type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

describe.each(DIALECTS)('tags and topics on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  const tagByName = async (name: string) => (await t.client.listTags({})).items.find((x) => x.name === name);
  const peopleTagged = async (tag: string) =>
    (await t.client.listPeople({ query: { tag, limit: 500 } })).items.map((p) => p.id).sort();

  it('creates, recolours and lists tags with how many live people carry each', async () => {
    const vip = await t.client.createTag({ body: { name: 'VIP', color: '#3b82f6' } });
    expect(vip).toEqual({ id: expect.any(String), name: 'VIP', color: '#3b82f6', peopleCount: 0 });
    const a = await t.client.createPerson({ body: buildPerson({ tags: ['vip', 'Climbing'] }) });
    const b = await t.client.createPerson({ body: buildPerson({ tags: ['VÍP'] }) });
    const c = await t.client.createPerson({ body: buildPerson({ tags: ['VIP'] }) });
    // Names are matched without case or accents: everyone got the existing tag.
    expect(a.tags).toEqual(['Climbing', 'VIP']);
    expect(b.tags).toEqual(['VIP']);
    await t.client.deletePerson({ params: { id: c.id } });
    expect(await tagByName('VIP')).toMatchObject({ id: vip.id, peopleCount: 2 });
    expect(await tagByName('Climbing')).toMatchObject({ color: null, peopleCount: 1 });

    const recoloured = await t.client.updateTag({ params: { id: vip.id }, body: { color: '#FF0000' } });
    expect(recoloured).toMatchObject({ name: 'VIP', color: '#FF0000', peopleCount: 2 });
    expect((await t.client.updateTag({ params: { id: vip.id }, body: { color: null } })).color).toBeNull();
  });

  it('refuses a duplicate tag name whatever the case and accents', async () => {
    await t.client.createTag({ body: { name: 'Café' } });
    await expectApiError(t.client.createTag({ body: { name: 'cafe' } }), 409, 'tag_exists');
    await expectApiError(t.client.createTag({ body: { name: '  CAFÉ ' } }), 409, 'tag_exists');
    const other = await t.client.createTag({ body: { name: 'Tea' } });
    await expectApiError(t.client.updateTag({ params: { id: other.id }, body: { name: 'CAFE' } }), 409, 'tag_exists');
    // Fixing its own case is not a duplicate.
    expect((await t.client.updateTag({ params: { id: other.id }, body: { name: 'TEA' } })).name).toBe('TEA');
  });

  it('renames a tag on everyone who carries it', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ tags: ['golang'] }) });
    const tag = await tagByName('golang');
    await t.client.updateTag({ params: { id: tag?.id ?? '' }, body: { name: 'Go' } });
    expect((await t.client.getPerson({ params: { id: p.id } })).tags).toEqual(['Go']);
    expect(await peopleTagged('go')).toEqual([p.id]);
    expect(await peopleTagged('golang')).toEqual([]);
    const listed = await t.client.listPeople({ query: { tag: 'Go' } });
    expect(listed.items[0]?.tags).toEqual(['Go']);
  });

  it('deletes a tag and takes it off everyone', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ tags: ['temporary', 'keeper'] }) });
    const q = await t.client.createPerson({ body: buildPerson({ tags: ['temporary'] }) });
    const tag = await tagByName('temporary');
    await t.client.deleteTag({ params: { id: tag?.id ?? '' } });
    expect(await tagByName('temporary')).toBeUndefined();
    expect((await t.client.getPerson({ params: { id: p.id } })).tags).toEqual(['keeper']);
    expect((await t.client.getPerson({ params: { id: q.id } })).tags).toEqual([]);
    expect(await peopleTagged('temporary')).toEqual([]);
    await expectApiError(t.client.deleteTag({ params: { id: tag?.id ?? '' } }), 404, 'not_found');
    await expectApiError(t.client.updateTag({ params: { id: MISSING_ID }, body: { name: 'x' } }), 404, 'not_found');
    // The name is free again.
    expect((await t.client.createTag({ body: { name: 'Temporary' } })).peopleCount).toBe(0);
  });

  it('gives everyone a renamed or deleted tag touches a new version, and finds them by its new name', async () => {
    // A vCard carries its person's tags (CATEGORIES): CardDAV's ETag and changes since a sync
    // follow the version and update time, and search indexes tag names.
    const p = await t.client.createPerson({ body: buildPerson({ tags: ['zymurgy'] }) });
    const other = await t.client.createPerson({ body: buildPerson({ tags: ['unrelated'] }) });
    const hits = async (q: string) =>
      (await t.client.search({ query: { q } })).items.filter((h) => h.type === 'person').map((h) => h.id);
    expect(await hits('zymurgy')).toEqual([p.id]);
    const tag = await tagByName('zymurgy');
    await t.client.updateTag({ params: { id: tag?.id ?? '' }, body: { name: 'Brewing science' } });
    const renamed = await t.client.getPerson({ params: { id: p.id } });
    expect(renamed.tags).toEqual(['Brewing science']);
    expect(renamed.version).toBe(p.version + 1);
    expect(renamed.updatedAt >= p.updatedAt).toBe(true);
    expect(await hits('brewing')).toEqual([p.id]);
    expect(await hits('zymurgy')).toEqual([]);
    // A new colour changes no card.
    await t.client.updateTag({ params: { id: tag?.id ?? '' }, body: { color: '#00AA00' } });
    expect((await t.client.getPerson({ params: { id: p.id } })).version).toBe(renamed.version);
    await t.client.deleteTag({ params: { id: tag?.id ?? '' } });
    const untagged = await t.client.getPerson({ params: { id: p.id } });
    expect(untagged.tags).toEqual([]);
    expect(untagged.version).toBe(renamed.version + 1);
    expect(await hits('brewing')).toEqual([]);
    // Nobody else's card changed.
    expect((await t.client.getPerson({ params: { id: other.id } })).version).toBe(other.version);
  });

  it('lists topics with how many people share each', async () => {
    await t.client.createPerson({ body: buildPerson({ topics: ['Climate', 'Open source'] }) });
    await t.client.createPerson({ body: buildPerson({ topics: ['open source', 'Typography'] }) });
    const gone = await t.client.createPerson({ body: buildPerson({ topics: ['Typography'] }) });
    await t.client.deletePerson({ params: { id: gone.id } });
    const topics = await t.client.listTopics({});
    expect(topics.items.map((x) => [x.name, x.peopleCount])).toEqual([
      ['Climate', 1],
      ['Open source', 2],
      ['Typography', 1],
    ]);
    // Topics are not tags.
    expect(await tagByName('Climate')).toBeUndefined();
  });
});
