import type { Command } from 'commander';
import type { Interaction } from '../../contract/interactions.js';
import type { Person } from '../../contract/people.js';
import type { GlobalFlags } from '../context.js';
import { dayMonth, formatDate, joinNames, plural, relativeTime, roleAt, table, words } from '../format.js';
import { integer } from '../parsers.js';
import { quoteArg, resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';
import { circleColor } from './people-list.js';

export interface PeopleShowOptions {
  interactions: number;
  json?: boolean;
}

export async function peopleShow(
  rt: Runtime,
  ref: string,
  o: PeopleShowOptions,
  flags: GlobalFlags,
): Promise<{ person: Person; interactions: Interaction[] }> {
  return withApi(rt, flags, async ({ client }) => {
    const { id } = await resolvePerson(client, ref);
    const person = await client.getPerson({ params: { id } });
    const interactions =
      o.interactions > 0
        ? (await client.listPersonInteractions({ params: { id }, query: { limit: o.interactions } })).items
        : [];
    if (o.json) rt.out.json({ person, interactions });
    else print(rt, person, interactions);
    return { person, interactions };
  });
}

function print(rt: Runtime, p: Person, interactions: Interaction[]) {
  const { out } = rt;
  const s = out.style;
  const now = rt.now();
  out.line(s.bold(p.fullName) + (p.nickname ? s.dim(` (${p.nickname})`) : ''));
  const about = roleAt(p.roleTitle, p.organisation);
  if (about) out.line(about);
  if (p.headline && p.headline !== about) out.line(s.dim(p.headline));
  out.line();

  const facts: [string, string][] = [];
  const cadence = p.cadenceDays ? ` · every ${plural(p.cadenceDays, 'day')}` : '';
  facts.push(['Circle', circleColor(s)(words(p.circle), p.circle) + cadence]);
  if (p.emails.length) facts.push(['Email', p.emails.map((e) => e.value).join(', ')]);
  if (p.phones.length) facts.push(['Phone', p.phones.map((e) => e.value).join(', ')]);
  for (const link of p.links) facts.push([linkLabel(link.label), link.url]);
  if (p.location || p.timeZone) {
    facts.push(['Location', [p.location, p.timeZone && `(${p.timeZone})`].filter(Boolean).join(' ')]);
  }
  if (p.tags.length) facts.push(['Tags', p.tags.join(', ')]);
  if (p.topics.length) facts.push(['Topics', p.topics.join(', ')]);
  if (p.purposes.length) facts.push(['Purpose', p.purposes.map(words).join(', ')]);
  const met = howWeMet(p);
  if (met) facts.push(['Met', met]);
  for (const d of p.importantDates) {
    facts.push([
      d.kind === 'custom' ? (d.label ?? 'Date') : capitalise(words(d.kind)),
      dayMonth(d.month, d.day, d.year),
    ]);
  }
  const past = p.roles.filter((r) => r.endedOn);
  if (past.length) {
    facts.push(['Before', past.map((r) => roleAt(r.title, r.organisation)).join('; ')]);
  }
  facts.push([
    'Last contact',
    p.lastInteractionAt
      ? `${relativeTime(p.lastInteractionAt, now)} · ${plural(p.interactionCount, 'interaction')}`
      : 'never',
  ]);
  facts.push(['Id', s.dim(p.id)]);
  const labelWidth = Math.max(...facts.map(([k]) => k.length));
  for (const [k, v] of facts) out.line(`${s.dim(k.padEnd(labelWidth))}  ${v}`);

  if (p.learnings.length) {
    out.line();
    out.line(s.bold('Things learned'));
    for (const l of p.learnings) {
      const when = l.learnedOn ? s.dim(` (${formatDate(l.learnedOn)})`) : '';
      out.line(`  • ${s.dim(`${words(l.category)}:`)} ${l.body}${when}`);
    }
  }

  if (p.notes.trim()) {
    out.line();
    out.line(s.bold('Notes'));
    for (const l of p.notes.trimEnd().split('\n')) out.line(`  ${l}`);
  }

  out.line();
  if (interactions.length === 0) {
    out.line(
      s.dim(`No interactions yet. Log one with: tend log "coffee, talked about …" --with ${quoteArg(p.fullName)}`),
    );
    return;
  }
  out.line(s.bold('Latest interactions'));
  const lines = table(
    interactions,
    [
      { header: 'WHEN', value: (i) => relativeTime(i.occurredAt, now) },
      { header: 'KIND', value: (i) => words(i.kind) },
      { header: 'CHANNEL', value: (i) => (i.platform ? `${words(i.channel)} (${i.platform})` : words(i.channel)) },
      {
        header: 'SUMMARY',
        value: (i) => {
          const others = i.participants.filter((x) => x.id !== p.id).map((x) => x.fullName);
          return others.length ? `${i.summary} — with ${joinNames(others)}` : i.summary;
        },
        shrink: true,
      },
    ],
    s,
    out.width === undefined ? undefined : out.width - 2,
  );
  for (const l of lines) out.line(`  ${l}`);
  if (p.interactionCount > interactions.length) {
    out.line(s.dim(`  … ${p.interactionCount - interactions.length} earlier; see more with --interactions N`));
  }
}

function howWeMet(p: Person): string {
  const m = p.howWeMet;
  const parts: string[] = [];
  if (m.event) parts.push(`at ${m.event}`);
  if (m.channel && !(m.channel === 'introduction' && m.introducedBy)) parts.push(`via ${words(m.channel)}`);
  if (m.platform) parts.push(`on ${m.platform}`);
  if (m.introducedBy) parts.push(`introduced by ${m.introducedBy.fullName}`);
  if (m.date) parts.push(formatDate(m.date));
  const line = parts.join(', ');
  return m.context ? (line ? `${line} — ${m.context}` : m.context) : line;
}

const LINK_LABELS: Record<string, string> = { linkedin: 'LinkedIn', github: 'GitHub', website: 'Website' };

function linkLabel(label: string | null): string {
  if (!label) return 'Link';
  return LINK_LABELS[label.toLowerCase()] ?? capitalise(label);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function registerPeopleShow(people: Command, rt: Runtime): void {
  people
    .command('show')
    .description('Show a person and their latest interactions')
    .argument('<person>', 'a name ("Ana Ruiz", or just "ana" if only one fits) or an id')
    .option('--interactions <n>', 'how many recent interactions to show', integer(0, 500), 10)
    .option('--json', 'print { person, interactions } as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend people show "Ana Ruiz"
  $ tend people show ana --interactions 25
  $ tend people show 0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e --json`,
    )
    .action(async (ref: string, o: PeopleShowOptions, cmd: Command) => {
      await peopleShow(rt, ref, o, cmd.optsWithGlobals());
    });
}
