import type { Kysely } from 'kysely';
import type { Channel, InteractionKind } from '../contract/common.js';
import type { FollowUpKind } from '../contract/keep-in-touch.js';
import { addDays, daysBetween, localDate, maxDate } from '../domain/dates.js';
import { insertFollowUp } from '../storage/repos/follow-ups.repo.js';
import {
  type WeekDelta,
  adjustWeeks,
  readSettings,
  refreshPeople,
  refreshWeeks,
} from '../storage/repos/keep-in-touch.repo.js';
import type { KeepInTouchSettings } from '../domain/settings.js';
import type { Database } from '../storage/schema.js';
import { type Actor, type Clock, nowIso } from './context.js';

/*
 * What keep-in-touch does when interactions change, in the same transaction:
 * due dates, strength and weekly counts follow; a new in-person meeting or
 * event encounter gets its follow-up; a congratulation settles achievements.
 */

type Q = Kysely<Database>;

/** Kinds that get an automatic follow-up when they happen in person, and which one. */
export const AUTO_FOLLOW_UP: Partial<Record<InteractionKind, { kind: FollowUpKind; title: string }>> = {
  meeting: { kind: 'thank_you', title: 'Send a thank-you' },
  coffee: { kind: 'thank_you', title: 'Send a thank-you' },
  meal: { kind: 'thank_you', title: 'Send a thank-you' },
  event_encounter: { kind: 'connect', title: 'Connect and follow up' },
};

/** A meeting logged long after the fact is history, not something to follow up now. */
const AUTO_FOLLOW_UP_MAX_AGE_DAYS = 7;

/**
 * How the weekly counts follow a change: `adjust` when the caller knows each
 * interaction's part before and after (one interaction logged, edited,
 * trashed), `recount` of the weeks holding these instants when it does not
 * (imports, undo, merges).
 */
export type WeekChange = { adjust: readonly WeekDelta[] } | { recount: readonly string[] };

export async function afterContactChange(
  db: Q,
  workspaceId: string,
  personIds: readonly string[],
  weeks: WeekChange,
  clock: Clock,
  /** More columns of a person to set with the refreshed ones (an import's last contact). */
  extra?: (personId: string) => Record<string, unknown>,
) {
  const settings = await readSettings(db, workspaceId);
  await refreshPeople(db, workspaceId, personIds, settings, clock.now(), extra);
  if ('adjust' in weeks) await adjustWeeks(db, workspaceId, weeks.adjust, settings);
  else await refreshWeeks(db, workspaceId, weeks.recount, settings);
}

export async function afterInteractionCreated(
  db: Q,
  actor: Actor,
  i: { id: string; kind: InteractionKind; channel: Channel; occurredAt: string; participantIds: readonly string[] },
  clock: Clock,
  opts: { autoFollowUps: boolean },
  /** The workspace's settings when the caller has read them already. */
  known?: KeepInTouchSettings,
) {
  const settings = known ?? (await readSettings(db, actor.workspaceId));
  const today = localDate(clock.now(), settings.timeZone);
  const on = localDate(i.occurredAt, settings.timeZone);
  const auto = AUTO_FOLLOW_UP[i.kind];
  const age = daysBetween(on, today);
  if (
    opts.autoFollowUps &&
    auto &&
    i.channel === 'in_person' &&
    settings.followUps.autoCreate &&
    age >= 0 &&
    age <= AUTO_FOLLOW_UP_MAX_AGE_DAYS
  ) {
    // One per person: a thank-you is written to each of them.
    const dueOn = maxDate(addDays(on, settings.followUps.delayDays), today) ?? today;
    for (const personId of i.participantIds) {
      await insertFollowUp(
        db,
        actor.workspaceId,
        { kind: auto.kind, title: auto.title, dueOn, personIds: [personId], sourceInteractionId: i.id },
        nowIso(clock),
      );
    }
  }
  if (i.kind === 'congratulation') {
    await db
      .updateTable('achievements')
      .set({ congratulatedAt: i.occurredAt })
      .where('workspaceId', '=', actor.workspaceId)
      .where('personId', 'in', [...i.participantIds])
      .where('congratulatedAt', 'is', null)
      .where('occurredOn', '<=', on)
      .execute();
  }
}
