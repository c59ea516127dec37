import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { MISSING_ID, type WatchedApp, expectRefused, fieldErrors, openWatchedApp } from './helpers.js';

/* Opportunities: a small pipeline, the people they came through, and the report of which relationships produced value. */

const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('opportunities on %s', (dialect) => {
  let t: WatchedApp;
  let ana = '';
  let raj = '';
  let li = '';
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    ana = (
      await t.client.createPerson({
        body: buildPerson({ fullName: 'Ana Ruiz', howWeMet: { channel: 'conference', event: 'DevConf' } }),
      })
    ).id;
    raj = (
      await t.client.createPerson({ body: buildPerson({ fullName: 'Raj Patel', howWeMet: { channel: 'linkedin' } }) })
    ).id;
    li = (await t.client.createPerson({ body: buildPerson({ fullName: 'Li Wei' }) })).id;
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('adds an opportunity with value and people, moves it through the pipeline and closes it', async () => {
    const o = await t.client.createOpportunity({
      body: {
        title: 'Staff engineer at Acme',
        kind: 'job_lead',
        value: { amount: 150000, currency: 'eur' },
        expectedCloseOn: '2027-03-01',
        people: [
          { personId: li, role: 'contact' },
          { personId: ana, role: 'source' },
        ],
        notes: 'Ana mentioned it over coffee',
      },
    });
    expect(o).toMatchObject({
      stage: 'lead',
      kind: 'job_lead',
      value: { amount: 150000, currency: 'EUR' },
      openedOn: today(),
      expectedCloseOn: '2027-03-01',
      closedOn: null,
    });
    expect(o.people.map((p) => [p.fullName, p.role])).toEqual([
      ['Ana Ruiz', 'source'],
      ['Li Wei', 'contact'],
    ]);
    const moved = await t.client.moveOpportunity({ params: { id: o.id }, body: { stage: 'in_progress' } });
    expect(moved).toMatchObject({ stage: 'in_progress', closedOn: null, version: 2 });
    const won = await t.client.moveOpportunity({ params: { id: o.id }, body: { stage: 'won' } });
    expect(won).toMatchObject({ stage: 'won', closedOn: today() });
    const reopened = await t.client.updateOpportunity({
      params: { id: o.id },
      body: { version: won.version, stage: 'contacted', title: 'Principal engineer at Acme' },
    });
    expect(reopened).toMatchObject({ stage: 'contacted', closedOn: null, title: 'Principal engineer at Acme' });
    await expectRefused(
      t,
      { method: 'PATCH', url: `/api/v1/opportunities/${o.id}`, body: { version: 1, title: 'Stale' } },
      412,
      'stale_version',
    );
    const byPerson = await t.client.listOpportunities({ query: { personId: li } });
    expect(byPerson.items.map((x) => x.id)).toEqual([o.id]);
    expect((await t.client.listOpportunities({ query: { stage: 'won' } })).items).toEqual([]);
    await t.client.deleteOpportunity({ params: { id: o.id } });
    await expectRefused(t, { method: 'GET', url: `/api/v1/opportunities/${o.id}` }, 404, 'not_found');
  });

  it('reports by source person, channel and event, with won value per currency', async () => {
    const coffee = await t.client.createInteraction({
      body: { kind: 'video_call', summary: 'Call with Li', participantIds: [li] },
    });
    const add = (title: string, stage: 'lead' | 'won' | 'lost', source: string | null, value?: number, extra = {}) =>
      t.client.createOpportunity({
        body: {
          title,
          kind: 'client',
          stage,
          ...(value !== undefined ? { value: { amount: value, currency: 'EUR' } } : {}),
          ...(source ? { people: [{ personId: source, role: 'source' as const }] } : {}),
          ...extra,
        },
      });
    await add('Ana 1', 'won', ana, 1000);
    await add('Ana 2', 'won', ana, 2500);
    await add('Ana 3', 'lost', ana, 9000);
    await add('Raj 1', 'won', raj, 500);
    await add('Raj 2', 'lead', raj);
    await add('Li 1', 'won', li, 700, { sourceInteractionId: coffee.id });
    await add('Nobody', 'lead', null);
    const r = await t.client.opportunityReport({});
    expect(r.totals).toMatchObject({
      count: 7,
      won: 4,
      lost: 1,
      open: 2,
      wonValue: [{ currency: 'EUR', amount: 4700 }],
    });
    expect(r.bySource.map((s) => [s.person?.fullName ?? null, s.count, s.won, s.wonValue[0]?.amount ?? 0])).toEqual([
      ['Ana Ruiz', 3, 2, 3500],
      ['Li Wei', 1, 1, 700],
      ['Raj Patel', 2, 1, 500],
      [null, 1, 0, 0],
    ]);
    // Ana was met at a conference (in person); Raj on LinkedIn (online); Li's came from a video call (online).
    expect(Object.fromEntries(r.byChannel.map((c) => [c.channel, [c.count, c.won]]))).toEqual({
      in_person: [3, 2],
      online: [3, 2],
      unknown: [1, 0],
    });
    expect(r.byEvent.map((e) => [e.event, e.count])).toEqual([[null, 7]]);
  });

  it('links opportunities to the event they came through, and reports by event', async () => {
    const meetup = await t.client.createEvent({
      body: { name: 'Rust Lisbon', kind: 'meetup', startsOn: '2026-10-01' },
    });
    const webinar = await t.client.createEvent({
      body: { name: 'Payments webinar', kind: 'virtual', startsOn: '2026-10-02' },
    });
    const o = await t.client.createOpportunity({
      body: {
        title: 'Meetup lead',
        kind: 'client',
        stage: 'won',
        value: { amount: 300, currency: 'USD' },
        eventId: meetup.id,
      },
    });
    expect(o.event).toEqual({ id: meetup.id, name: 'Rust Lisbon', startsOn: '2026-10-01' });
    await t.client.createOpportunity({ body: { title: 'Webinar lead', kind: 'client', eventId: webinar.id } });
    const r = await t.client.opportunityReport({});
    const byEvent = Object.fromEntries(r.byEvent.map((e) => [e.event?.name ?? '-', [e.count, e.won, e.wonValue]]));
    expect(byEvent['Rust Lisbon']).toEqual([1, 1, [{ currency: 'USD', amount: 300 }]]);
    expect(byEvent['Payments webinar']).toEqual([1, 0, []]);
    // No source person, but the event says how: a meetup is in person, a virtual event online.
    const before = Object.fromEntries(r.byChannel.map((c) => [c.channel, c.count]));
    expect(before).toMatchObject({ in_person: 4, online: 4 });
    // An event deleted since reads as none.
    await t.client.deleteEvent({ params: { id: webinar.id } });
    const after = await t.client.opportunityReport({});
    expect(after.byEvent.map((e) => e.event?.name ?? null).sort()).toEqual(['Rust Lisbon', null].sort());
    const list = await t.client.listOpportunities({ query: { stage: 'lead' } });
    expect(list.items.find((x) => x.title === 'Webinar lead')).toMatchObject({ eventId: null, event: null });
  });

  it('refuses a stage that does not exist (naming the allowed ones), unknown people and bad values', async () => {
    const url = '/api/v1/opportunities';
    let p = await expectRefused(
      t,
      { method: 'POST', url, body: { title: 'X', kind: 'client', stage: 'negotiating' } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)['body.stage']).toBe('must be one of lead, contacted, in_progress, won, lost');
    p = await expectRefused(t, { method: 'POST', url, body: { title: 'X', kind: 'gig' } }, 400, 'validation_failed');
    expect(fieldErrors(p)['body.kind']).toMatch(/job_lead, referral, partnership, client, speaking, investment/);
    p = await expectRefused(
      t,
      { method: 'POST', url, body: { title: 'X', kind: 'client', people: [{ personId: MISSING_ID, role: 'source' }] } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)).toEqual({ 'body.people.0.personId': 'no such person in this workspace' });
    p = await expectRefused(
      t,
      {
        method: 'POST',
        url,
        body: {
          title: 'X',
          kind: 'client',
          people: [
            { personId: ana, role: 'source' },
            { personId: raj, role: 'source' },
          ],
        },
      },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)['body.people']).toMatch(/more than one source/);
    for (const value of [{ amount: -1, currency: 'EUR' }, { amount: 1, currency: 'euro' }, { amount: 1 }]) {
      await expectRefused(
        t,
        { method: 'POST', url, body: { title: 'X', kind: 'client', value } },
        400,
        'validation_failed',
      );
    }
    await expectRefused(
      t,
      { method: 'POST', url, body: { title: 'X', kind: 'client', eventId: MISSING_ID } },
      400,
      'validation_failed',
    );
    const o = await t.client.createOpportunity({ body: { title: 'Y', kind: 'speaking' } });
    p = await expectRefused(
      t,
      { method: 'POST', url: `${url}/${o.id}/move`, body: { stage: 'done' } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)['body.stage']).toBe('must be one of lead, contacted, in_progress, won, lost');
    await expectRefused(
      t,
      { method: 'POST', url: `${url}/${MISSING_ID}/move`, body: { stage: 'won' } },
      404,
      'not_found',
    );
    await expectRefused(t, { method: 'GET', url: `${url}?stage=nope` }, 400, 'validation_failed');
  });
});
