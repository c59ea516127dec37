/*
 * What the simulated user looks at each day. Every policy returns suggestions
 * in its own order; the harness spends the day's budget on the first ones.
 * Tend's policy is the real Today (services.today) and acts through the real
 * nudge actions; the baselines read the same database through the services
 * and log plain interactions.
 */
import { FollowUpListQuery, TodayQuery } from '../src/contract/keep-in-touch.js';
import { PeopleListQuery } from '../src/contract/people.js';
import { InteractionCreate } from '../src/contract/interactions.js';
import type { Actor } from '../src/services/context.js';
import type { Services } from '../src/services/index.js';

export interface DayContext {
  services: Services;
  actor: Actor;
  today: string;
  rand: () => number;
}

export interface Suggestion {
  /** The people this touch reaches. */
  personIds: string[];
  /** Worth spending beyond the day's share of the weekly budget (it expires soon). */
  urgent: boolean;
  /** What kind of suggestion it is, for the diagnostics (Tend: the nudge kind). */
  label?: string;
  act(): Promise<void>;
}

export interface Policy {
  name: string;
  suggest(ctx: DayContext): Promise<Suggestion[]>;
}

async function checkIn(ctx: DayContext, personId: string, kind: 'check_in' | 'message' = 'check_in') {
  await ctx.services.interactions.create(
    ctx.actor,
    InteractionCreate.parse({
      kind,
      summary: kind === 'check_in' ? 'Checked in' : 'Sent a note',
      participantIds: [personId],
    }),
  );
}

/** Tend: the nudges of Today, in Tend's order, acted on with Tend's own action. */
export const tend: Policy = {
  name: 'Tend (Today nudges)',
  async suggest(ctx) {
    const today = await ctx.services.today.today(ctx.actor, TodayQuery.parse({}));
    return today.nudges.map((n) => ({
      personIds: n.people.map((p) => p.id),
      urgent: n.urgent,
      // Check-ins Today brought forward before an absence are counted apart in the diagnostics.
      label: n.beforeAway ? 'before_away' : n.kind,
      act: async () => {
        await ctx.services.today.completeNudge(ctx.actor, n.key, { log: {} });
      },
    }));
  },
};

/** A calendar: birthdays on the day, and the reminders (follow-ups) the user set, when they fall due. */
export const reminders: Policy = {
  name: 'Birthdays + reminders only',
  async suggest(ctx) {
    const out: Suggestion[] = [];
    const due = await ctx.services.followUps.list(
      ctx.actor,
      FollowUpListQuery.parse({ status: 'open', dueBefore: ctx.today, limit: 50 }),
    );
    for (const f of due.items) {
      out.push({
        personIds: f.people.map((p) => p.id),
        urgent: true,
        act: async () => {
          await ctx.services.followUps.complete(ctx.actor, f.id, { log: {} });
        },
      });
    }
    const today = await ctx.services.today.today(ctx.actor, TodayQuery.parse({}));
    for (const d of today.upcomingDates.filter((x) => x.inDays === 0)) {
      out.push({ personIds: [d.person.id], urgent: true, act: () => checkIn(ctx, d.person.id, 'message') });
    }
    return out;
  },
};

function byList(name: string, sort: 'strength' | 'lastContact'): Policy {
  return {
    name,
    async suggest(ctx) {
      const page = await ctx.services.people.list(ctx.actor, PeopleListQuery.parse({ sort, limit: 20 }) as never);
      return page.items.map((p: { id: string }) => ({
        personIds: [p.id],
        urgent: false,
        act: () => checkIn(ctx, p.id),
      }));
    },
  };
}

export const lowestScore = byList('Lowest strength first', 'strength');
export const longestSince = byList('Longest since contact first', 'lastContact');

export const random: Policy = {
  name: 'Random',
  async suggest(ctx) {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.services.people.list(ctx.actor, PeopleListQuery.parse({ limit: 200, cursor }) as never);
      ids.push(...page.items.map((p: { id: string }) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const picks: string[] = [];
    for (let i = 0; i < 5 && ids.length > 0; i++)
      picks.push(ids.splice(Math.floor(ctx.rand() * ids.length), 1)[0] as string);
    return picks.map((id) => ({ personIds: [id], urgent: false, act: () => checkIn(ctx, id) }));
  },
};

export const POLICIES: Policy[] = [tend, reminders, lowestScore, longestSince, random];
