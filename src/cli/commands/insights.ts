import type { Command } from 'commander';
import type { Client } from '../../contract/client.js';
import {
  channelTakeaway,
  coolingTakeaway,
  giveAskTakeaway,
  growthTakeaway,
  opportunityTakeaway,
  shortDate,
  strengthTakeaway,
  weeklyTakeaway,
  windowPhrase,
} from '../../contract/insights-text.js';
import type { GlobalFlags } from '../context.js';
import { explain } from '../errors.js';
import { formatDate, table, words } from '../format.js';
import { integer, oneOf } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';
import type { Style } from '../style.js';
import { reportLines } from './opp.js';

/*
 * `tend insights [which]`: the charts of the Insights page as compact tables
 * with small bar charts; without a name, one line per insight.
 */

const WHICH = ['growth', 'weekly', 'channels', 'strength', 'cooling', 'give_ask', 'opportunities'] as const;
type Which = (typeof WHICH)[number];

const FIELDS = { 'query.months': '--months', 'query.limit': '--limit' };

interface Options {
  months: number;
  limit: number;
  json?: boolean;
}

function bar(n: number, max: number, width = 24): string {
  if (max <= 0 || n <= 0) return '';
  const eighths = Math.max(1, Math.round((n / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8] ?? '');
}

/** Fetches one insight: the JSON and its lines for people. */
async function fetchOne(
  client: Client,
  which: Which,
  o: Options,
  s: Style,
  width: number | undefined,
): Promise<{ data: unknown; takeaway: string | null; lines: () => string[] }> {
  const query = { months: o.months };
  switch (which) {
    case 'growth': {
      const g = await explain(client.growthInsights({ query }), FIELDS);
      const max = Math.max(0, ...g.byMonth.map((m) => m.added));
      return {
        data: g,
        takeaway: growthTakeaway(g),
        lines: () =>
          table(
            g.byMonth,
            [
              { header: 'MONTH', value: (m) => m.month },
              { header: 'ADDED', value: (m) => String(m.added), align: 'right' },
              { header: 'TOTAL', value: (m) => String(m.total), align: 'right' },
              { header: '', value: (m) => bar(m.added, max), color: (t) => s.green(t) },
            ],
            s,
            width,
          ),
      };
    }
    case 'weekly': {
      const w = await explain(client.weeklyInsights({ query }), FIELDS);
      const max = Math.max(0, ...w.byWeek.map((b) => b.total));
      return {
        data: w,
        takeaway: weeklyTakeaway(w),
        lines: () =>
          table(
            w.byWeek,
            [
              { header: 'WEEK OF', value: (b) => formatDate(b.week) },
              { header: 'TOTAL', value: (b) => String(b.total), align: 'right' },
              { header: 'ONLINE', value: (b) => String(b.online), align: 'right' },
              { header: 'IN PERSON', value: (b) => String(b.inPerson), align: 'right' },
              { header: '', value: (b) => bar(b.total, max), color: (t) => s.green(t) },
            ],
            s,
            width,
          ),
      };
    }
    case 'channels': {
      const c = await explain(client.channelInsights({ query }), FIELDS);
      const max = Math.max(0, ...c.byKind.map((k) => k.total));
      return {
        data: c,
        takeaway: channelTakeaway(c),
        lines: () => [
          `${c.online} online · ${c.inPerson} in person`,
          ...table(
            c.byKind,
            [
              { header: 'KIND', value: (k) => words(k.kind) },
              { header: 'TOTAL', value: (k) => String(k.total), align: 'right' },
              { header: 'ONLINE', value: (k) => String(k.online), align: 'right' },
              { header: 'IN PERSON', value: (k) => String(k.inPerson), align: 'right' },
              { header: '', value: (k) => bar(k.total, max), color: (t) => s.green(t) },
            ],
            s,
            width,
          ),
        ],
      };
    }
    case 'strength': {
      const st = await explain(client.strengthInsights({ query }), FIELDS);
      const max = Math.max(0, ...st.bands.map((b) => Math.max(b.now, b.before ?? 0)));
      const then = st.comparedWith ? `WEEK OF ${formatDate(st.comparedWith).toUpperCase()}` : 'BEFORE';
      return {
        data: st,
        takeaway: strengthTakeaway(st),
        lines: () => [
          ...table(
            st.bands,
            [
              { header: 'STRENGTH', value: (b) => b.label },
              { header: 'NOW', value: (b) => String(b.now), align: 'right' },
              { header: '', value: (b) => bar(b.now, max, 16), color: (t) => s.green(t) },
              { header: then, value: (b) => (b.before === null ? '—' : String(b.before)), align: 'right' },
              { header: '', value: (b) => bar(b.before ?? 0, max, 16), color: (t) => s.dim(t) },
            ],
            s,
            width,
          ),
          s.dim(
            st.comparedWith
              ? `${st.warmed} warmed, ${st.cooled} cooled by ${st.threshold} points or more since ${shortDate(st.comparedWith)}`
              : 'No snapshot to compare with yet: the weekly strength refresh writes one each week.',
          ),
        ],
      };
    }
    case 'cooling': {
      const c = await explain(client.coolingInsights({ query: { ...query, limit: o.limit } }), FIELDS);
      return {
        data: c,
        takeaway: coolingTakeaway(c),
        lines: () =>
          table(
            c.items,
            [
              { header: 'NAME', value: (i) => i.person.fullName, shrink: true },
              { header: 'CIRCLE', value: (i) => i.circle },
              { header: 'STRENGTH', value: (i) => String(Math.round(i.strength)), align: 'right' },
              { header: 'WHY', value: (i) => i.reason, shrink: true, color: (t) => s.dim(t) },
            ],
            s,
            width,
          ),
      };
    }
    case 'give_ask': {
      const g = await explain(client.giveAskInsights({ query }), FIELDS);
      const max = Math.max(0, ...g.byMonth.map((m) => Math.max(m.gives, m.asks)));
      return {
        data: g,
        takeaway: giveAskTakeaway(g, o.months),
        lines: () =>
          table(
            g.byMonth,
            [
              { header: 'MONTH', value: (m) => m.month },
              { header: 'GIVES', value: (m) => String(m.gives), align: 'right' },
              { header: '', value: (m) => bar(m.gives, max, 12), color: (t) => s.green(t) },
              { header: 'ASKS', value: (m) => String(m.asks), align: 'right' },
              { header: '', value: (m) => bar(m.asks, max, 12), color: (t) => s.dim(t) },
            ],
            s,
            width,
          ),
      };
    }
    case 'opportunities': {
      const r = await explain(client.opportunityInsights({ query }), FIELDS);
      return { data: r, takeaway: opportunityTakeaway(r), lines: () => reportLines(r, s, width) };
    }
  }
}

const TITLES: Record<Which, string> = {
  growth: 'Network growth',
  weekly: 'Interactions per week',
  channels: 'Channel mix',
  strength: 'Relationship strength',
  cooling: 'Cooling relationships',
  give_ask: 'Give and ask',
  opportunities: 'Opportunities by source',
};

const EMPTY: Record<Which, string> = {
  growth: 'No people yet. Add someone with: tend people add "Ana Ruiz"',
  weekly: 'No interactions in this window. Log one with: tend log "Coffee" --with Ana',
  channels: 'No interactions in this window. Log one with: tend log "Coffee" --with Ana',
  strength: 'No people yet.',
  cooling: 'No inner or close relationship is cooling. Nicely tended.',
  give_ask: 'No gives or asks marked. Mark one with: tend log "Sent the talk" --with Ana --give shared',
  opportunities: 'No opportunities opened in this window.',
};

export function registerInsights(program: Command, rt: Runtime): void {
  program
    .command('insights')
    .description(
      'How your network is doing: growth, interactions per week, channel mix, strength, cooling, give/ask, opportunities',
    )
    .argument('[which]', `one insight in detail: ${WHICH.join(', ').replace('give_ask', 'give-ask')}`, oneOf(WHICH))
    .option('--months <n>', 'how many months to look back, 1 to 24', integer(1, 24), 6)
    .option('--limit <n>', 'cooling: how many people to list, 1 to 50', integer(1, 50), 10)
    .option('--json', 'print the numbers as JSON')
    .action(async (which: Which | undefined, o: Options, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const { out } = rt;
        const s = out.style;
        if (which) {
          const r = await fetchOne(client, which, o, s, out.width);
          if (o.json) return out.json(r.data);
          out.line(`${s.bold(TITLES[which])}${s.dim(`  ${windowPhrase(o.months)}`)}`);
          if (r.takeaway === null) return out.line(s.dim(EMPTY[which]));
          out.line(r.takeaway);
          out.line();
          for (const l of r.lines()) out.line(l);
          return;
        }
        const all = await Promise.all(WHICH.map((w) => fetchOne(client, w, o, s, out.width)));
        if (o.json) {
          return out.json(Object.fromEntries(WHICH.map((w, i) => [w.replace('_', '-'), all[i]?.data])));
        }
        out.line(`${s.bold('Insights')}${s.dim(`  ${windowPhrase(o.months)}`)}`);
        const label = Math.max(...WHICH.map((w) => TITLES[w].length));
        WHICH.forEach((w, i) => {
          const t = all[i]?.takeaway;
          out.line(`${s.dim(TITLES[w].padEnd(label))}  ${t ?? s.dim('—')}`);
        });
        out.line(
          s.dim(
            `\nDetails: tend insights ${WHICH[0]} (or ${WHICH.slice(1).join(', ').replace('give_ask', 'give-ask')})`,
          ),
        );
      }),
    );
}
