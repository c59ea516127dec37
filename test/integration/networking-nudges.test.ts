import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

/*
 * Today's networking nudges on both databases: follow up after an event that
 * ended recently, and share a resource saved lately with someone due whose
 * topics match it. Acting on each does the thing and the nudge goes away.
 */

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('networking nudges on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });
  const nudges = async () => (await t.client.getToday({ query: {} })).nudges;

  it('asks to follow up after an event that ended recently, for the people still waiting', async () => {
    const e = await t.client.createEvent({
      body: { name: 'DevConf', kind: 'conference', startsOn: addDays(today(), -3), endsOn: addDays(today(), -2) },
    });
    const old = await t.client.createEvent({ body: { name: 'Old meetup', startsOn: addDays(today(), -40) } });
    const future = await t.client.createEvent({ body: { name: 'Next summit', startsOn: addDays(today(), 5) } });
    const ids: string[] = [];
    for (const name of ['Ana Event', 'Bo Event', 'Cy Event']) {
      ids.push((await t.client.metEventPerson({ params: { id: e.id }, body: { fullName: name } })).entry.person.id);
    }
    await t.client.metEventPerson({ params: { id: old.id }, body: { fullName: 'Old Friend' } });
    await t.client.metEventPerson({ params: { id: future.id }, body: { fullName: 'Future Friend' } });
    await t.client.followUpEventPerson({ params: { id: e.id, personId: ids[0] ?? '' }, body: {} });

    let list = await nudges();
    const n = list.find((x) => x.kind === 'event_follow_up');
    expect(n).toMatchObject({
      key: `evt.${e.id}`,
      action: { type: 'follow_up_event', eventId: e.id, label: 'Mark all followed up' },
    });
    expect(n?.people.map((p) => p.fullName)).toEqual(['Bo Event', 'Cy Event']);
    expect(n?.reason).toBe(
      'You met Bo Event and Cy Event at DevConf 2 days ago and have not followed up: a short note while they still remember you.',
    );
    expect(list.filter((x) => x.kind === 'event_follow_up')).toHaveLength(1);

    const done = await t.client.completeNudge({
      params: { key: n?.key ?? '' },
      body: { log: { summary: 'Thanks for the chat at DevConf' } },
    });
    expect(done.interactionId).not.toBeNull();
    const d = await t.client.getEvent({ params: { id: e.id } });
    expect(d.counts).toMatchObject({ met: 3, followedUp: 3, followUpRate: 1 });
    list = await nudges();
    expect(list.some((x) => x.kind === 'event_follow_up')).toBe(false);
  });

  it('suggests sharing a resource saved lately with someone due whose topics match', async () => {
    const due = await t.client.createPerson({ body: buildPerson({ circle: 'inner', topics: ['Grid storage'] }) });
    await t.client.createInteraction({
      body: { kind: 'call', summary: 'Catch-up', participantIds: [due.id], occurredAt: daysAgo(20) },
    });
    const notDue = await t.client.createPerson({ body: buildPerson({ circle: 'inner', topics: ['Grid storage'] }) });
    await t.client.createInteraction({ body: { kind: 'call', summary: 'Catch-up', participantIds: [notDue.id] } });
    const r = await t.client.createResource({
      body: { url: 'https://example.com/grid', title: 'Grid storage, explained', topics: ['grid storage'] },
    });
    let list = await nudges();
    const n = list.find((x) => x.kind === 'share_resource');
    expect(n).toMatchObject({ key: `res.${r.id}.${due.id}`, action: { type: 'share_resource', resourceId: r.id } });
    expect(n?.reason).toBe(
      `${due.fullName} is interested in Grid storage and due for a check-in (6 days overdue): share "Grid storage, explained", saved today.`,
    );
    expect(list.some((x) => x.kind === 'share_resource' && x.people[0]?.id === notDue.id)).toBe(false);
    // The share replaces the routine check-in nudge for the same person.
    expect(list.some((x) => x.kind === 'check_in_due' && x.people[0]?.id === due.id)).toBe(false);

    const done = await t.client.completeNudge({ params: { key: n?.key ?? '' }, body: { log: {} } });
    const logged = await t.client.getInteraction({ params: { id: done.interactionId ?? '' } });
    expect(logged).toMatchObject({ kind: 'article_share', exchange: 'give' });
    expect((await t.client.getResource({ params: { id: r.id } })).shares.map((s) => s.person.id)).toEqual([due.id]);
    list = await nudges();
    expect(list.some((x) => x.kind === 'share_resource')).toBe(false);
  });

  it('refuses nudge keys that point nowhere', async () => {
    const unknown = '0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e';
    await expectApiError(t.client.dismissNudge({ params: { key: `evt.${unknown}` } }), 404, 'not_found');
    await expectApiError(t.client.dismissNudge({ params: { key: `res.${unknown}.${unknown}` } }), 404, 'not_found');
  });
});
