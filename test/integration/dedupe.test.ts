import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/contract/people.js';
import { createServices } from '../../src/services/index.js';
import { DIALECTS } from '../support/db.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

/*
 * Duplicates through the API on both databases: suggestions with reasons,
 * dismissing, a merge that keeps every value and moves everything, and undo.
 */

describe.each(DIALECTS)('duplicates on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  async function pair() {
    const user = await t.createUser();
    const c = user.client;
    const org = await c.createOrganisation({ body: { name: 'Acme' } });
    const robert = await c.createPerson({
      body: {
        fullName: 'Robert Smith',
        givenName: 'Robert',
        familyName: 'Smith',
        headline: 'Engineer',
        organisationId: org.id,
        circle: 'close',
        notes: 'Met at RustConf.',
        emails: [{ value: 'rob@acme.example', label: 'work', primary: true }],
        phones: [{ value: '+44 20 7946 0958', label: 'work' }],
        tags: ['rust', 'london'],
        topics: ['compilers'],
        importantDates: [{ kind: 'birthday', month: 5, day: 1 }],
      },
    });
    const bob = await c.createPerson({
      body: {
        fullName: 'Bob Smith',
        givenName: 'Bob',
        familyName: 'Smith',
        headline: 'Staff engineer at Acme',
        location: 'London',
        notes: 'Plays the cello.',
        emails: [
          { value: 'ROB@acme.example', primary: true },
          { value: 'bob@home.example', label: 'home' },
        ],
        links: [{ url: 'https://www.linkedin.com/in/bobsmith', label: 'linkedin' }],
        tags: ['rust', 'music'],
        topics: ['cello'],
        purposes: ['collaborator'],
        importantDates: [
          { kind: 'birthday', month: 5, day: 1 },
          { kind: 'custom', label: 'Name day', month: 3, day: 3 },
        ],
      },
    });
    const friend = await c.createPerson({
      body: { fullName: 'Carol Jones', howWeMet: { introducedById: bob.id, channel: 'introduction' } },
    });
    await c.createInteraction({
      body: {
        kind: 'coffee',
        summary: 'Coffee with Bob',
        occurredAt: '2025-06-01T10:00:00.000Z',
        participantIds: [bob.id],
      },
    });
    await c.createInteraction({
      body: {
        kind: 'call',
        summary: 'Call with both',
        occurredAt: '2025-05-01T10:00:00.000Z',
        participantIds: [robert.id, bob.id],
      },
    });
    await c.createLearning({ params: { id: bob.id }, body: { category: 'interest', body: 'Loves Bach' } });
    await c.createFollowUp({ body: { title: 'Send Bob the paper', dueOn: '2026-12-24', personIds: [bob.id] } });
    await c.createAchievement({
      params: { id: bob.id },
      body: { kind: 'promotion', title: 'Staff engineer', occurredOn: '2025-02-01' },
    });
    return { c, robert, bob, friend };
  }

  it('suggests the pair with its score and reasons, and dismissing hides it', async () => {
    const { c, robert, bob } = await pair();
    await c.createPerson({ body: { fullName: 'Someone Else', emails: [{ value: 'else@example.com' }] } });
    const list = await c.listDuplicates({});
    expect(list.total).toBe(1);
    const [s] = list.items;
    expect(new Set([s?.a.id, s?.b.id])).toEqual(new Set([robert.id, bob.id]));
    expect(s?.reasons.map((r) => r.kind).sort()).toEqual(['email', 'nickname']);
    expect(s?.score).toBeGreaterThan(0.9);
    expect(s?.a.emails.length).toBeGreaterThan(0);
    await c.dismissDuplicate({ body: { a: bob.id, b: robert.id } });
    expect((await c.listDuplicates({})).total).toBe(0);
  });

  it('remembers the suggestions until a name, a contact point, a person or a dismissal changes', async () => {
    const user = await t.createUser();
    const c = user.client;
    const rob = await c.createPerson({ body: { fullName: 'Robert Smith', emails: [{ value: 'rob@acme.example' }] } });
    const bob = await c.createPerson({ body: { fullName: 'Bob Smith', emails: [{ value: 'ROB@acme.example' }] } });
    const carla = await c.createPerson({ body: { fullName: 'Carla Diaz' } });
    // Services of their own on the same database: their memory starts empty and is theirs to count.
    const services = createServices(t.db);
    const actor = { workspaceId: user.user.workspaceId, userId: user.user.id };
    const list = () => services.dedupe.list(actor, { limit: 50, minScore: 0.4 });
    const fresh = () => createServices(t.db).dedupe.list(actor, { limit: 50, minScore: 0.4 });
    const first = await list();
    expect(first.total).toBe(1);
    expect(services.dedupe.computed.count).toBe(1);
    // Writes that change no card: the same suggestions, not computed again.
    await c.createInteraction({ body: { kind: 'call', summary: 'Catch-up', participantIds: [bob.id] } });
    await c.createLearning({ params: { id: bob.id }, body: { category: 'interest', body: 'Cello' } });
    await c.snoozePerson({ params: { id: carla.id }, body: { days: 7 } });
    expect(await list()).toEqual(await fresh());
    expect(services.dedupe.computed.count).toBe(1);
    // A second e-mail on Carla that Robert has too: a new pair.
    await c.updatePerson({
      params: { id: carla.id },
      body: { emails: [{ value: 'rob@acme.example' }], version: carla.version },
    });
    const afterEmail = await list();
    expect(services.dedupe.computed.count).toBe(2);
    expect(afterEmail).toEqual(await fresh());
    expect(afterEmail.total).toBe(3);
    // A dismissal, a new person and a person trashed each count.
    await c.dismissDuplicate({ body: { a: rob.id, b: bob.id } });
    expect((await list()).total).toBe(2);
    await c.createPerson({ body: { fullName: 'Roberta Smith', emails: [{ value: 'rob@acme.example' }] } });
    expect((await list()).total).toBe(5);
    await c.deletePerson({ params: { id: carla.id } });
    expect(await list()).toEqual(await fresh());
    expect(services.dedupe.computed.count).toBe(5);
    // A rename that splits a pair.
    const renamed = await c.getPerson({ params: { id: bob.id } });
    await c.updatePerson({
      params: { id: bob.id },
      body: { fullName: 'Zed Quux', emails: [], version: renamed.version },
    });
    expect(await list()).toEqual(await fresh());
    expect(services.dedupe.computed.count).toBe(6);
  });

  it('leaves a person in the trash out, by name and by contact point', async () => {
    const c = (await t.createUser()).client;
    const kept = await c.createPerson({ body: { fullName: 'Tara Kept', emails: [{ value: 'tara@example.com' }] } });
    const gone = await c.createPerson({
      body: { fullName: 'Tara Kept', emails: [{ value: 'tara@example.com' }], phones: [{ value: '+44 20 7946 0000' }] },
    });
    const third = await c.createPerson({
      body: { fullName: 'Someone Other', phones: [{ value: '+44 20 7946 0000' }] },
    });
    const pairs = (list: Awaited<ReturnType<typeof c.listDuplicates>>) =>
      list.items.map((s) => [s.a.id, s.b.id].sort().join(' ')).sort();
    expect(pairs(await c.listDuplicates({}))).toEqual(
      [[kept.id, gone.id].sort().join(' '), [gone.id, third.id].sort().join(' ')].sort(),
    );
    await c.deletePerson({ params: { id: gone.id } });
    expect((await c.listDuplicates({})).total).toBe(0);
  });

  it('merges keeping every value and moving everything, then undo restores both', async () => {
    const { c, robert, bob, friend } = await pair();
    const before = await c.getPerson({ params: { id: robert.id } });
    const dry = await c.mergePeople({ body: { survivorId: robert.id, mergedId: bob.id, dryRun: true } });
    expect(dry.merge).toBeNull();
    expect(dry.moved).toMatchObject({ contactPoints: 2, interactions: 1, learnings: 1, followUps: 1, achievements: 1 });
    expect((await c.getPerson({ params: { id: bob.id } })).deletedAt).toBeNull();

    const result = await c.mergePeople({ body: { survivorId: robert.id, mergedId: bob.id } });
    expect(result.merge?.merged.fullName).toBe('Bob Smith');
    expect(result.kept).toMatchObject({ contactPoints: 1, tags: 1, importantDates: 1, interactions: 1 });
    expect(result.fields).toMatchObject({ headline: 'survivor', location: 'filled', fullName: 'survivor' });

    const merged: Person = await c.getPerson({ params: { id: robert.id } });
    expect(merged.emails.map((e) => e.value)).toEqual(['rob@acme.example', 'bob@home.example']);
    expect(merged.emails.filter((e) => e.primary)).toHaveLength(1);
    expect(merged.phones).toHaveLength(1);
    expect(merged.links.map((l) => l.url)).toEqual(['https://www.linkedin.com/in/bobsmith']);
    expect(merged.tags.sort()).toEqual(['london', 'music', 'rust']);
    expect(merged.topics.sort()).toEqual(['cello', 'compilers']);
    expect(merged.purposes).toEqual(['collaborator']);
    expect(merged.importantDates).toHaveLength(2);
    expect(merged.learnings.map((l) => l.body)).toEqual(['Loves Bach']);
    expect(merged.location).toBe('London');
    expect(merged.headline).toBe('Engineer');
    expect(merged.notes).toContain('Met at RustConf.');
    expect(merged.notes).toContain('Merged from Bob Smith');
    expect(merged.notes).toContain('Headline: Staff engineer at Acme');
    expect(merged.notes).toContain('Plays the cello.');
    expect(merged.interactionCount).toBe(2);
    expect(merged.lastInteractionAt).toBe('2025-06-01T10:00:00.000Z');
    expect((await c.listPersonAchievements({ params: { id: robert.id } })).items).toHaveLength(1);
    const fus = await c.listFollowUps({ query: { status: 'open' } });
    expect(fus.items.find((f) => f.title === 'Send Bob the paper')?.people.map((p) => p.id)).toEqual([robert.id]);
    expect((await c.getPerson({ params: { id: friend.id } })).howWeMet.introducedBy?.id).toBe(robert.id);
    expect((await c.getPerson({ params: { id: bob.id } })).deletedAt).not.toBeNull();
    expect((await c.listDuplicates({})).total).toBe(0);

    const merges = await c.listMerges({});
    expect(merges.items[0]?.id).toBe(result.merge?.id);
    await c.undoMerge({ params: { id: result.merge?.id ?? '' } });

    const robertAgain = await c.getPerson({ params: { id: robert.id } });
    const bobAgain = await c.getPerson({ params: { id: bob.id } });
    expect(bobAgain.deletedAt).toBeNull();
    expect(robertAgain.emails).toEqual(before.emails);
    expect(robertAgain.tags).toEqual(before.tags);
    expect(robertAgain.notes).toBe(before.notes);
    expect(robertAgain.location).toBeNull();
    expect(robertAgain.interactionCount).toBe(1);
    expect(bobAgain.emails.map((e) => e.value)).toEqual(['ROB@acme.example', 'bob@home.example']);
    expect(bobAgain.emails[0]?.primary).toBe(true);
    expect(bobAgain.tags.sort()).toEqual(['music', 'rust']);
    expect(bobAgain.importantDates).toHaveLength(2);
    expect(bobAgain.learnings).toHaveLength(1);
    expect(bobAgain.interactionCount).toBe(2);
    expect(bobAgain.lastInteractionAt).toBe('2025-06-01T10:00:00.000Z');
    expect((await c.getPerson({ params: { id: friend.id } })).howWeMet.introducedBy?.id).toBe(bob.id);
    expect((await c.listPersonAchievements({ params: { id: bob.id } })).items).toHaveLength(1);
    await expectApiError(c.undoMerge({ params: { id: result.merge?.id ?? '' } }), 409, 'merge_already_undone');
  });

  it('lets the caller choose the merged value, and refuses nonsense', async () => {
    const { c, robert, bob } = await pair();
    const r = await c.mergePeople({
      body: { survivorId: robert.id, mergedId: bob.id, prefer: { headline: 'merged', fullName: 'merged' } },
    });
    const p = await c.getPerson({ params: { id: robert.id } });
    expect(p.headline).toBe('Staff engineer at Acme');
    expect(p.fullName).toBe('Bob Smith');
    expect(p.notes).toContain('Headline: Engineer');
    expect(r.merge?.survivor.fullName).toBe('Bob Smith');
    await expectApiError(c.mergePeople({ body: { survivorId: robert.id, mergedId: robert.id } }), 400, 'same_person');
    await expectApiError(c.mergePeople({ body: { survivorId: robert.id, mergedId: bob.id } }), 404, 'not_found');
  });
});
