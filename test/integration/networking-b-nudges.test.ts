import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { WEIGHTS } from '../../src/domain/nudges.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/* Today's networking nudges: complete an introduction that waits, thank the person an opportunity came through. */

const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('networking nudges on %s', (dialect) => {
  let t: WatchedApp;
  const person = async (fullName: string) =>
    (await t.client.createPerson({ body: buildPerson({ fullName, circle: 'close' }) })).id;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('asks to complete an introduction that waited on a step too long, and acting on it takes the step', async () => {
    const ana = await person('Ana Ruiz');
    const raj = await person('Raj Patel');
    const intro = await t.client.createIntroduction({ body: { personAId: ana, personBId: raj } });
    const soon = await t.client.getToday({ query: {} });
    expect(soon.nudges.some((n) => n.kind === 'complete_intro')).toBe(false);

    const later = addDays(today(), WEIGHTS.introWaitDays + 2);
    const t1 = await t.client.getToday({ query: { date: later } });
    const nudge = t1.nudges.find((n) => n.kind === 'complete_intro');
    expect(nudge).toMatchObject({
      key: `intro.${intro.id}.proposed`,
      reason: `Your introduction of Ana Ruiz and Raj Patel has waited ${WEIGHTS.introWaitDays + 2} days: ask Ana Ruiz whether they would like to meet Raj Patel.`,
      action: { type: 'advance_introduction', label: 'Mark Ana asked', introductionId: intro.id },
    });
    expect(nudge?.people.map((p) => p.id)).toEqual([ana, raj]);
    // The intro's own follow-up is not shown twice.
    expect(t1.nudges.some((n) => n.action.followUpId === intro.followUpId)).toBe(false);

    await t.client.completeNudge({ params: { key: nudge?.key ?? '' }, body: {} });
    expect((await t.client.getIntroduction({ params: { id: intro.id } })).step).toBe('asked_a');
    expect((await t.client.getToday({ query: {} })).nudges.some((n) => n.kind === 'complete_intro')).toBe(false);

    // Days later, still waiting on A's answer: the nudge is to follow up with A, logged as a message.
    const t2 = await t.client.getToday({ query: { date: later } });
    const waiting = t2.nudges.find((n) => n.kind === 'complete_intro');
    expect(waiting).toMatchObject({ key: `intro.${intro.id}.asked_a`, action: { label: 'Nudge Ana' } });
    const done = await t.client.completeNudge({ params: { key: waiting?.key ?? '' }, body: { log: {} } });
    expect(done.interactionId).not.toBeNull();
    expect((await t.client.getIntroduction({ params: { id: intro.id } })).step).toBe('asked_a');
  });

  it('asks to thank the source of an opportunity won recently, until they were contacted', async () => {
    const li = await person('Li Wei');
    const mia = await person('Mia Chen');
    const won = await t.client.createOpportunity({
      body: { title: 'The Acme contract', kind: 'client', stage: 'won', people: [{ personId: li, role: 'source' }] },
    });
    await t.client.createOpportunity({
      body: { title: 'The Beta contract', kind: 'client', stage: 'won', people: [{ personId: mia, role: 'source' }] },
    });
    const t1 = await t.client.getToday({ query: {} });
    const thank = t1.nudges.find((n) => n.kind === 'thank_source' && n.people[0]?.id === li);
    expect(thank).toMatchObject({
      key: `opp.${won.id}`,
      reason: 'The Acme contract came through Li Wei and was won today: thank Li, and tell them how it went.',
      action: { type: 'thank', label: 'Thank Li', template: 'thank_you', opportunityId: won.id },
    });
    const done = await t.client.completeNudge({ params: { key: thank?.key ?? '' }, body: { log: {} } });
    const logged = await t.client.getInteraction({ params: { id: done.interactionId ?? '' } });
    expect(logged.summary).toBe('Thanked them for The Acme contract');
    // Contacted since it was won: no more thanks due. Mia's, contacted in another way, goes too.
    await t.client.createInteraction({ body: { kind: 'call', summary: 'Catch-up', participantIds: [mia] } });
    const t2 = await t.client.getToday({ query: {} });
    expect(t2.nudges.filter((n) => n.kind === 'thank_source')).toEqual([]);
    // Long ago wins are not nudged.
    const t3 = await t.client.getToday({ query: { date: addDays(today(), WEIGHTS.thankWithinDays + 1) } });
    expect(t3.nudges.filter((n) => n.kind === 'thank_source')).toEqual([]);
  });
});
