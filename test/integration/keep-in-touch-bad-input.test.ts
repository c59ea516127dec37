import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import {
  MISSING_ID,
  type WatchedApp,
  expectProblem,
  expectRefused,
  fieldErrors,
  openWatchedApp,
  send,
} from './helpers.js';

/* Bad input to the keep-in-touch endpoints: problem+json 4xx, and nothing written. */

describe.each(DIALECTS)('keep-in-touch bad input on %s', (dialect) => {
  let t: WatchedApp;
  let personId = '';
  let followUpId = '';
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    personId = (await t.client.createPerson({ body: buildPerson({ circle: 'inner' }) })).id;
    followUpId = (await t.client.createFollowUp({ body: { personIds: [personId] } })).id;
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it.each([
    ['no people', { personIds: [] }, 'body.personIds'],
    ['an unknown person', { personIds: [MISSING_ID] }, 'body.personIds.0'],
    ['a person twice', { personIds: ['x', 'x'] }, 'body.personIds.0'],
    ['a bad kind', { kind: 'nag', personIds: ['P'] }, 'body.kind'],
    ['a date that does not exist', { dueOn: '2026-02-30', personIds: ['P'] }, 'body.dueOn'],
    ['an unknown field', { personIds: ['P'], priority: 1 }, 'body'],
    ['a NUL in the notes', { personIds: ['P'], notes: 'a\u0000b' }, 'body.notes'],
  ])('refuses a follow-up with %s', async (_what, body, path) => {
    const resolved = JSON.parse(JSON.stringify(body).replaceAll('"P"', JSON.stringify(personId)));
    const problem = await expectRefused(
      t,
      { method: 'POST', url: '/api/v1/follow-ups', body: resolved },
      400,
      'validation_failed',
    );
    expect(Object.keys(fieldErrors(problem)).some((p) => p.startsWith(path))).toBe(true);
  });

  it('refuses snoozes without a date, in the past, or for too long', async () => {
    const url = `/api/v1/follow-ups/${followUpId}/snooze`;
    await expectRefused(t, { method: 'POST', url, body: {} }, 400, 'validation_failed');
    await expectRefused(t, { method: 'POST', url, body: { until: '2020-01-01' } }, 400, 'validation_failed');
    await expectRefused(t, { method: 'POST', url, body: { days: 0 } }, 400, 'validation_failed');
    await expectRefused(t, { method: 'POST', url, body: { days: 3, until: '2030-01-01' } }, 400, 'validation_failed');
    await expectRefused(
      t,
      { method: 'POST', url: `/api/v1/people/${personId}/snooze`, body: { until: 'tomorrow' } },
      400,
      'validation_failed',
    );
  });

  it('answers 404 for follow-ups, achievements and people that do not exist', async () => {
    for (const [method, url, body] of [
      ['GET', `/api/v1/follow-ups/${MISSING_ID}`, undefined],
      ['POST', `/api/v1/follow-ups/${MISSING_ID}/complete`, {}],
      ['POST', `/api/v1/follow-ups/${MISSING_ID}/snooze`, { days: 1 }],
      ['DELETE', `/api/v1/follow-ups/${MISSING_ID}`, undefined],
      ['GET', `/api/v1/achievements/${MISSING_ID}`, undefined],
      ['DELETE', `/api/v1/achievements/${MISSING_ID}`, undefined],
      ['POST', `/api/v1/people/${MISSING_ID}/achievements`, { kind: 'award', title: 'x' }],
      ['POST', `/api/v1/people/${MISSING_ID}/snooze`, { days: 3 }],
      ['GET', `/api/v1/people/${MISSING_ID}/draft`, undefined],
      ['POST', `/api/v1/nudges/due.${MISSING_ID}.2026-01-01/dismiss`, undefined],
      ['POST', `/api/v1/nudges/fu.${MISSING_ID}.2026-01-01/done`, {}],
    ] as const) {
      await expectRefused(t, { method, url, ...(body ? { body } : {}) }, 404, 'not_found');
    }
  });

  it('refuses bad achievements', async () => {
    const url = `/api/v1/people/${personId}/achievements`;
    for (const body of [
      { kind: 'raise', title: 'x' },
      { kind: 'award', title: '' },
      { kind: 'award', title: 'x', url: 'javascript:alert(1)' },
      { kind: 'award', title: 'x', occurredOn: '2026-13-01' },
      { kind: 'award', title: 'x', extra: true },
    ]) {
      await expectRefused(t, { method: 'POST', url, body }, 400, 'validation_failed');
    }
  });

  it('refuses bad settings and keeps the old ones', async () => {
    const before = await t.client.getSettings({});
    for (const body of [
      { timeZone: 'Mars/Olympus_Mons' },
      { cadences: { inner: 0 } },
      { cadences: { best: 3 } },
      { followUps: { delayDays: 100 } },
      { weeklyGoal: { touches: -1 } },
      { weekStartsOn: 3 },
      { templates: { nope: 'x' } },
      { theme: 'dark' },
    ]) {
      await expectRefused(t, { method: 'PATCH', url: '/api/v1/settings', body }, 400, 'validation_failed');
    }
    expect(await t.client.getSettings({})).toEqual(before);
  });

  it('refuses bad nudge keys, today dates and templates', async () => {
    await expectRefused(t, { method: 'POST', url: '/api/v1/nudges/bogus/dismiss' }, 400, 'validation_failed');
    await expectRefused(t, { method: 'POST', url: '/api/v1/nudges/due.x%00y/dismiss' }, 400, 'validation_failed');
    expectProblem(await send(t.app, { method: 'GET', url: '/api/v1/today?date=2026-02-30' }), 400, 'validation_failed');
    expectProblem(
      await send(t.app, { method: 'GET', url: `/api/v1/people/${personId}/draft?template=love_letter` }),
      400,
      'validation_failed',
    );
    expectProblem(await send(t.app, { method: 'GET', url: '/api/v1/goal?weeks=0' }), 400, 'validation_failed');
  });

  it('refuses a stale follow-up version and a missing one', async () => {
    const url = `/api/v1/follow-ups/${followUpId}`;
    await expectRefused(t, { method: 'PATCH', url, body: { title: 'x' } }, 428, 'version_required');
    await expectRefused(t, { method: 'PATCH', url, body: { title: 'x', version: 99 } }, 412, 'stale_version');
  });
});
