import type { Command } from 'commander';
import type { Today } from '../../contract/keep-in-touch.js';
import type { GlobalFlags } from '../context.js';
import { explain } from '../errors.js';
import { dayMonth, formatDate, joinNames, plural, relativeTime } from '../format.js';
import { type Runtime, withApi } from '../runtime.js';
import type { Style } from '../style.js';
import { dateArg } from './followup.js';
import { circleColor } from './people-list.js';

export interface TodayOptions {
  date?: string;
  json?: boolean;
}

export async function today(rt: Runtime, o: TodayOptions, flags: GlobalFlags): Promise<Today> {
  return withApi(rt, flags, async ({ client }) => {
    const day = await explain(client.getToday({ query: o.date ? { date: o.date } : {} }), { 'query.date': '--date' });
    if (o.json) rt.out.json(day);
    else print(rt, day);
    return day;
  });
}

function when(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

function heading(s: Style, title: string, note = '') {
  return `${s.bold(title)}${note ? s.dim(`  ${note}`) : ''}`;
}

function print(rt: Runtime, d: Today) {
  const { out } = rt;
  const s = out.style;
  const [y, m, dd] = d.date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, dd)).toLocaleDateString('en', { weekday: 'long', timeZone: 'UTC' });
  out.line(`${s.bold(`Today, ${weekday} ${dayMonth(m, dd)}`)}${s.dim(` · ${d.timeZone}`)}`);
  const g = d.goal;
  const bar = `${g.touches}/${g.goal.touches} touches · ${g.checkIns}/${g.goal.checkIns} check-ins`;
  const streak = g.streak > 0 ? ` · ${plural(g.streak, 'week')} in a row` : '';
  out.line(`${g.met ? s.green('Weekly goal met') : 'Weekly goal'}: ${bar}${s.dim(streak)}`);

  out.line();
  if (d.nudges.length === 0) {
    out.line(s.dim('Nothing to nudge you about. A good day to meet someone new.'));
  } else {
    out.line(heading(s, 'Suggestions'));
    d.nudges.forEach((n, i) => {
      out.line(`${s.dim(`${String(i + 1).padStart(2)}.`)} ${n.reason}`);
      out.line(
        s.dim(`    → ${n.action.label}${n.action.followUpId ? `  (tend followup done ${n.action.followUpId})` : ''}`),
      );
    });
  }

  if (d.followUps.length > 0) {
    out.line();
    out.line(heading(s, 'Follow-ups', 'tend followup done ID [--log "what you did"]'));
    const now = d.date;
    for (const f of d.followUps) {
      const days = Math.round((Date.parse(f.dueOn) - Date.parse(now)) / 86_400_000);
      const due = days < 0 ? s.red(when(days)) : days === 0 ? s.yellow('today') : when(days);
      out.line(`  ${f.title} — ${joinNames(f.people.map((p) => p.fullName))} · due ${due} ${s.dim(f.id)}`);
    }
  }

  out.line();
  if (d.due.items.length === 0) {
    out.line(s.dim('Nobody is due. Everyone you keep in touch with has heard from you recently.'));
  } else {
    out.line(heading(s, 'Due to hear from you', `${d.due.total >= 1000 ? '1000+' : d.due.total} in all`));
    for (const p of d.due.items.slice(0, 15)) {
      const late = p.daysOverdue > 0 ? s.red(`${p.daysOverdue}d overdue`) : s.yellow('due today');
      const last = p.lastInteractionAt
        ? `last contact ${relativeTime(p.lastInteractionAt, rt.now())}`
        : 'never contacted';
      out.line(`  ${s.bold(p.fullName)} ${circleColor(s)(p.circle, p.circle)} · ${late} · ${s.dim(last)}`);
    }
    if (d.due.items.length > 15) out.line(s.dim(`  … and ${d.due.total - 15} more: tend people list --sort due`));
  }

  if (d.upcomingDates.length > 0) {
    out.line();
    out.line(heading(s, 'Coming up'));
    for (const u of d.upcomingDates) {
      const what =
        u.kind === 'birthday'
          ? `birthday${u.years ? ` (${u.years})` : ''}`
          : u.kind === 'work_anniversary'
            ? `work anniversary${u.years ? ` (${u.years} years)` : ''}`
            : (u.label ?? 'date');
      out.line(`  ${formatDate(u.on)} ${s.dim(`(${when(u.inDays)})`)} — ${u.person.fullName}'s ${what}`);
    }
  }
}

export function registerToday(program: Command, rt: Runtime): void {
  program
    .command('today')
    .description('What to do today: suggestions with their reasons, follow-ups, who is due, dates coming up')
    .option('--date <date>', 'look at another day, e.g. 2026-12-01', dateArg)
    .option('--json', 'print the whole Today document as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend today
  $ tend today --date 2026-12-24
  $ tend today --json | jq '.nudges[].reason'`,
    )
    .action(async (o: TodayOptions, cmd: Command) => {
      await today(rt, o, cmd.optsWithGlobals());
    });
}
