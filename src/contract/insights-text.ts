import type { GiveAskInsights } from './exchange.js';
import type {
  ChannelInsight,
  CoolingInsight,
  GrowthInsight,
  OpportunitySourcesInsight,
  StrengthInsight,
  WeeklyInsight,
} from './insights.js';

/*
 * The one-line takeaway of each insight, in plain words, shared by the web
 * page and `tend insights` so both say the same thing. null: nothing to say
 * (the chart shows its empty state instead).
 */

function n(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

export function windowPhrase(months: number): string {
  return months === 1 ? 'this month' : months === 12 ? 'in the last year' : `in the last ${months} months`;
}

/** "24 Aug" from YYYY-MM-DD. */
export function shortDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

const pct = (part: number, whole: number) => Math.round((100 * part) / whole);

export function growthTakeaway(g: GrowthInsight): string | null {
  if (g.total === 0) return null;
  if (g.added === 0) return `No one new ${windowPhrase(g.months)}; ${n(g.total, 'person', 'people')} in your network`;
  const growth = g.startTotal > 0 ? ` (+${pct(g.added, g.startTotal)}%)` : '';
  return `Your network grew by ${n(g.added, 'person', 'people')} ${windowPhrase(g.months)}${growth}`;
}

export function weeklyTakeaway(w: WeeklyInsight): string | null {
  if (w.total === 0) return null;
  const recent = w.byWeek.slice(-4);
  const recentAvg = recent.reduce((s, b) => s + b.total, 0) / Math.max(1, recent.length);
  const trend =
    w.byWeek.length > 6 && recentAvg >= w.perWeek * 1.25
      ? ', and picking up lately'
      : w.byWeek.length > 6 && recentAvg <= w.perWeek * 0.75
        ? ', quieter lately'
        : '';
  const avg =
    w.perWeek >= 10 ? Math.round(w.perWeek).toLocaleString('en-GB') : w.perWeek.toFixed(1).replace(/\.0$/, '');
  return `About ${avg} interaction${avg === '1' ? '' : 's'} a week ${windowPhrase(w.months)}${trend}`;
}

export function channelTakeaway(c: ChannelInsight): string | null {
  if (c.total === 0) return null;
  const online = pct(c.online, c.total);
  return online >= 50
    ? `${online}% of your interactions were online`
    : `${100 - online}% of your interactions were in person`;
}

export function strengthTakeaway(s: StrengthInsight): string | null {
  if (s.people === 0) return null;
  if (s.comparedWith && (s.warmed > 0 || s.cooled > 0)) {
    return `Since ${shortDate(s.comparedWith)}, ${n(s.warmed, 'relationship')} warmed and ${s.cooled.toLocaleString('en-GB')} cooled`;
  }
  const strong = s.bands.filter((b) => b.min >= 60).reduce((sum, b) => sum + b.now, 0);
  return `${n(strong, 'strong relationship')} (60 or more) of ${n(s.people, 'person', 'people')}`;
}

export function coolingTakeaway(c: CoolingInsight): string | null {
  const first = c.items[0];
  if (!first) return null;
  const given = first.person.fullName.split(/\s+/)[0] ?? first.person.fullName;
  return c.items.length === 1
    ? `One close relationship is cooling: ${given}`
    : `${c.items.length} close relationships are cooling; start with ${given}`;
}

export function giveAskTakeaway(g: GiveAskInsights, months: number): string | null {
  if (g.gives + g.asks === 0) return null;
  if (g.asks > g.gives) return `You asked ${g.asks} times and gave ${g.gives}: give before you ask again`;
  return `You gave ${n(g.gives, 'time')} and asked ${g.asks} ${windowPhrase(months)}`;
}

export function opportunityTakeaway(o: OpportunitySourcesInsight): string | null {
  if (o.totals.count === 0) return null;
  const top = o.bySource.find((r) => r.person !== null);
  const through = top?.person ? `; most came through ${top.person.fullName}` : '';
  return `${n(o.totals.count, 'opportunity', 'opportunities')} ${windowPhrase(o.months)}${through}`;
}
