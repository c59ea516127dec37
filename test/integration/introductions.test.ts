import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { MISSING_ID, type WatchedApp, expectRefused, fieldErrors, openWatchedApp } from './helpers.js';

/* Double-opt-in introductions: each step closes its follow-up and opens the next; "introduced" connects A and B. */

describe.each(DIALECTS)('introductions on %s', (dialect) => {
  let t: WatchedApp;
  const person = async (fullName: string) => (await t.client.createPerson({ body: buildPerson({ fullName }) })).id;
  const followUp = (id: string | null) => t.client.getFollowUp({ params: { id: id ?? MISSING_ID } });
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('walks proposed → asked A → A agreed → asked B → B agreed → introduced → outcome, with a follow-up at each step', async () => {
    const ana = await person('Ana Ruiz');
    const raj = await person('Raj Patel');
    const intro = await t.client.createIntroduction({
      body: { personAId: ana, personBId: raj, reason: 'Both build payment systems in Rust' },
    });
    expect(intro).toMatchObject({
      step: 'proposed',
      status: 'open',
      nextSteps: ['asked_a'],
      nextAction: 'Ask Ana Ruiz whether they would like to meet Raj Patel',
    });
    const first = await followUp(intro.followUpId);
    expect(first).toMatchObject({ kind: 'intro', status: 'open', title: intro.nextAction });
    expect(first.people.map((p) => p.id)).toEqual([ana]);
    // The next action shows on Today.
    const today = await t.client.getToday({ query: {} });
    expect(today.followUps.map((f) => f.id)).toContain(first.id);
    expect(today.nudges.some((n) => n.action.followUpId === first.id)).toBe(true);

    const expected: [string, string | null, string[]][] = [
      ['asked_a', 'Hear back from Ana Ruiz about meeting Raj Patel', [ana]],
      ['a_agreed', 'Ask Raj Patel whether they would like to meet Ana Ruiz', [raj]],
      ['asked_b', 'Hear back from Raj Patel about meeting Ana Ruiz', [raj]],
      ['b_agreed', 'Introduce Ana Ruiz and Raj Patel', [ana, raj]],
      ['introduced', 'Ask Ana Ruiz and Raj Patel how the introduction went', [ana, raj]],
    ];
    let current = intro;
    for (const [step, title, people] of expected) {
      const before = current.followUpId;
      current = await t.client.stepIntroduction({
        params: { id: intro.id },
        body: { step: step as 'asked_a', note: `note ${step}` },
      });
      expect(current.step).toBe(step);
      expect((await followUp(before)).status).toBe('done');
      const next = await followUp(current.followUpId);
      expect(next.title).toBe(title);
      expect(next.people.map((p) => p.id).sort()).toEqual([...people].sort());
    }
    expect(current.history.map((h) => h.step)).toEqual([
      'proposed',
      'asked_a',
      'a_agreed',
      'asked_b',
      'b_agreed',
      'introduced',
    ]);
    expect(current.nextAction).toBe('Ask Ana Ruiz and Raj Patel how the introduction went');

    // Introduced: the connection between A and B, and the introduction logged with both.
    const connections = await t.client.listPersonConnections({ params: { id: raj } });
    expect(connections.items).toHaveLength(1);
    expect(connections.items[0]).toMatchObject({
      id: current.connectionId,
      kind: 'introduced',
      strength: 2,
      source: 'introduction',
      sourceId: intro.id,
      note: 'Both build payment systems in Rust',
    });
    const logged = await t.client.getInteraction({ params: { id: current.interactionId ?? MISSING_ID } });
    expect(logged).toMatchObject({
      kind: 'introduction',
      summary: 'Introduced Ana Ruiz and Raj Patel',
      exchange: 'give',
      exchangeKind: 'introduction',
    });
    expect(logged.participants.map((p) => p.id).sort()).toEqual([ana, raj].sort());

    const lastFollowUp = current.followUpId;
    const done = await t.client.recordIntroductionOutcome({
      params: { id: intro.id },
      body: { outcome: 'working_together', note: 'Raj hired Ana as a contractor' },
    });
    expect(done).toMatchObject({
      status: 'done',
      outcome: 'working_together',
      outcomeNote: 'Raj hired Ana as a contractor',
      nextAction: null,
      followUpId: null,
    });
    expect((await followUp(lastFollowUp)).status).toBe('done');
    const list = await t.client.listIntroductions({ query: { personId: ana } });
    expect(list.items.map((i) => i.id)).toEqual([intro.id]);
    expect((await t.client.listIntroductions({ query: { status: 'open', personId: ana } })).items).toEqual([]);
  });

  it('stops when A declines, and never asks B', async () => {
    const a = await person('Mia Chen');
    const b = await person('Tom Berg');
    const intro = await t.client.createIntroduction({ body: { personAId: a, personBId: b } });
    await t.client.stepIntroduction({ params: { id: intro.id }, body: { step: 'asked_a' } });
    const declined = await t.client.stepIntroduction({ params: { id: intro.id }, body: { step: 'a_declined' } });
    expect(declined).toMatchObject({ status: 'declined', nextSteps: [], nextAction: null, followUpId: null });
    const p = await expectRefused(
      t,
      { method: 'POST', url: `/api/v1/introductions/${intro.id}/step`, body: { step: 'asked_b' } },
      409,
      'invalid_step',
    );
    expect(p.detail).toMatch(/last step/);
    expect((await t.client.listPersonConnections({ params: { id: a } })).items).toEqual([]);
    // Declined, the pair may be proposed again later.
    await t.client.createIntroduction({ body: { personAId: b, personBId: a } });
  });

  it('refuses a person introduced to themselves, unknown people, a wrong step order and an early outcome', async () => {
    const a = await person('Noor Haddad');
    const b = await person('Ola Nordmann');
    const url = '/api/v1/introductions';
    let p = await expectRefused(
      t,
      { method: 'POST', url, body: { personAId: a, personBId: a } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)).toEqual({ 'body.personBId': 'a person cannot be introduced to themselves' });
    p = await expectRefused(
      t,
      { method: 'POST', url, body: { personAId: MISSING_ID, personBId: b } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)).toEqual({ 'body.personAId': 'no such person in this workspace' });
    const intro = await t.client.createIntroduction({ body: { personAId: a, personBId: b } });
    // Proposing the same pair again while it is open is a conflict.
    await expectRefused(t, { method: 'POST', url, body: { personAId: b, personBId: a } }, 409, 'introduction_open');
    p = await expectRefused(
      t,
      { method: 'POST', url: `${url}/${intro.id}/step`, body: { step: 'introduced' } },
      409,
      'invalid_step',
    );
    expect(p.title).toBe('Cannot go from proposed to introduced');
    expect(p.detail).toMatch(/next step is asked_a, not introduced \(double opt-in/);
    p = await expectRefused(
      t,
      { method: 'POST', url: `${url}/${intro.id}/step`, body: { step: 'ask_a' } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)['body.step']).toMatch(/must be one of proposed, asked_a/);
    await expectRefused(
      t,
      { method: 'POST', url: `${url}/${intro.id}/outcome`, body: { outcome: 'met' } },
      409,
      'invalid_step',
    );
    await expectRefused(
      t,
      { method: 'POST', url: `${url}/${MISSING_ID}/step`, body: { step: 'asked_a' } },
      404,
      'not_found',
    );
  });

  it('carries on when its follow-up was deleted by hand', async () => {
    const a = await person('Kai Lang');
    const b = await person('Lea Roth');
    const intro = await t.client.createIntroduction({ body: { personAId: a, personBId: b } });
    await t.client.deleteFollowUp({ params: { id: intro.followUpId ?? MISSING_ID } });
    expect((await t.client.getIntroduction({ params: { id: intro.id } })).followUpId).toBeNull();
    const next = await t.client.stepIntroduction({ params: { id: intro.id }, body: { step: 'asked_a' } });
    expect((await followUp(next.followUpId)).status).toBe('open');
  });

  it('cancels the open follow-up when an introduction is deleted', async () => {
    const a = await person('Ines Costa');
    const b = await person('Jon Snow');
    const intro = await t.client.createIntroduction({ body: { personAId: a, personBId: b } });
    await t.client.deleteIntroduction({ params: { id: intro.id } });
    expect((await followUp(intro.followUpId)).status).toBe('cancelled');
    await expectRefused(t, { method: 'GET', url: `/api/v1/introductions/${intro.id}` }, 404, 'not_found');
  });
});
