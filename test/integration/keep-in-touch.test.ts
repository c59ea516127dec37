import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../src/contract/people.js';
import { addDays } from '../../src/domain/dates.js';
import { derivedMismatches } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

/*
 * Keep in touch through the API on both databases: cadences and due dates,
 * strength, automatic follow-ups, completing with a log, snoozing, nudges and
 * Today. The clock is real and the workspace is in UTC, so dates are relative.
 */

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('keep in touch on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });
  beforeEach(async () => {
    await t.client.updateSettings({
      body: {
        followUps: { autoCreate: true, delayDays: 2 },
        cadences: { inner: 14, close: 30, wider: 90, loose: 180 },
      },
    });
  });

  const create = (overrides: Parameters<typeof buildPerson>[0] = {}) =>
    t.client.createPerson({ body: buildPerson(overrides) });
  const log = (
    personIds: string[],
    kind: 'coffee' | 'call' | 'check_in' | 'online_engagement' | 'congratulation',
    when = daysAgo(0),
  ) =>
    t.client.createInteraction({
      body: { kind, summary: `${kind} together`, participantIds: personIds, occurredAt: when },
    });
  const person = (p: Pick<Person, 'id'>) => t.client.getPerson({ params: { id: p.id } });
  const openFollowUps = (personId: string) =>
    t.client.listFollowUps({ query: { personId, status: 'open' } }).then((r) => r.items);

  it('gives a person a due date from their circle, and moves it with the circle and an override', async () => {
    const p = await create({ circle: 'inner' });
    expect(p.keepInTouch).toMatchObject({
      cadenceDays: 14,
      nextDueOn: addDays(today(), 14),
      strength: 0,
      trend: 'steady',
    });
    const loose = await t.client.updatePerson({ params: { id: p.id }, body: { version: p.version, circle: 'loose' } });
    expect(loose.keepInTouch).toMatchObject({ cadenceDays: 180, nextDueOn: addDays(today(), 180) });
    const override = await t.client.updatePerson({
      params: { id: p.id },
      body: { version: loose.version, cadenceDays: 7 },
    });
    expect(override.keepInTouch).toMatchObject({ cadenceDays: 7, nextDueOn: addDays(today(), 7) });
    const none = await create({ circle: 'none' });
    expect(none.keepInTouch).toMatchObject({ cadenceDays: null, nextDueOn: null });
  });

  it('resets the due date with a meaningful interaction but not with a like, and computes strength', async () => {
    const p = await create({ circle: 'close' });
    await log([p.id], 'call', daysAgo(40));
    // Strength and trend follow through the catch-up job (due dates at once).
    await t.catchUp();
    let read = await person(p);
    expect(read.keepInTouch.nextDueOn).toBe(addDays(daysAgo(40).slice(0, 10), 30));
    const before = read.keepInTouch.strength;
    expect(before).toBeGreaterThan(0);
    await log([p.id], 'online_engagement');
    await t.catchUp();
    read = await person(p);
    expect(read.keepInTouch.nextDueOn).toBe(addDays(daysAgo(40).slice(0, 10), 30));
    expect(read.keepInTouch.strength).toBeGreaterThan(before);
    await log([p.id], 'check_in');
    await t.catchUp();
    read = await person(p);
    expect(read.keepInTouch).toMatchObject({ nextDueOn: addDays(today(), 30), trend: 'warming' });
  });

  it('follows a deleted interaction back to the earlier due date', async () => {
    const p = await create({ circle: 'inner' });
    await log([p.id], 'call', daysAgo(20));
    const recent = await log([p.id], 'call', daysAgo(1));
    expect((await person(p)).keepInTouch.nextDueOn).toBe(addDays(daysAgo(1).slice(0, 10), 14));
    await t.client.deleteInteraction({ params: { id: recent.id } });
    expect((await person(p)).keepInTouch.nextDueOn).toBe(addDays(daysAgo(20).slice(0, 10), 14));
  });

  it('creates a follow-up after an in-person meeting, one per person, due after the delay', async () => {
    const [a, b] = [await create(), await create()];
    if (!a || !b) throw new Error('setup');
    const coffee = await log([a.id, b.id], 'coffee');
    const fa = await openFollowUps(a.id);
    expect(fa).toHaveLength(1);
    expect(fa[0]).toMatchObject({
      kind: 'thank_you',
      title: 'Send a thank-you',
      dueOn: addDays(today(), 2),
      status: 'open',
      sourceInteractionId: coffee.id,
      people: [{ id: a.id }],
    });
    expect(await openFollowUps(b.id)).toHaveLength(1);
    // Calls are not in person; old meetings are history.
    await log([a.id], 'call');
    await log([a.id], 'coffee', daysAgo(60));
    expect(await openFollowUps(a.id)).toHaveLength(1);
  });

  it('creates no follow-up when turned off, and uses the configured delay', async () => {
    await t.client.updateSettings({ body: { followUps: { autoCreate: false } } });
    const p = await create();
    await log([p.id], 'coffee');
    expect(await openFollowUps(p.id)).toEqual([]);
    await t.client.updateSettings({ body: { followUps: { autoCreate: true, delayDays: 5 } } });
    await log([p.id], 'coffee');
    expect((await openFollowUps(p.id))[0]?.dueOn).toBe(addDays(today(), 5));
  });

  it('completes a follow-up and logs the interaction in the same step', async () => {
    const p = await create({ circle: 'inner' });
    await log([p.id], 'coffee', daysAgo(1));
    const [f] = await openFollowUps(p.id);
    if (!f) throw new Error('no follow-up');
    const done = await t.client.completeFollowUp({
      params: { id: f.id },
      body: { log: { summary: 'Sent a thank-you note' } },
    });
    expect(done).toMatchObject({
      status: 'done',
      completedAt: expect.any(String),
      doneInteractionId: expect.any(String),
    });
    const logged = await t.client.getInteraction({ params: { id: done.doneInteractionId ?? '' } });
    expect(logged).toMatchObject({ kind: 'message', summary: 'Sent a thank-you note', participants: [{ id: p.id }] });
    expect((await person(p)).interactionCount).toBe(2);
    // Logging from a follow-up never creates another follow-up, and a done one cannot be done twice.
    expect(await openFollowUps(p.id)).toEqual([]);
    await expectApiError(t.client.completeFollowUp({ params: { id: f.id }, body: {} }), 400, 'follow_up_closed');
    const reopened = await t.client.updateFollowUp({
      params: { id: f.id },
      body: { version: done.version, status: 'open' },
    });
    expect(reopened).toMatchObject({ status: 'open', completedAt: null });
  });

  it('creates, snoozes, lists and deletes follow-ups by hand', async () => {
    const [a, b] = [await create(), await create()];
    if (!a || !b) throw new Error('setup');
    const f = await t.client.createFollowUp({ body: { kind: 'intro', personIds: [a.id, b.id] } });
    expect(f).toMatchObject({ title: 'Make the introduction', dueOn: addDays(today(), 2), snoozeCount: 0 });
    expect(f.people.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    const later = await t.client.snoozeFollowUp({ params: { id: f.id }, body: { days: 7 } });
    expect(later).toMatchObject({ dueOn: addDays(today(), 7), snoozeCount: 1 });
    const due = await t.client.listFollowUps({ query: { dueBefore: addDays(today(), 3) } });
    expect(due.items.map((x) => x.id)).not.toContain(f.id);
    await t.client.deleteFollowUp({ params: { id: f.id } });
    await expectApiError(t.client.getFollowUp({ params: { id: f.id } }), 404, 'not_found');
  });

  it('snoozes a person and ends the snooze', async () => {
    const p = await create({ circle: 'inner' });
    const until = addDays(today(), 40);
    const snoozed = await t.client.snoozePerson({ params: { id: p.id }, body: { until } });
    expect(snoozed).toMatchObject({ snoozedUntil: until, nextDueOn: until });
    const back = await t.client.unsnoozePerson({ params: { id: p.id } });
    expect(back).toMatchObject({ snoozedUntil: null, nextDueOn: addDays(today(), 14) });
    await expectApiError(
      t.client.snoozePerson({ params: { id: p.id }, body: { until: today() } }),
      400,
      'validation_failed',
    );
  });

  it('shows due people on Today and lets a check-in take them off', async () => {
    const p = await create({ circle: 'inner', fullName: 'Dana Due' });
    await log([p.id], 'call', daysAgo(20));
    let day = await t.client.getToday({});
    expect(day.date).toBe(today());
    const item = day.due.items.find((d) => d.id === p.id);
    expect(item).toMatchObject({ daysOverdue: 6, circle: 'inner' });
    const nudge = day.nudges.find((n) => n.people[0]?.id === p.id);
    expect(nudge).toMatchObject({ kind: 'check_in_due', action: { type: 'log_check_in' } });
    expect(nudge?.reason).toMatch(/^No contact with Dana Due for 20 days, cadence 14/);

    const done = await t.client.completeNudge({ params: { key: nudge?.key ?? '' }, body: { log: {} } });
    expect(done).toMatchObject({ state: 'acted', interactionId: expect.any(String) });
    day = await t.client.getToday({});
    expect(day.due.items.map((d) => d.id)).not.toContain(p.id);
    expect(day.nudges.map((n) => n.key)).not.toContain(nudge?.key);
    expect(day.goal.checkIns).toBeGreaterThanOrEqual(1);
  });

  it('remembers a dismissed nudge for its occasion only', async () => {
    const p = await create({ circle: 'inner' });
    await log([p.id], 'call', daysAgo(30));
    const key = (await t.client.getToday({})).nudges.find((n) => n.people[0]?.id === p.id)?.key ?? '';
    expect(key).toMatch(/^due\./);
    await t.client.dismissNudge({ params: { key } });
    const day = await t.client.getToday({});
    expect(day.nudges.map((n) => n.key)).not.toContain(key);
    expect(day.due.items.map((d) => d.id)).toContain(p.id);
  });

  it('suggests the follow-up after a meeting and completes it from the nudge', async () => {
    const p = await create({ circle: 'close', fullName: 'Raj Patel' });
    await t.client.createInteraction({
      body: {
        kind: 'event_encounter',
        summary: 'Met at the booth',
        platform: 'DevConf',
        participantIds: [p.id],
        occurredAt: daysAgo(2),
      },
    });
    const day = await t.client.getToday({});
    const nudge = day.nudges.find((n) => n.kind === 'follow_up' && n.people[0]?.id === p.id);
    expect(nudge?.reason).toBe(
      'You met Raj Patel at DevConf 2 days ago and have not followed up: connect and follow up.',
    );
    expect(day.followUps.map((f) => f.id)).toContain(nudge?.action.followUpId);
    await t.client.completeNudge({ params: { key: nudge?.key ?? '' }, body: {} });
    const f = await t.client.getFollowUp({ params: { id: nudge?.action.followUpId ?? '' } });
    expect(f.status).toBe('done');
  });

  it('puts a follow-up after meeting someone above overdue check-ins, and marks no check-in urgent in a backlog', async () => {
    // Four inner friends, each a full cadence late: a backlog.
    const late = await Promise.all([1, 2, 3, 4].map((i) => create({ circle: 'inner', fullName: `Late Friend ${i}` })));
    for (const p of late) await log([p.id], 'call', daysAgo(28));
    const met = await create({ circle: 'loose', fullName: 'Mira Met' });
    await t.client.createInteraction({
      body: { kind: 'event_encounter', summary: 'Met at the meetup', participantIds: [met.id], occurredAt: daysAgo(1) },
    });
    const day = await t.client.getToday({});
    const followUp = day.nudges.findIndex((n) => n.kind === 'follow_up' && n.people[0]?.id === met.id);
    const checkIns = day.nudges.filter((n) => n.kind === 'check_in_due');
    const friends = late.map((p) => day.nudges.findIndex((n) => n.kind === 'check_in_due' && n.people[0]?.id === p.id));
    expect(followUp).toBeGreaterThanOrEqual(0);
    expect(day.nudges[followUp]?.urgent).toBe(true);
    for (const i of friends) expect(i).toBeGreaterThan(followUp);
    expect(checkIns.length).toBeGreaterThan(3);
    expect(checkIns.filter((n) => n.urgent)).toEqual([]);
    for (const p of late) await log([p.id], 'check_in');
  });

  it('records achievements, nudges a congratulation and settles it when one is logged', async () => {
    const p = await create({ circle: 'close', fullName: 'Ana Ruiz' });
    const a = await t.client.createAchievement({
      params: { id: p.id },
      body: { kind: 'new_role', title: 'Staff Engineer at Acme', occurredOn: addDays(today(), -3) },
    });
    expect(a).toMatchObject({ person: { id: p.id }, congratulatedAt: null });
    expect((await t.client.listPersonAchievements({ params: { id: p.id } })).items).toHaveLength(1);
    let day = await t.client.getToday({});
    const nudge = day.nudges.find((n) => n.kind === 'congratulate' && n.people[0]?.id === p.id);
    expect(nudge?.reason).toBe('Ana Ruiz started a new role 3 days ago (Staff Engineer at Acme): congratulate Ana.');
    const draft = await t.client.getDraft({
      params: { id: p.id },
      query: { template: 'congratulation', achievementId: a.id },
    });
    expect(draft.text).toContain('Congratulations on your new role (Staff Engineer at Acme)!');
    await log([p.id], 'congratulation');
    expect((await t.client.getAchievement({ params: { id: a.id } })).congratulatedAt).not.toBeNull();
    day = await t.client.getToday({});
    expect(day.nudges.find((n) => n.key === nudge?.key)).toBeUndefined();
  });

  it('shows birthdays coming up, year-less and with age', async () => {
    const soon = addDays(today(), 3);
    const [, m, d] = soon.split('-').map(Number) as [number, number, number];
    const p = await create({
      fullName: 'Bea Birthday',
      circle: 'close',
      importantDates: [
        { kind: 'birthday', month: m, day: d, year: 1990 },
        { kind: 'custom', label: 'Company founded', month: m, day: d },
      ],
    });
    const day = await t.client.getToday({});
    const mine = day.upcomingDates.filter((u) => u.person.id === p.id);
    expect(mine.map((u) => [u.kind, u.inDays, u.years])).toEqual(
      expect.arrayContaining([
        ['birthday', 3, Number(soon.slice(0, 4)) - 1990],
        ['custom', 3, null],
      ]),
    );
    expect(day.nudges.find((n) => n.kind === 'upcoming_date' && n.people[0]?.id === p.id)?.reason).toMatch(
      /^Bea Birthday's \d+(st|nd|rd|th) birthday is in 3 days: send your wishes\.$/,
    );
  });

  it('counts the weekly goal and its history', async () => {
    await t.client.updateSettings({ body: { weeklyGoal: { touches: 1, checkIns: 0 } } });
    const p = await create();
    await log([p.id], 'call');
    const goal = await t.client.getGoal({ query: { weeks: 4 } });
    expect(goal.history).toHaveLength(4);
    expect(goal.history[3]?.weekStart).toBe(goal.weekStart);
    expect(goal).toMatchObject({ met: true, goal: { touches: 1, checkIns: 0 } });
    expect(goal.streak).toBeGreaterThanOrEqual(1);
    expect(goal.touches).toBeGreaterThanOrEqual(1);
  });

  it('keeps the weekly counts equal to a recount through logging, edits, the trash and a merge', async () => {
    const weekly = async () => (await derivedMismatches(t.db)).filter((m) => m.check === 'weekly activity');
    const [a, b, c] = [await create(), await create(), await create()];
    const first = await log([a.id, b.id], 'call', daysAgo(3));
    await log([c.id], 'check_in', daysAgo(20));
    const second = await log([a.id, b.id, c.id], 'coffee', daysAgo(9));
    const goalBefore = await t.client.getGoal({ query: { weeks: 8 } });
    expect(goalBefore.history.reduce((n, w) => n + w.touches, 0)).toBeGreaterThanOrEqual(6);
    // Another week, another kind (a like counts for nothing), fewer people.
    const edited = await t.client.updateInteraction({
      params: { id: first.id },
      body: { version: first.version, occurredAt: daysAgo(40), participantIds: [a.id] },
    });
    await t.client.updateInteraction({
      params: { id: second.id },
      body: { version: second.version, kind: 'online_engagement' },
    });
    expect(await weekly()).toEqual([]);
    await t.client.deleteInteraction({ params: { id: edited.id } });
    expect(await weekly()).toEqual([]);
    await t.client.restoreInteraction({ params: { id: edited.id } });
    expect(await weekly()).toEqual([]);
    // a and b were both on this call: merging them leaves one participant there.
    await log([a.id, b.id], 'call', daysAgo(1));
    expect(await weekly()).toEqual([]);
    const merged = await t.client.mergePeople({ body: { survivorId: a.id, mergedId: b.id } });
    expect(await weekly()).toEqual([]);
    await t.client.undoMerge({ params: { id: merged.merge?.id ?? '' } });
    expect(await weekly()).toEqual([]);
  });

  it("drafts messages from templates and from the workspace's own template", async () => {
    const p = await create({ fullName: 'Li Wei', givenName: 'Li', topics: ['Rust'], howWeMet: { event: 'RustConf' } });
    await t.client.createInteraction({
      body: { kind: 'coffee', summary: 'Coffee, talked about payments in Rust', participantIds: [p.id] },
    });
    const thanks = await t.client.getDraft({ params: { id: p.id }, query: { template: 'thank_you' } });
    expect(thanks.text).toContain('Hi Li,');
    expect(thanks.text).toContain('meet at RustConf');
    expect(thanks.text).toContain('about payments in Rust');
    await t.client.updateSettings({ body: { templates: { check_in: 'Yo {{firstName}}, {{interest}}?' } } });
    expect((await t.client.getDraft({ params: { id: p.id }, query: {} })).text).toBe('Yo Li, Rust?');
    const settings = await t.client.updateSettings({ body: { templates: { check_in: null } } });
    expect(settings.customTemplates).toEqual([]);
  });

  it("moves everyone's due date when the cadences change", async () => {
    const p = await create({ circle: 'wider' });
    await t.client.updateSettings({ body: { cadences: { wider: 60 } } });
    expect((await person(p)).keepInTouch).toMatchObject({ cadenceDays: 60, nextDueOn: addDays(today(), 60) });
  });

  it('sorts people by strength and due date, with cursors', async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const p = await create({ circle: 'inner', tags: ['sorted'] });
      for (let j = 0; j < i; j++) await log([p.id], 'call', daysAgo(10 + j));
      ids.push(p.id);
    }
    const walk = async (sort: 'strength' | '-strength' | 'due' | '-due') => {
      const seen: { id: string; strength: number; nextDueOn: string | null }[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.client.listPeople({ query: { tag: 'sorted', sort, limit: 1, cursor } });
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const strong = await walk('-strength');
    expect(strong.map((p) => p.id)).toEqual([...ids].reverse());
    expect(strong.map((p) => p.strength)).toEqual([...strong.map((p) => p.strength)].sort((a, b) => b - a));
    expect((await walk('strength')).map((p) => p.id)).toEqual(ids);
    const due = await walk('due');
    expect(due.map((p) => p.nextDueOn)).toEqual([...due.map((p) => p.nextDueOn)].sort());
    expect((await walk('-due')).map((p) => p.id)).toEqual(due.map((p) => p.id).reverse());
  });
});
