import type { z } from 'zod';
import type { Circle, InteractionKind } from '../contract/common.js';
import type {
  ChannelInsight,
  CoolingInsight,
  CoolingQuery,
  GrowthInsight,
  InsightsQuery,
  OpportunitySourcesInsight,
  StrengthInsight,
  WeeklyInsight,
} from '../contract/insights.js';
import { addDays, daysBetween, localDate, startOfLocalDay, startOfWeek } from '../domain/dates.js';
import { coolingReason, type InsightWindow, insightWindow, weekList } from '../domain/insights.js';
import { STRENGTH } from '../domain/strength.js';
import {
  coolingCandidates,
  growthCounts,
  interactionsInRanges,
  interactionsByKind,
  STRENGTH_BANDS,
  snapshotWeek,
  strengthBandsAt,
  strengthBandsNow,
  strengthMoves,
} from '../storage/repos/insights.repo.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import type { Actor, ServiceDeps } from './context.js';
import { opportunitiesService } from './opportunities.service.js';

/*
 * The numbers behind the Insights page. Every method is a few aggregate
 * queries (GROUP BY over an index, see storage/repos/insights.repo.ts) whose
 * grouped rows are poured into a fixed calendar of months or weeks here, so a
 * month or week without activity is a zero rather than a gap.
 */

type Query = z.output<typeof InsightsQuery>;

/** Bands of the strength histogram, matching STRENGTH_BANDS. */
const BAND_LABELS = ['No recent contact', '1–19', '20–39', '40–59', '60–79', '80–100'];

/**
 * Points a relationship must have lost to be listed as cooling for that alone
 * (overdue and trend-cooling ones are listed anyway): small drops are the
 * normal ebb between two coffees.
 */
export const COOLING_DROP = 10;

/** How many groups of the opportunities report a chart shows. */
const TOP_GROUPS = 10;

export function insightsService(deps: ServiceDeps) {
  const { db, clock } = deps;
  const k = db.kysely;
  const opportunities = opportunitiesService(deps);

  async function context(actor: Actor, months: number) {
    const settings = await readSettings(k, actor.workspaceId);
    const tz = settings.timeZone;
    const today = localDate(clock.now(), tz);
    const w = insightWindow(today, months);
    return {
      settings,
      today,
      w,
      fromAt: (day: string) => startOfLocalDay(day, tz),
      endAt: startOfLocalDay(addDays(today, 1), tz),
    };
  }

  const window = (w: InsightWindow) => ({ months: w.months, from: w.from, to: w.to });

  return {
    async growth(actor: Actor, q: Query): Promise<GrowthInsight> {
      const { w } = await context(actor, q.months);
      const counts = await growthCounts(k, actor.workspaceId, w.from, w.to);
      const added = new Map(counts.months.map((m) => [m.month, m.n]));
      let total = counts.before;
      const byMonth = w.monthList.map((month) => {
        const n = added.get(month) ?? 0;
        total += n;
        return { month, added: n, total };
      });
      return { ...window(w), startTotal: counts.before, added: total - counts.before, total, byMonth };
    },

    async weekly(actor: Actor, q: Query): Promise<WeeklyInsight> {
      const c = await context(actor, q.months);
      const weekStartsOn = c.settings.weekStartsOn;
      const weeks = weekList(c.w, weekStartsOn);
      const first = weeks[0] ?? c.w.from;
      const bounds = [...weeks.map((week) => c.fromAt(week)), c.endAt];
      const counts = await interactionsInRanges(k, actor.workspaceId, bounds);
      const list = weeks.map((week, i) => {
        const { total, online } = counts[i] ?? { total: 0, online: 0 };
        return { week, total, online, inPerson: total - online };
      });
      const sum = (f: (b: (typeof list)[number]) => number) => list.reduce((s, b) => s + f(b), 0);
      const total = sum((b) => b.total);
      return {
        months: q.months,
        from: first,
        to: c.today,
        weekStartsOn,
        total,
        online: sum((b) => b.online),
        inPerson: sum((b) => b.inPerson),
        perWeek: list.length === 0 ? 0 : Math.round((10 * total) / list.length) / 10,
        byWeek: list,
      };
    },

    async channels(actor: Actor, q: Query): Promise<ChannelInsight> {
      const c = await context(actor, q.months);
      const rows = await interactionsByKind(k, actor.workspaceId, c.fromAt(c.w.from), c.endAt);
      const kinds = new Map<string, { kind: InteractionKind; total: number; online: number; inPerson: number }>();
      for (const r of rows) {
        const g = kinds.get(r.kind) ?? { kind: r.kind as InteractionKind, total: 0, online: 0, inPerson: 0 };
        g.total += r.n;
        if (r.channel === 'online') g.online += r.n;
        else g.inPerson += r.n;
        kinds.set(r.kind, g);
      }
      const byKind = [...kinds.values()].sort((a, b) => b.total - a.total || a.kind.localeCompare(b.kind));
      const total = byKind.reduce((s, g) => s + g.total, 0);
      const online = byKind.reduce((s, g) => s + g.online, 0);
      return {
        ...window(c.w),
        total,
        online,
        inPerson: total - online,
        onlineShare: total === 0 ? null : Math.round((1000 * online) / total) / 1000,
        byKind,
      };
    },

    async strength(actor: Actor, q: Query): Promise<StrengthInsight> {
      const c = await context(actor, q.months);
      const ws = actor.workspaceId;
      const target = startOfWeek(c.w.from, c.settings.weekStartsOn);
      const [now, week] = await Promise.all([strengthBandsNow(k, ws), snapshotWeek(k, ws, target)]);
      const threshold = STRENGTH.trendThreshold;
      const [then, moves] = week
        ? await Promise.all([strengthBandsAt(k, ws, week), strengthMoves(k, ws, week, threshold)])
        : [null, { warmed: 0, cooled: 0 }];
      const bands = STRENGTH_BANDS.map((min, i) => ({
        min,
        max: STRENGTH_BANDS[i + 1] ?? 100,
        label: BAND_LABELS[i] ?? '',
        now: now[i] ?? 0,
        before: then ? (then[i] ?? 0) : null,
      }));
      return {
        months: q.months,
        people: now.reduce((s, n) => s + n, 0),
        comparedWith: week,
        bands,
        warmed: moves.warmed,
        cooled: moves.cooled,
        threshold,
      };
    },

    async cooling(actor: Actor, q: z.output<typeof CoolingQuery>): Promise<CoolingInsight> {
      const c = await context(actor, q.months);
      const ws = actor.workspaceId;
      const week = await snapshotWeek(k, ws, startOfWeek(c.w.from, c.settings.weekStartsOn));
      const threshold = COOLING_DROP;
      const rows = await coolingCandidates(k, ws, { week, today: c.today, threshold, limit: q.limit });
      return {
        months: q.months,
        comparedWith: week,
        items: rows.map((r) => {
          const strength = Number(r.strength);
          const strengthThen = r.strengthThen === null ? null : Number(r.strengthThen);
          const drop = strengthThen === null ? 0 : Math.max(0, Math.round(10 * (strengthThen - strength)) / 10);
          const overdueDays = r.nextDueOn && r.nextDueOn < c.today ? daysBetween(r.nextDueOn, c.today) : null;
          const trend = (['warming', 'cooling'].includes(r.strengthTrend) ? r.strengthTrend : 'steady') as
            | 'warming'
            | 'cooling'
            | 'steady';
          return {
            person: { id: r.id, fullName: r.fullName, photoUrl: r.photoUrl, headline: r.headline },
            circle: r.circle as Circle,
            strength,
            strengthThen,
            drop,
            trend,
            lastContactAt: r.lastInteractionAt,
            nextDueOn: r.nextDueOn,
            overdueDays,
            reason: coolingReason({
              strength,
              strengthThen,
              drop,
              trend,
              lastContactAt: r.lastInteractionAt,
              overdueDays,
              comparedWith: week,
              today: c.today,
              threshold,
            }),
          };
        }),
      };
    },

    async opportunities(actor: Actor, q: Query): Promise<OpportunitySourcesInsight> {
      const c = await context(actor, q.months);
      const report = await opportunities.report(actor, { openedSince: c.w.from });
      return {
        months: q.months,
        from: c.w.from,
        totals: report.totals,
        bySource: report.bySource.slice(0, TOP_GROUPS),
        byChannel: report.byChannel,
        byEvent: report.byEvent.slice(0, TOP_GROUPS),
      };
    },
  };
}
