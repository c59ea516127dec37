import { sql } from 'kysely';
import type { CalendarFeed } from '../contract/sync.js';
import { addDays, localDate } from '../domain/dates.js';
import { type CalendarEvent, writeCalendar } from '../formats/icalendar.js';
import { NotFoundError } from '../lib/errors.js';
import { randomSecret, sha256 } from '../lib/secrets.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';

/** The people list's due order: people without a cadence last. */
const DUE_ORDER = sql<string>`coalesce(next_due_on, '9999-12-31')`;

/*
 * The per-user secret calendar feed (iCalendar, read-only). The token is
 * `<workspace id>_<secret>`: the workspace id lets the lookup use an index led
 * by workspace_id (docs/architecture.md, distribution); only the SHA-256 of
 * the whole token is stored. Creating a feed again replaces the token, so the
 * old URL stops working.
 */

const FEED_LIMITS = { checkInsDays: 120, checkIns: 500, followUps: 500, dates: 2000, eventsPastDays: 90, events: 500 };
const REFRESH_MINUTES = 60;
const DATE_KINDS: Record<string, string> = { birthday: 'birthday', work_anniversary: 'work anniversary' };

function userKey(actor: Actor): string {
  // The local CLI acts without a user: its feed belongs to the workspace ('').
  return actor.userId ?? '';
}

export function feedsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function status(actor: Actor): Promise<CalendarFeed> {
    const row = await k
      .selectFrom('calendarFeeds')
      .selectAll()
      .where('workspaceId', '=', actor.workspaceId)
      .where('userId', '=', userKey(actor))
      .executeTakeFirst();
    return {
      active: !!row,
      prefix: row?.prefix ?? null,
      createdAt: row?.createdAt ?? null,
      lastFetchedAt: row?.lastFetchedAt ?? null,
    };
  }

  return {
    status,

    /** A new secret token (replacing any old one); the caller builds the URL from it. */
    async create(actor: Actor): Promise<{ token: string; feed: CalendarFeed }> {
      const token = `${actor.workspaceId}_${randomSecret()}`;
      const now = nowIso(clock);
      const prefix = `${token.slice(actor.workspaceId.length + 1, actor.workspaceId.length + 7)}`;
      await k.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('calendarFeeds')
          .where('workspaceId', '=', actor.workspaceId)
          .where('userId', '=', userKey(actor))
          .execute();
        await trx
          .insertInto('calendarFeeds')
          .values({
            workspaceId: actor.workspaceId,
            userId: userKey(actor),
            tokenHash: sha256(token),
            prefix,
            createdAt: now,
            lastFetchedAt: null,
          })
          .execute();
      });
      return { token, feed: await status(actor) };
    },

    async revoke(actor: Actor): Promise<void> {
      await k
        .deleteFrom('calendarFeeds')
        .where('workspaceId', '=', actor.workspaceId)
        .where('userId', '=', userKey(actor))
        .execute();
    },

    /** The feed of a token, or NotFound for an unknown or revoked one (never which). */
    async render(token: string, links: { appUrl: string }): Promise<string> {
      const sep = token.indexOf('_');
      const workspaceId = sep > 0 ? token.slice(0, sep) : '';
      if (!/^[0-9a-f-]{36}$/.test(workspaceId)) throw NotFoundError('Feed');
      const feed = await k
        .selectFrom('calendarFeeds')
        .select(['userId'])
        .where('workspaceId', '=', workspaceId)
        .where('tokenHash', '=', sha256(token))
        .executeTakeFirst();
      if (!feed) throw NotFoundError('Feed');
      const now = clock.now();
      await k
        .updateTable('calendarFeeds')
        .set({ lastFetchedAt: now.toISOString() })
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', feed.userId)
        .execute();

      const settings = await readSettings(k, workspaceId);
      const today = localDate(now, settings.timeZone);
      const person = (id: string) => `${links.appUrl}/people/${id}`;
      const events: CalendarEvent[] = [];

      const followUps = await k
        .selectFrom('followUps')
        .select(['id', 'title', 'notes', 'dueOn'])
        .where('workspaceId', '=', workspaceId)
        .where('status', '=', 'open')
        .orderBy('dueOn')
        .limit(FEED_LIMITS.followUps)
        .execute();
      const fuPeople = followUps.length
        ? await k
            .selectFrom('followUpPeople as f')
            .innerJoin('people as p', (j) =>
              j.onRef('p.workspaceId', '=', 'f.workspaceId').onRef('p.id', '=', 'f.personId'),
            )
            .select(['f.followUpId', 'p.id', 'p.fullName'])
            .where('f.workspaceId', '=', workspaceId)
            .where(
              'f.followUpId',
              'in',
              followUps.map((f) => f.id),
            )
            .where('p.deletedAt', 'is', null)
            .execute()
        : [];
      for (const f of followUps) {
        const who = fuPeople.filter((p) => p.followUpId === f.id);
        const names = who.map((p) => p.fullName).join(', ');
        events.push({
          uid: `followup-${f.id}@tend`,
          date: f.dueOn,
          summary: names ? `${f.title} (${names})` : f.title,
          ...(f.notes ? { description: f.notes } : {}),
          ...(who[0] ? { url: person(who[0].id) } : {}),
          categories: ['Follow-up'],
        });
      }

      // Check-ins due: the next due date of each person, overdue ones shown today.
      const due = await k
        .selectFrom('people')
        .select(['id', 'fullName', 'nextDueOn'])
        .where('workspaceId', '=', workspaceId)
        .where('deletedAt', 'is', null)
        // The due-order expression, read in order from its index (people without a cadence,
        // '9999-12-31', are never within the window); migration 2026-11-27-1000.
        .where(DUE_ORDER, '<=', addDays(today, FEED_LIMITS.checkInsDays))
        .orderBy(DUE_ORDER)
        .orderBy('id')
        .limit(FEED_LIMITS.checkIns)
        .execute();
      for (const p of due) {
        const on = p.nextDueOn && p.nextDueOn > today ? p.nextDueOn : today;
        events.push({
          uid: `checkin-${p.id}@tend`,
          date: on,
          summary: `Check in with ${p.fullName}`,
          ...(p.nextDueOn && p.nextDueOn < today ? { description: `Due since ${p.nextDueOn}` } : {}),
          url: person(p.id),
          categories: ['Check-in'],
        });
      }

      // Birthdays and anniversaries repeat every year (Feb 29 falls on the last day of February).
      const dates = await k
        .selectFrom('importantDates as d')
        .innerJoin('people as p', (j) =>
          j.onRef('p.workspaceId', '=', 'd.workspaceId').onRef('p.id', '=', 'd.personId'),
        )
        .select(['d.id', 'd.kind', 'd.label', 'd.month', 'd.day', 'd.year', 'p.id as personId', 'p.fullName'])
        .where('d.workspaceId', '=', workspaceId)
        .where('p.deletedAt', 'is', null)
        .limit(FEED_LIMITS.dates)
        .execute();
      for (const d of dates) {
        const leapDay = d.month === 2 && d.day === 29;
        const year = d.year ?? 2000;
        const startYear = leapDay && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 2000 : year;
        const what = DATE_KINDS[d.kind] ?? d.label ?? 'anniversary';
        events.push({
          uid: `date-${d.id}@tend`,
          date: `${String(startYear).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`,
          rrule: leapDay ? 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1' : 'FREQ=YEARLY',
          summary: `${d.fullName}: ${d.kind === 'custom' && d.label ? d.label : what}`,
          ...(d.year ? { description: `Since ${d.year}` } : {}),
          url: person(d.personId),
          categories: [d.kind === 'birthday' ? 'Birthday' : 'Anniversary'],
        });
      }

      // Events (conferences, meetups, coffee rounds): upcoming ones and those of the last three months.
      const networkingEvents = await k
        .selectFrom('events')
        .select(['id', 'name', 'kind', 'startsOn', 'endsOn', 'place', 'url', 'goals'])
        .where('workspaceId', '=', workspaceId)
        .where('endsOn', '>=', addDays(today, -FEED_LIMITS.eventsPastDays))
        .orderBy('startsOn')
        .limit(FEED_LIMITS.events)
        .execute();
      for (const e of networkingEvents) {
        const where = [e.place, e.url].filter(Boolean).join(' · ');
        events.push({
          uid: `event-${e.id}@tend`,
          date: e.startsOn,
          endDate: e.endsOn,
          summary: e.name,
          ...(e.goals ? { description: `Goals: ${e.goals}` } : {}),
          ...(where ? { location: where } : {}),
          url: `${links.appUrl}/events/${e.id}`,
          categories: ['Event'],
        });
      }

      return writeCalendar({
        name: 'Tend',
        description: 'Follow-ups, check-ins, birthdays, anniversaries and events from Tend',
        timeZone: settings.timeZone,
        refreshMinutes: REFRESH_MINUTES,
        stamp: now,
        events,
      });
    },
  };
}
