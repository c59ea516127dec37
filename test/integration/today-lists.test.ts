import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Circle } from '../../src/contract/common.js';
import type { Person } from '../../src/contract/people.js';
import type { Today } from '../../src/contract/keep-in-touch.js';
import { addDays } from '../../src/domain/dates.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import type { TestUser } from '../support/app.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/*
 * The lists of people Today reads (due, due per circle, cooling, dormant), with
 * more people than each list's limit, on both databases: which people each list
 * keeps and in which order, across circles. Each test has a workspace of its own.
 */

const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('Today people lists on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  async function workspace(): Promise<TestUser> {
    const u = await t.createUser();
    await u.client.updateSettings({ body: { cadences: { inner: 14, close: 30, wider: 90, loose: 180 } } });
    return u;
  }
  /** People of a circle due the given number of days from now (a cadence override), created in order. */
  async function people(u: TestUser, circle: Circle, cadences: number[]): Promise<Person[]> {
    const out: Person[] = [];
    for (const cadenceDays of cadences) {
      out.push(await u.client.createPerson({ body: buildPerson({ circle, cadenceDays }) }));
    }
    return out;
  }
  const dueKey = (p: Person) => `${p.keepInTouch.nextDueOn ?? '9999-12-31'} ${p.id}`;
  const checkIns = (day: Today) => day.nudges.filter((n) => n.kind === 'check_in_due').map((n) => n.people[0]?.id);

  it('keeps the 20 first due across circles in due order, and at most 10 check-ins of a circle', async () => {
    const u = await workspace();
    // Looked at 60 days from now: all of these are due, on dates that interleave across circles,
    // with ties on a date (broken by id).
    const inner = await people(
      u,
      'inner',
      Array.from({ length: 24 }, (_, i) => 1 + i * 2),
    );
    const close = await people(u, 'close', [2, 2, 30, 30, 40, 40]);
    const wider = await people(u, 'wider', [3, 3, 50]);
    const none = await people(u, 'none', [5, 45]);
    // Due after the day looked at, within the inner circle's lead: not in the due list.
    const soon = await people(u, 'inner', [63]);
    await people(u, 'loose', [200]);
    const date = addDays(today(), 60);
    const day = await u.client.getToday({ query: { date } });

    const due = [...inner, ...close, ...wider, ...none];
    const expected = [...due].sort((a, b) => dueKey(a).localeCompare(dueKey(b)));
    expect(day.due.total).toBe(due.length);
    expect(day.due.items.map((d) => d.id)).toEqual(expected.slice(0, 20).map((p) => p.id));
    expect(day.due.items.map((d) => d.nextDueOn)).toEqual(expected.slice(0, 20).map((p) => p.keepInTouch.nextDueOn));
    // The 20 first hold more than 10 of the inner circle: the due list is not cut per circle.
    expect(day.due.items.filter((d) => d.circle === 'inner').length).toBeGreaterThan(10);
    expect(day.due.items.map((d) => d.id)).not.toContain(soon[0]?.id);

    // Check-ins: only the 10 first due of each circle are candidates, so the inner circle, the most
    // overdue and the most important, leaves room for the others.
    const ids = checkIns(day);
    const innerIds = new Set(inner.map((p) => p.id));
    const firstInner = new Set(inner.slice(0, 10).map((p) => p.id));
    const innerCheckIns = ids.filter((id) => id && innerIds.has(id));
    expect(innerCheckIns.length).toBeGreaterThan(0);
    for (const id of innerCheckIns) expect(firstInner.has(id ?? '')).toBe(true);
    expect(ids.length).toBeGreaterThan(innerCheckIns.length);
  });

  it('asks about the strongest cooling inner and close ties, and reconnecting with dormant ones', async () => {
    const u = await workspace();
    const [innerA, innerB] = await people(u, 'inner', [100, 100]);
    const close = await people(
      u,
      'close',
      Array.from({ length: 12 }, () => 100),
    );
    const [wider] = await people(u, 'wider', [100]);
    const [dormant, tooFew, tooLong, recent] = await people(u, 'loose', [1000, 1000, 1000, 1000]);
    const set = async (p: Person | undefined, values: Record<string, unknown>) => {
      await t.db.kysely
        .updateTable('people')
        .set(values)
        .where('id', '=', p?.id ?? '')
        .execute();
    };
    // Cooling: ten close ones are read, the strongest; wider ties are not asked about.
    await set(innerA, { strengthTrend: 'cooling', strength: 20 });
    await set(innerB, { strengthTrend: 'steady', strength: 90 });
    for (const [i, p] of close.entries()) await set(p, { strengthTrend: 'cooling', strength: 10 + i * 5 });
    await set(wider, { strengthTrend: 'cooling', strength: 95 });
    // Dormant: in touch five times or more, last 180 days to two years ago.
    const at = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await set(dormant, { lastInteractionAt: at(300), interactionCount: 6 });
    await set(tooFew, { lastInteractionAt: at(300), interactionCount: 4 });
    await set(tooLong, { lastInteractionAt: at(800), interactionCount: 9 });
    await set(recent, { lastInteractionAt: at(100), interactionCount: 9 });

    const day = await u.client.getToday({});
    const cooling = day.nudges.filter((n) => n.kind === 'cooling').map((n) => n.people[0]?.id);
    expect(new Set(cooling)).toEqual(new Set([innerA?.id, ...close.slice(2).map((p) => p.id)]));
    const reconnect = day.nudges.filter((n) => n.kind === 'reconnect');
    expect(reconnect.map((n) => n.people[0]?.id)).toEqual([dormant?.id]);
    expect(reconnect[0]?.reason).toMatch(/in touch 6 times, but not for 300 days/);
    expect(day.nudges.length).toBe(12);
  });
  it('keeps the 40 nearest dates across a month boundary, in calendar order', async () => {
    const u = await workspace();
    // Looked at from 25 January: the window runs into February. Six dates late in January and
    // 45 early in February: all January ones, then the first 34 of February.
    const jan = [26, 27, 28, 29, 30, 31].map((day) => ({
      kind: 'custom' as const,
      label: `jan ${day}`,
      month: 1,
      day,
    }));
    const feb = Array.from({ length: 45 }, (_, i) => ({
      kind: 'custom' as const,
      label: `feb ${i}`,
      month: 2,
      day: 1 + (i % 7),
    }));
    for (const dates of [jan, feb.slice(0, 25), feb.slice(25)]) {
      await u.client.createPerson({ body: buildPerson({ circle: 'none', importantDates: dates }) });
    }
    const date = `${Number(today().slice(0, 4)) + 1}-01-25`;
    const day = await u.client.getToday({ query: { date } });
    const got = day.upcomingDates.map((d) => d.inDays);
    expect(got).toHaveLength(40);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(day.upcomingDates.filter((d) => d.label?.startsWith('jan')).map((d) => d.label)).toEqual(
      jan.map((d) => d.label),
    );
    // February's 45 dates fall on its first seven days; the 34 kept are the nearest of them.
    const febDays = feb.map((d) => d.day).sort((a, b) => a - b);
    expect(got.slice(6)).toEqual(febDays.slice(0, 34).map((d) => 6 + d));
  });
  it('lists the 30 first follow-ups due, each with its own people', async () => {
    const u = await workspace();
    const [a, b] = await people(u, 'none', [400, 400]);
    // 33 follow-ups due within the week, on four days; the three due last are past the limit.
    const made: { id: string; dueOn: string; people: string[] }[] = [];
    for (let i = 0; i < 33; i++) {
      const personIds = i % 3 === 0 ? [a?.id ?? '', b?.id ?? ''] : [i % 2 ? (a?.id ?? '') : (b?.id ?? '')];
      const dueOn = addDays(today(), 1 + (i % 4));
      const f = await u.client.createFollowUp({ body: { title: `f${i}`, dueOn, personIds } });
      made.push({ id: f.id, dueOn, people: [...personIds].sort() });
    }
    const day = await u.client.getToday({});
    const expected = [...made].sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.id.localeCompare(y.id)).slice(0, 30);
    expect(day.followUps.map((f) => f.id)).toEqual(expected.map((f) => f.id));
    expect(day.followUps.map((f) => f.people.map((p) => p.id).sort())).toEqual(expected.map((f) => f.people));
  });
  it('keeps the 40 nearest dates when the rest of the month has more than that', async () => {
    const u = await workspace();
    // From 25 January: 42 dates on 26–31 January fill the list; 1 February is not reached.
    const jan = Array.from({ length: 42 }, (_, i) => ({
      kind: 'custom' as const,
      label: `jan ${i}`,
      month: 1,
      day: 31 - (i % 6),
    }));
    const feb = [{ kind: 'custom' as const, label: 'feb 1', month: 2, day: 1 }];
    for (const dates of [jan.slice(0, 21), feb, jan.slice(21)]) {
      await u.client.createPerson({ body: buildPerson({ circle: 'none', importantDates: dates }) });
    }
    const date = `${Number(today().slice(0, 4)) + 1}-01-25`;
    const day = await u.client.getToday({ query: { date } });
    const got = day.upcomingDates.map((d) => d.inDays);
    expect(got).toEqual(
      jan
        .map((d) => d.day - 25)
        .sort((a, b) => a - b)
        .slice(0, 40),
    );
    expect(day.upcomingDates.some((d) => d.label === 'feb 1')).toBe(false);
  });
});
