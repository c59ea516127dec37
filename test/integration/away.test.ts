import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors.js';
import { createServices } from '../../src/services/index.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { DAY, TestClock } from '../support/clock.js';
import type { TestUser } from '../support/app.js';
import { expectApiError, expectProblem, fieldErrors, openWatchedApp, send, type WatchedApp } from './helpers.js';

/* Away periods over HTTP: create, list, delete, bad input, scope, and what Today makes of them. */

describe.each(DIALECTS)('away periods on %s', (dialect) => {
  let t: WatchedApp;
  let a: TestUser;
  let b: TestUser;
  const clock = new TestClock(Date.parse('2026-11-26T09:00:00.000Z'));

  beforeAll(async () => {
    t = await openWatchedApp(dialect, { clock });
    a = t.owner;
    b = await t.createUser();
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t?.close();
  });

  it('records, lists (soonest first, past ones on request) and removes a period', async () => {
    const later = await a.client.createAwayPeriod({ body: { from: '2027-02-01', to: '2027-02-07' } });
    const holidays = await a.client.createAwayPeriod({
      body: { from: '2026-12-20', to: '2027-01-03', label: '  Holidays ' },
    });
    expect(holidays).toMatchObject({ from: '2026-12-20', to: '2027-01-03', label: 'Holidays' });
    expect(later.label).toBeNull();
    const list = await a.client.listAwayPeriods({ query: {} });
    expect(list.items.map((p) => p.id)).toEqual([holidays.id, later.id]);
    await a.client.deleteAwayPeriod({ params: { id: later.id } });
    expect((await a.client.listAwayPeriods({ query: {} })).items.map((p) => p.id)).toEqual([holidays.id]);
    await expectApiError(a.client.deleteAwayPeriod({ params: { id: later.id } }), 404, 'not_found');
    // A period that has ended drops out of the list, unless asked for.
    const short = await a.client.createAwayPeriod({ body: { from: '2026-11-26', to: '2026-11-27' } });
    clock.advance(3 * DAY);
    expect((await a.client.listAwayPeriods({ query: {} })).items.map((p) => p.id)).toEqual([holidays.id]);
    const all = await a.client.listAwayPeriods({ query: { past: 'true' } });
    expect(all.items.map((p) => p.id)).toEqual([short.id, holidays.id]);
    clock.advance(-3 * DAY);
    await a.client.deleteAwayPeriod({ params: { id: short.id } });
    await a.client.deleteAwayPeriod({ params: { id: holidays.id } });
  });

  it('answers bad input with problem+json naming the field', async () => {
    const post = (body: unknown) =>
      send(t.app, {
        method: 'POST',
        url: '/api/v1/away-periods',
        body,
        headers: { authorization: `Bearer ${a.token}` },
      });
    const backwards = expectProblem(await post({ from: '2026-12-20', to: '2026-12-10' }), 400, 'validation_failed');
    expect(fieldErrors(backwards)['body.to']).toMatch(/on or after from/);
    const notADate = expectProblem(await post({ from: '2026-02-30', to: '2026-03-02' }), 400, 'validation_failed');
    expect(Object.keys(fieldErrors(notADate))).toEqual(['body.from']);
    const past = expectProblem(await post({ from: '2026-10-01', to: '2026-10-10' }), 400, 'validation_failed');
    expect(fieldErrors(past)['body.to']).toMatch(/past/);
    const tooLong = expectProblem(await post({ from: '2027-01-01', to: '2028-06-01' }), 400, 'validation_failed');
    expect(fieldErrors(tooLong)['body.to']).toMatch(/at most 366 days/);
    expectProblem(await post({ from: '2027-01-01', to: '2027-01-02', colour: 'red' }), 400, 'validation_failed');
    expectProblem(
      await post({ from: '2027-01-01', to: '2027-01-02', label: 'x'.repeat(81) }),
      400,
      'validation_failed',
    );
    // PostgreSQL refuses NUL in text: it must be a 400 naming the field, never a 500.
    const nul = expectProblem(
      await post({ from: '2027-01-01', to: '2027-01-02', label: 'a\u0000b' }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(nul)['body.label']).toMatch(/control characters/);
    const first = await a.client.createAwayPeriod({ body: { from: '2027-03-01', to: '2027-03-10' } });
    const overlap = expectProblem(await post({ from: '2027-03-10', to: '2027-03-12' }), 409, 'away_overlap');
    expect(overlap.detail).toContain('2027-03-01');
    const bad = await send(t.app, {
      method: 'DELETE',
      url: '/api/v1/away-periods/not-an-id',
      headers: { authorization: `Bearer ${a.token}` },
    });
    expectProblem(bad, 400, 'validation_failed');
    await a.client.deleteAwayPeriod({ params: { id: first.id } });
  });

  it('keeps periods to their workspace: another user neither sees nor removes them, nor has their Today changed', async () => {
    const mine = await a.client.createAwayPeriod({
      body: { from: '2026-12-01', to: '2026-12-14', label: 'Secret trip' },
    });
    expect((await b.client.listAwayPeriods({ query: { past: 'true' } })).items).toEqual([]);
    await expectApiError(b.client.deleteAwayPeriod({ params: { id: mine.id } }), 404, 'not_found');
    // B may book the same dates: periods do not collide across workspaces.
    const theirs = await b.client.createAwayPeriod({ body: { from: '2026-12-01', to: '2026-12-14' } });
    expect((await a.client.listAwayPeriods({ query: {} })).items.map((p) => p.id)).toEqual([mine.id]);
    await b.client.deleteAwayPeriod({ params: { id: theirs.id } });
    await a.client.deleteAwayPeriod({ params: { id: mine.id } });
  });

  it('keeps periods to their user inside one workspace', async () => {
    const s = createServices(t.db, clock);
    const workspaceId = (await t.db.kysely.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    const one = { workspaceId, userId: 'user-one' };
    const two = { workspaceId, userId: 'user-two' };
    const p = await s.away.create(one, { from: '2027-05-01', to: '2027-05-02' });
    expect((await s.away.list(two, { past: true })).items).toEqual([]);
    await expect(s.away.remove(two, p.id)).rejects.toBeInstanceOf(AppError);
    await s.away.remove(one, p.id);
  });

  it('brings forward, before leaving, the inner check-ins that would fall due while away, and says why', async () => {
    const friend = await a.client.createPerson({ body: buildPerson({ fullName: 'Ines Ito', circle: 'inner' }) });
    await a.client.createInteraction({
      body: {
        kind: 'check_in',
        summary: 'Checked in',
        participantIds: [friend.id],
        occurredAt: new Date(clock.now().getTime() - 3 * DAY).toISOString(),
      },
    });
    // Due 7 Dec: too far ahead for Today on its own (inner check-ins come up 7 days early).
    const before = await a.client.getToday({ query: {} });
    const checkIn = (n: { kind: string; people: { id: string }[] }) =>
      n.kind === 'check_in_due' && n.people[0]?.id === friend.id;
    expect(before.nudges.filter(checkIn)).toEqual([]);

    const trip = await a.client.createAwayPeriod({ body: { from: '2026-11-30', to: '2026-12-13', label: 'Holidays' } });
    const today = await a.client.getToday({ query: {} });
    const nudge = today.nudges.find(checkIn);
    expect(nudge).toMatchObject({ kind: 'check_in_due', beforeAway: '2026-11-30', urgent: false, dueOn: '2026-12-07' });
    expect(nudge?.reason).toContain(
      'due 7 Dec, while you are away from 30 Nov (Holidays), so check in before you leave',
    );
    // The last working day before leaving (Friday 27 Nov, leaving on Monday): still brought forward, ranked
    // above what it was on Thursday, and routine (only check-ins already due become urgent then).
    const friday = await a.client.getToday({ query: { date: '2026-11-27' } });
    const fridayNudge = friday.nudges.find(checkIn);
    expect(fridayNudge).toMatchObject({ beforeAway: '2026-11-30', urgent: false });
    expect(fridayNudge?.score).toBeGreaterThan(nudge?.score ?? 0);
    // While away nothing routine is urgent, and after coming back it says why it is late.
    const away = await a.client.getToday({ query: { date: '2026-12-10' } });
    expect(away.nudges.find(checkIn)?.urgent).toBe(false);
    const back = await a.client.getToday({ query: { date: '2026-12-14' } });
    expect(back.nudges.find((n) => n.people[0]?.id === friend.id)?.reason).toContain(
      'It fell due while you were away.',
    );
    await a.client.deleteAwayPeriod({ params: { id: trip.id } });
    const after = await a.client.getToday({ query: {} });
    expect(after.nudges.filter(checkIn)).toEqual([]);
  });
});
