import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, openTestApp } from '../support/app.js';
import { DIALECTS } from '../support/db.js';
import { expectApiError, send } from './helpers.js';

/*
 * Team reach: colleagues see who knows someone at X — the connector and a
 * strength band — and nothing private. Unique markers are planted in every
 * private place of the shared contact and must never come back.
 */

const MARKERS = [
  'mk-notes-7f3a',
  'mk-learning-91bc',
  'mk-summary-4d2e',
  'mk-inotes-c81f',
  'mk-email-5be0@example.test',
  '+44 20 7946 0958',
  'mk-tag-e2a9',
  'mk-topic-3c77',
  'mk-howmet-0a4d',
];

describe.each(DIALECTS)('team reach on %s', (dialect) => {
  let t: TestApp;
  let ana: TestUser;
  let raj: TestUser;
  let kim: TestUser;
  let teamId = '';
  let priyaId = '';
  const bodies: string[] = [];

  async function reach(who: TestUser, query: string) {
    const res = await send(t.app, {
      method: 'GET',
      url: `/api/v1/workspaces/${teamId}/reach?${query}`,
      headers: { authorization: `Bearer ${who.token}` },
    });
    bodies.push(res.body);
    return res;
  }
  const names = async (who: TestUser, query: string) => {
    const res = await reach(who, query);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { contact: { fullName: string } }[] }).items.map((i) => i.contact.fullName);
  };
  const share = (who: TestUser, on: boolean) =>
    who.client.setReachSharing({ params: { id: teamId }, body: { share: on } });

  beforeAll(async () => {
    t = await openTestApp(dialect);
    ana = t.owner;
    raj = await t.createUser();
    kim = await t.createUser();
    const team = await ana.client.createWorkspace({ body: { name: 'Acme Ventures' } });
    teamId = team.id;
    const invite = await ana.client.createInvitation({ params: { id: teamId }, body: {} });
    await raj.client.acceptInvitation({ params: { token: invite.token } });

    // Ana's private contact, with a marker in every private place.
    const priya = await ana.client.createPerson({
      body: {
        fullName: 'Priya Nair',
        headline: 'Payments infrastructure',
        roleTitle: 'CTO',
        organisationName: 'Stripe',
        circle: 'close',
        notes: 'mk-notes-7f3a',
        emails: [{ value: 'mk-email-5be0@example.test' }],
        phones: [{ value: '+44 20 7946 0958' }],
        tags: ['mk-tag-e2a9'],
        topics: ['mk-topic-3c77'],
        howWeMet: { context: 'mk-howmet-0a4d' },
      },
    });
    priyaId = priya.id;
    await ana.client.createLearning({ params: { id: priya.id }, body: { body: 'mk-learning-91bc' } });
    await ana.client.createInteraction({
      body: { kind: 'coffee', summary: 'mk-summary-4d2e', notes: 'mk-inotes-c81f', participantIds: [priya.id] },
    });
    // Raj's contact at Stripe; Raj has not opted in.
    await raj.client.createPerson({ body: { fullName: 'Omar Haddad', organisationName: 'Stripe', circle: 'inner' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows nothing until a member opts in, then the connector and a band', async () => {
    expect(await names(raj, 'org=Stripe')).toEqual([]);
    expect(await ana.client.getReachSharing({ params: { id: teamId } })).toEqual({ share: false, sharingMembers: 0 });
    const on = await share(ana, true);
    expect(await ana.client.getReachSharing({ params: { id: teamId } })).toEqual({ share: true, sharingMembers: 1 });
    expect(on).toEqual({ share: true, sharingMembers: 1 });
    const res = await reach(raj, 'org=stripe');
    expect(res.json()).toEqual({
      items: [
        {
          contact: { fullName: 'Priya Nair', headline: 'Payments infrastructure', role: 'CTO', organisation: 'Stripe' },
          connector: { userId: ana.user.id, displayName: ana.user.displayName },
          strength: 'close',
        },
      ],
      sharing: false,
      sharingMembers: 1,
    });
    // Words match the public face only.
    expect(await names(raj, 'q=priya cto')).toEqual(['Priya Nair']);
  });

  it("never shows an opted-out member's contacts", async () => {
    expect(await names(ana, 'org=Stripe')).toEqual(['Priya Nair']);
    expect(await names(raj, 'q=omar')).toEqual([]);
    await share(raj, true);
    expect(await names(ana, 'org=Stripe')).toEqual(['Omar Haddad', 'Priya Nair']);
    await share(raj, false);
    expect(await names(ana, 'org=Stripe')).toEqual(['Priya Nair']);
  });

  it('cannot be used to probe private fields', async () => {
    for (const m of MARKERS) {
      expect(await names(raj, `q=${encodeURIComponent(m)}`)).toEqual([]);
    }
  });

  it('is 404 to anyone outside the team, and to a team that does not exist', async () => {
    await expectApiError(
      kim.client.findTeamReach({ params: { id: teamId }, query: { org: 'Stripe' } }),
      404,
      'not_found',
    );
    await expectApiError(
      kim.client.setReachSharing({ params: { id: teamId }, body: { share: true } }),
      404,
      'not_found',
    );
    await expectApiError(
      raj.client.findTeamReach({ params: { id: '01900000-0000-7000-8000-000000000000' }, query: { org: 'Stripe' } }),
      404,
      'not_found',
    );
    const bad = await reach(raj, '');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('org=<organisation> or q=<words>');
  });

  it('hides a member the moment they opt out', async () => {
    expect(await names(raj, 'org=Stripe')).toEqual(['Priya Nair']);
    expect(await share(ana, false)).toEqual({ share: false, sharingMembers: 0 });
    expect(await names(raj, 'org=Stripe')).toEqual([]);
  });

  it('never returned anything private, in any response', () => {
    expect(bodies.length).toBeGreaterThan(10);
    const all = bodies.join('\n');
    for (const m of [...MARKERS, priyaId]) expect(all).not.toContain(m);
  });
});
