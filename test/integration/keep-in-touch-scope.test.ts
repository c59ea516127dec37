import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AchievementCreate, FollowUpCreate } from '../../src/contract/keep-in-touch.js';
import { PersonCreate } from '../../src/contract/people.js';
import { AppError } from '../../src/lib/errors.js';
import { uuidv7 } from '../../src/lib/ids.js';
import type { Actor } from '../../src/services/context.js';
import { type Services, createServices } from '../../src/services/index.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { DIALECTS, type TestDb, openTestDb } from '../support/db.js';
import { buildPerson } from '../support/factories.js';

/* Another workspace's follow-ups, achievements, nudges and people behave as if they did not exist. */

async function expectKind(call: Promise<unknown>, kind: AppError['kind'], label: string) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${label} should fail`).toBeInstanceOf(AppError);
  expect((error as AppError).kind, label).toBe(kind);
}

describe.each(DIALECTS)('keep-in-touch workspace boundary on %s', (dialect) => {
  let db: TestDb;
  let s: Services;
  let A: Actor;
  let B: Actor;
  let person = '';
  let followUp = '';
  let achievement = '';

  beforeAll(async () => {
    db = await openTestDb(dialect);
    s = createServices(db);
    const now = new Date().toISOString();
    const other = uuidv7();
    await db.kysely
      .insertInto('workspaces')
      .values({ id: other, workspaceId: other, name: 'Second', createdAt: now, updatedAt: now })
      .execute();
    A = { workspaceId: await ensureLocalWorkspace(db), userId: null };
    B = { workspaceId: other, userId: null };
    person = (await s.people.create(A, PersonCreate.parse(buildPerson({ circle: 'inner' })))).id;
    followUp = (await s.followUps.create(A, FollowUpCreate.parse({ personIds: [person] }))).id;
    achievement = (await s.achievements.create(A, person, AchievementCreate.parse({ kind: 'award', title: 'Prize' })))
      .id;
    await s.settings.update(A, { timeZone: 'Asia/Tokyo', weeklyGoal: { touches: 9 } });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("cannot read or change another workspace's follow-ups", async () => {
    await expectKind(s.followUps.get(B, followUp), 'not_found', 'get');
    await expectKind(s.followUps.update(B, followUp, { title: 'x', version: 1 }), 'not_found', 'update');
    await expectKind(s.followUps.complete(B, followUp, {}), 'not_found', 'complete');
    await expectKind(s.followUps.snooze(B, followUp, { days: 2 }), 'not_found', 'snooze');
    await expectKind(s.followUps.remove(B, followUp), 'not_found', 'remove');
    expect((await s.followUps.list(B, { status: 'all', limit: 50 })).items).toEqual([]);
    expect((await s.followUps.list(B, { status: 'all', personId: person, limit: 50 })).items).toEqual([]);
    await expectKind(s.followUps.create(B, FollowUpCreate.parse({ personIds: [person] })), 'bad_request', 'link');
    expect((await s.followUps.get(A, followUp)).status).toBe('open');
  });

  it("cannot read or change another workspace's achievements", async () => {
    await expectKind(s.achievements.get(B, achievement), 'not_found', 'get');
    await expectKind(s.achievements.update(B, achievement, { congratulated: true }), 'not_found', 'update');
    await expectKind(s.achievements.remove(B, achievement), 'not_found', 'remove');
    await expectKind(s.achievements.listForPerson(B, person), 'not_found', 'list for person');
    await expectKind(
      s.achievements.create(B, person, AchievementCreate.parse({ kind: 'award', title: 'x' })),
      'not_found',
      'create',
    );
    expect((await s.achievements.list(B, { limit: 50 })).items).toEqual([]);
    expect((await s.achievements.get(A, achievement)).congratulatedAt).toBeNull();
  });

  it("cannot snooze, draft for or act on nudges about another workspace's people", async () => {
    await expectKind(s.today.snoozePerson(B, person, { days: 3 }), 'not_found', 'snooze');
    await expectKind(s.today.draft(B, person, { template: 'check_in' }), 'not_found', 'draft');
    await expectKind(s.today.dismissNudge(B, `due.${person}.2026-01-01`), 'not_found', 'dismiss');
    await expectKind(s.today.completeNudge(B, `fu.${followUp}.2026-01-01`, { log: {} }), 'not_found', 'done');
    await expectKind(s.today.completeNudge(B, `ach.${achievement}`, {}), 'not_found', 'done ach');
  });

  it('keeps Today and settings per workspace', async () => {
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const a = await s.today.today(A, { date: later });
    expect(a.due.items.map((d) => d.id)).toContain(person);
    const b = await s.today.today(B, { date: later });
    expect(b).toMatchObject({
      timeZone: 'UTC',
      due: { items: [], total: 0 },
      followUps: [],
      nudges: [],
      upcomingDates: [],
    });
    expect((await s.settings.get(B)).weeklyGoal.touches).toBe(5);
    expect((await s.settings.get(A)).weeklyGoal.touches).toBe(9);
  });
});
