import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/contract/client.js';
import { refreshStaleStrengths } from '../../src/jobs/strength-refresh.js';
import { strengthMovesQuery } from '../../src/storage/repos/insights.repo.js';
import { TestClock } from '../support/clock.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectProblem, openWatchedApp, send } from './helpers.js';

/*
 * The insights on a hand-built network with known dates, on both databases.
 * The clock starts on 2026-06-10 and people join as it moves; at the end it is
 * Thursday 2026-11-26 09:00 UTC, the workspace is on UTC with Monday weeks, and
 * the interactions are logged with their dates:
 *
 *   A inner   joined 06-10            coffee 11-24 (in person), email 11-23 with B (online)
 *   B close   met 2025-01-15          message 08-31 00:30 (online)
 *   C wider   met 2026-09-10          meeting 10-01 (in person, a give)
 *   H inner   joined 06-10            coffee 08-20 (before the 3-month window): 84 days past due
 *   D none    joined 10-05            virtual coffee 11-25 (online)
 *   E inner   joined 11-20            video call 11-16 (online, an ask)
 *   F loose   joined 11-20, met 11-02 call 11-10, deleted
 *   G         joined 11-20, deleted
 *
 * Strength snapshots are written by hand: week 2026-08-24 (A 90, B 20, C 95,
 * H 30) and week 2026-10-05 (A 70).
 */

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T09:00:00.000Z');

describe.each(DIALECTS)('insights on %s', (dialect) => {
  let t: WatchedApp;
  let clock: TestClock;
  const p: Record<string, string> = {};

  const person = async (key: string, body: Parameters<Client['createPerson']>[0]['body']) => {
    p[key] = (await t.client.createPerson({ body })).id;
  };
  const log = (body: Parameters<Client['createInteraction']>[0]['body']) => t.client.createInteraction({ body });
  const moveTo = (iso: string) => clock.advance(Date.parse(iso) - clock.now().getTime());

  beforeAll(async () => {
    clock = new TestClock(Date.parse('2026-06-10T09:00:00.000Z'));
    t = await openWatchedApp(dialect, { clock });
    await person('A', buildPerson({ fullName: 'Ana Inner', circle: 'inner' }));
    await person('B', buildPerson({ fullName: 'Ben Close', circle: 'close', howWeMet: { date: '2025-01-15' } }));
    await person('C', buildPerson({ fullName: 'Cy Wider', circle: 'wider', howWeMet: { date: '2026-09-10' } }));
    await person('H', buildPerson({ fullName: 'Hal Inner', circle: 'inner' }));
    moveTo('2026-10-05T09:00:00.000Z');
    await person('D', buildPerson({ fullName: 'Di None' }));
    moveTo('2026-11-20T09:00:00.000Z');
    await person('E', buildPerson({ fullName: 'Ed Inner', circle: 'inner' }));
    await person('F', buildPerson({ fullName: 'Flo Loose', circle: 'loose', howWeMet: { date: '2026-11-02' } }));
    await person('G', buildPerson({ fullName: 'Gone Person' }));
    await t.client.deletePerson({ params: { id: p.G as string } });
    moveTo('2026-11-26T09:00:00.000Z');

    await log({
      kind: 'coffee',
      summary: 'Coffee',
      participantIds: [p.A as string],
      occurredAt: '2026-11-24T10:00:00Z',
    });
    await log({
      kind: 'email',
      summary: 'Email',
      participantIds: [p.A as string, p.B as string],
      occurredAt: '2026-11-23T08:00:00Z',
    });
    await log({
      kind: 'video_call',
      summary: 'Asked for advice',
      participantIds: [p.E as string],
      occurredAt: '2026-11-16T12:00:00Z',
      exchange: 'ask',
      exchangeKind: 'advice',
    });
    await log({
      kind: 'meeting',
      summary: 'Helped with a deck',
      participantIds: [p.C as string],
      occurredAt: '2026-10-01T18:00:00Z',
      exchange: 'give',
      exchangeKind: 'help',
    });
    await log({
      kind: 'message',
      summary: 'Late message',
      participantIds: [p.B as string],
      occurredAt: '2026-08-31T00:30:00Z',
    });
    await log({
      kind: 'coffee',
      summary: 'Old coffee',
      participantIds: [p.H as string],
      occurredAt: '2026-08-20T09:00:00Z',
    });
    const gone = await log({
      kind: 'call',
      summary: 'Call',
      participantIds: [p.F as string],
      occurredAt: '2026-11-10T09:00:00Z',
    });
    await t.client.deleteInteraction({ params: { id: gone.id } });
    await log({
      kind: 'coffee',
      channel: 'online',
      summary: 'Virtual coffee',
      participantIds: [p.D as string],
      occurredAt: '2026-11-25T07:00:00Z',
    });

    const snap = (week: string, personId: string, score: number) => ({
      workspaceId: t.owner.user.workspaceId,
      week,
      personId,
      score,
    });
    await t.db.kysely
      .insertInto('strengthSnapshots')
      .values([
        snap('2026-08-24', p.A as string, 90),
        snap('2026-08-24', p.B as string, 20),
        snap('2026-08-24', p.C as string, 95),
        snap('2026-08-24', p.H as string, 30),
        snap('2026-10-05', p.A as string, 70),
      ])
      .execute();
    // Strength follows logged interactions through the catch-up job.
    await t.catchUp();
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('counts network growth per month by how-we-met date, else the day added', async () => {
    const g = await t.client.growthInsights({ query: { months: 3 } });
    expect(g).toEqual({
      months: 3,
      from: '2026-09-01',
      to: '2026-11-26',
      startTotal: 3,
      added: 4,
      total: 7,
      byMonth: [
        { month: '2026-09', added: 1, total: 4 },
        { month: '2026-10', added: 1, total: 5 },
        { month: '2026-11', added: 2, total: 7 },
      ],
    });
    const year = await t.client.growthInsights({ query: { months: 12 } });
    expect(year.byMonth).toHaveLength(12);
    expect(year.byMonth[0]).toEqual({ month: '2025-12', added: 0, total: 1 });
    expect(year.total).toBe(7);
    // The default window is six months.
    expect((await t.client.growthInsights({ query: {} })).from).toBe('2026-06-01');
  });

  it('counts interactions per week, online and in person, with empty weeks as zeros', async () => {
    const w = await t.client.weeklyInsights({ query: { months: 3 } });
    expect(w).toMatchObject({ months: 3, from: '2026-08-31', to: '2026-11-26', weekStartsOn: 1 });
    expect(w.byWeek).toHaveLength(13);
    expect(w.byWeek.filter((b) => b.total > 0)).toEqual([
      { week: '2026-08-31', total: 1, online: 1, inPerson: 0 },
      { week: '2026-09-28', total: 1, online: 0, inPerson: 1 },
      { week: '2026-11-16', total: 1, online: 1, inPerson: 0 },
      { week: '2026-11-23', total: 3, online: 2, inPerson: 1 },
    ]);
    expect(w.byWeek[1]).toEqual({ week: '2026-09-07', total: 0, online: 0, inPerson: 0 });
    expect({ total: w.total, online: w.online, inPerson: w.inPerson, perWeek: w.perWeek }).toEqual({
      total: 6,
      online: 4,
      inPerson: 2,
      perWeek: 0.5,
    });
    // The longest window: 105 weeks, each its own range in one statement.
    const two = await t.client.weeklyInsights({ query: { months: 24 } });
    expect(two.byWeek).toHaveLength(105);
    expect(two.byWeek.slice(-13)).toEqual(w.byWeek);
    expect(two.total).toBe(two.byWeek.reduce((n, b) => n + b.total, 0));
  });

  it('gives the channel mix per kind over the window', async () => {
    const c = await t.client.channelInsights({ query: { months: 3 } });
    expect(c).toEqual({
      months: 3,
      from: '2026-09-01',
      to: '2026-11-26',
      total: 5,
      online: 3,
      inPerson: 2,
      onlineShare: 0.6,
      byKind: [
        { kind: 'coffee', total: 2, online: 1, inPerson: 1 },
        { kind: 'email', total: 1, online: 1, inPerson: 0 },
        { kind: 'meeting', total: 1, online: 0, inPerson: 1 },
        { kind: 'video_call', total: 1, online: 1, inPerson: 0 },
      ],
    });
  });

  it('compares the strength spread with the snapshot at the start of the window, or the oldest one', async () => {
    const live = await Promise.all(
      ['A', 'B', 'C', 'D', 'E', 'F', 'H'].map(
        async (k) => (await t.client.getPerson({ params: { id: p[k] as string } })).keepInTouch.strength,
      ),
    );
    const bandOf = (s: number) => (s < 1 ? 0 : s < 20 ? 1 : s < 40 ? 2 : s < 60 ? 3 : s < 80 ? 4 : 5);
    const expectedNow = [0, 0, 0, 0, 0, 0];
    for (const s of live) expectedNow[bandOf(s)] = (expectedNow[bandOf(s)] ?? 0) + 1;

    const s = await t.client.strengthInsights({ query: { months: 3 } });
    expect(s.comparedWith).toBe('2026-08-24');
    expect(s.people).toBe(7);
    expect(s.bands.map((b) => b.now)).toEqual(expectedNow);
    expect(s.bands.map((b) => b.before)).toEqual([0, 0, 2, 0, 0, 2]);
    expect(s.bands.map((b) => [b.min, b.max])).toEqual([
      [0, 1],
      [1, 20],
      [20, 40],
      [40, 60],
      [60, 80],
      [80, 100],
    ]);
    // B rose from 20; A fell from 90 and C from 95; H barely moved from 30.
    expect({ warmed: s.warmed, cooled: s.cooled, threshold: s.threshold }).toEqual({
      warmed: 1,
      cooled: 2,
      threshold: 3,
    });

    // One month back: the latest snapshot at or before 2026-10-26.
    const month = await t.client.strengthInsights({ query: { months: 1 } });
    expect(month.comparedWith).toBe('2026-10-05');
    expect(month.bands.map((b) => b.before)).toEqual([0, 0, 0, 0, 1, 0]);
    expect({ warmed: month.warmed, cooled: month.cooled }).toEqual({ warmed: 0, cooled: 1 });
    // Further back than the history: the oldest snapshot.
    expect((await t.client.strengthInsights({ query: { months: 12 } })).comparedWith).toBe('2026-08-24');
  });

  it('lists cooling inner and close relationships with the reason, largest drop first', async () => {
    const c = await t.client.coolingInsights({ query: { months: 3 } });
    expect(c.comparedWith).toBe('2026-08-24');
    expect(c.items.map((i) => i.person.fullName)).toEqual(['Ana Inner', 'Hal Inner']);
    const [a, h] = c.items;
    expect(a).toMatchObject({ circle: 'inner', strengthThen: 90, overdueDays: null });
    expect(a?.drop).toBeCloseTo(90 - (a?.strength ?? 0), 1);
    expect(a?.reason).toMatch(/^Strength fell from 90 to \d+ in 13 weeks, last contact 2 days ago$/);
    expect(h).toMatchObject({
      circle: 'inner',
      strengthThen: 30,
      nextDueOn: '2026-09-03',
      overdueDays: 84,
      trend: 'cooling',
      lastContactAt: '2026-08-20T09:00:00.000Z',
      reason: '84 days past due, last contact 98 days ago',
    });
    const one = await t.client.coolingInsights({ query: { months: 3, limit: 1 } });
    expect(one.items.map((i) => i.person.id)).toEqual([p.A]);
  });

  it('gives gives and asks per month', async () => {
    const g = await t.client.giveAskInsights({ query: { months: 3 } });
    expect({ gives: g.gives, asks: g.asks, byMonth: g.byMonth }).toEqual({
      gives: 1,
      asks: 1,
      byMonth: [
        { month: '2026-10', gives: 1, asks: 0 },
        { month: '2026-11', gives: 0, asks: 1 },
      ],
    });
  });

  it('groups the opportunities opened in the window by source', async () => {
    await t.client.createOpportunity({
      body: {
        title: 'Old lead',
        kind: 'client',
        openedOn: '2026-07-01',
        people: [{ personId: p.B as string, role: 'source' }],
      },
    });
    await t.client.createOpportunity({
      body: {
        title: 'Design contract',
        kind: 'client',
        stage: 'won',
        openedOn: '2026-10-10',
        value: { amount: 1000, currency: 'EUR' },
        people: [{ personId: p.A as string, role: 'source' }],
      },
    });
    const o = await t.client.opportunityInsights({ query: { months: 3 } });
    expect(o.from).toBe('2026-09-01');
    expect(o.totals).toEqual({ count: 1, open: 0, won: 1, lost: 0, wonValue: [{ currency: 'EUR', amount: 1000 }] });
    expect(o.bySource.map((r) => [r.person?.id, r.count])).toEqual([[p.A, 1]]);
    expect((await t.client.opportunityInsights({ query: { months: 6 } })).totals.count).toBe(2);
  });

  it('refuses bad windows with a problem that says what to send', async () => {
    for (const url of [
      '/api/v1/insights/growth?months=0',
      '/api/v1/insights/weekly?months=25',
      '/api/v1/insights/channels?months=three',
      '/api/v1/insights/strength?months=1.5',
      '/api/v1/insights/cooling?limit=51',
      '/api/v1/insights/opportunities?range=3m',
    ]) {
      const problem = expectProblem(await send(t.app, { method: 'GET', url }), 400, 'validation_failed');
      expect(problem.errors?.length, url).toBeGreaterThan(0);
    }
    const bad = expectProblem(
      await send(t.app, { method: 'GET', url: '/api/v1/insights/growth?months=30' }),
      400,
      'validation_failed',
    );
    expect(bad.errors?.[0]?.message).toContain('24');
  });

  it('shows another user nothing of this network', async () => {
    const other = (await t.createUser()).client;
    expect((await other.growthInsights({ query: {} })).total).toBe(0);
    expect((await other.weeklyInsights({ query: {} })).total).toBe(0);
    expect((await other.channelInsights({ query: {} })).total).toBe(0);
    const s = await other.strengthInsights({ query: {} });
    expect({ people: s.people, comparedWith: s.comparedWith }).toEqual({ people: 0, comparedWith: null });
    expect((await other.coolingInsights({ query: {} })).items).toEqual([]);
    expect((await other.opportunityInsights({ query: {} })).totals.count).toBe(0);
  });

  it('keeps a snapshot row in its primary key on SQLite, and drops it with its person', async () => {
    const ws = t.owner.user.workspaceId;
    const k = t.db.kysely;
    if (dialect === 'sqlite') {
      const table = await sql<{ sql: string }>`select sql from sqlite_master where name = 'strength_snapshots'`.execute(
        k,
      );
      expect(table.rows[0]?.sql.toLowerCase()).toMatch(/\)\s*without rowid$/);
      // The strength comparison finds each person's score with one probe of the key: no
      // second lookup in a table beside an index.
      const q = strengthMovesQuery(k, ws, '2026-08-24', 3).compile();
      const plan = await k.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
      );
      expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/SEARCH s USING PRIMARY KEY/);
    }
    await k
      .insertInto('strengthSnapshots')
      .values({ workspaceId: ws, week: '2026-08-24', personId: p.G as string, score: 12 })
      .execute();
    await k
      .deleteFrom('people')
      .where('workspaceId', '=', ws)
      .where('id', '=', p.G as string)
      .execute();
    const left = await k
      .selectFrom('strengthSnapshots')
      .select('personId')
      .where('personId', '=', p.G as string)
      .execute();
    expect(left).toEqual([]);
  });

  it('writes one strength snapshot a week from the refresh job, and prunes two-year-old ones', async () => {
    const ws = t.owner.user.workspaceId;
    await t.db.kysely
      .insertInto('strengthSnapshots')
      .values({ workspaceId: ws, week: '2024-01-01', personId: p.A as string, score: 5 })
      .execute();
    const rows = () =>
      t.db.kysely
        .selectFrom('strengthSnapshots')
        .select(['week', 'personId', 'score'])
        .where('workspaceId', '=', ws)
        .orderBy('week')
        .orderBy('personId')
        .execute();
    await refreshStaleStrengths(t.db, new Date(NOW));
    const week = (await rows()).filter((r) => r.week === '2026-11-23');
    // Every live person of the workspace, with the strength they have now.
    expect(week.map((r) => r.personId).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'H'].map((k) => p[k]).sort());
    const a = await t.client.getPerson({ params: { id: p.A as string } });
    expect(Number(week.find((r) => r.personId === p.A)?.score)).toBe(a.keepInTouch.strength);
    expect((await rows()).some((r) => r.week === '2024-01-01')).toBe(false);

    // Later the same week: nothing new. The next week: a new snapshot, the old ones kept.
    await refreshStaleStrengths(t.db, new Date(NOW + 2 * DAY));
    expect((await rows()).filter((r) => r.week === '2026-11-23')).toHaveLength(7);
    await refreshStaleStrengths(t.db, new Date(NOW + 5 * DAY));
    const weeks = [...new Set((await rows()).map((r) => r.week))];
    expect(weeks).toEqual(['2026-08-24', '2026-10-05', '2026-11-23', '2026-11-30']);
  });

  it('buckets days in the workspace time zone', async () => {
    // New York is 4 hours behind UTC in summer time: the message of 08-31 00:30 UTC was on 08-30 there.
    await t.client.updateSettings({ body: { timeZone: 'America/New_York' } });
    const w = await t.client.weeklyInsights({ query: { months: 3 } });
    expect(w.from).toBe('2026-08-31');
    expect(w.total).toBe(5);
    expect(w.byWeek[0]).toEqual({ week: '2026-08-31', total: 0, online: 0, inPerson: 0 });
    expect(w.byWeek.at(-1)).toEqual({ week: '2026-11-23', total: 3, online: 2, inPerson: 1 });

    // Each week starts at its own local midnight: 09-07 04:30 UTC is Monday 00:30 in New York
    // (summer time), though today's offset (5 hours, winter) would put it on the Sunday before.
    await t.client.createInteraction({
      body: {
        kind: 'call',
        summary: 'Monday, just after midnight',
        participantIds: [p.A as string],
        occurredAt: '2026-09-07T04:30:00Z',
      },
    });
    const after = await t.client.weeklyInsights({ query: { months: 3 } });
    expect(after.byWeek.find((b) => b.week === '2026-09-07')).toEqual({
      week: '2026-09-07',
      total: 1,
      online: 1,
      inPerson: 0,
    });
    expect(after.byWeek.find((b) => b.week === '2026-08-31')?.total).toBe(0);
    expect(after.total).toBe(6);
  });
});
