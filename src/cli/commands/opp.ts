import { type Command, InvalidArgumentError } from 'commander';
import type { Client } from '../../contract/client.js';
import {
  OPPORTUNITY_KINDS,
  OPPORTUNITY_STAGES,
  type Opportunity,
  type OpportunityKind,
  type OpportunityReport,
  type OpportunityStage,
} from '../../contract/opportunities.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain, type FieldNames } from '../errors.js';
import { plural, table, words } from '../format.js';
import { integer, oneOf } from '../parsers.js';
import { foldName, resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';
import type { Style } from '../style.js';
import { resolveById } from './ref.js';

const FIELDS: FieldNames = {
  'body.title': 'TITLE',
  'body.kind': '--kind',
  'body.stage': 'STAGE',
  'body.value': '--value',
  'body.people': '--via',
  'body.eventId': '--event',
  'body.expectedCloseOn': '--expected',
};

/** "1500 EUR", "EUR 1,500.50", "1500eur": an amount and a three-letter currency, either way round. */
export function moneyArg(value: string): { amount: number; currency: string } {
  const m = /^([A-Za-z]{3})?\s*([\d][\d,_ ]*(?:\.\d+)?)\s*([A-Za-z]{3})?$/.exec(value.trim());
  const currency = m?.[1] ?? m?.[3];
  if (!m?.[2] || !currency || (m[1] && m[3])) {
    throw new InvalidArgumentError('Give an amount with its currency, like "1500 EUR" or "USD 2,000".');
  }
  return { amount: Number(m[2].replace(/[,_ ]/g, '')), currency: currency.toUpperCase() };
}

export function money(v: { amount: number; currency: string } | null): string {
  if (!v) return '—';
  return `${v.amount.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${v.currency}`;
}

function resolveOpp(client: Client, ref: string): Promise<Opportunity> {
  return resolveById(
    ref,
    { one: 'opportunity', listCommand: 'tend opp list' },
    (id) => explain(client.getOpportunity({ params: { id } }), {}),
    async () => (await client.listOpportunities({ query: { limit: 500 } })).items,
    (o) => `${o.title} (${words(o.stage)})`,
  );
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event by its id or its name ("RustConf 2026", or a unique part of it). */
async function resolveEvent(client: Client, ref: string): Promise<string> {
  const r = ref.trim();
  if (ID.test(r)) return r.toLowerCase();
  const events = (await client.listEvents({ query: { limit: 500 } })).items;
  const exact = events.filter((e) => foldName(e.name) === foldName(r));
  const hits = exact.length > 0 ? exact : events.filter((e) => foldName(e.name).includes(foldName(r)));
  if (hits.length === 1 && hits[0]) return hits[0].id;
  if (hits.length === 0) throw new CliError(`No event named "${r}" — add it with: tend event add "${r}"`);
  throw new CliError(
    `"${r}" matches ${hits.length} events — use the full name or one of these ids:`,
    hits.slice(0, 10).map((e) => `  ${e.id}  ${e.name} (${e.startsOn})`),
  );
}

function via(o: Opportunity): string {
  return o.people.find((p) => p.role === 'source')?.fullName ?? '—';
}

function bar(n: number, max: number, width = 20): string {
  if (max <= 0 || n <= 0) return '';
  return '█'.repeat(Math.max(1, Math.round((n / max) * width)));
}

export function reportLines(r: OpportunityReport, s: Style, width: number | undefined): string[] {
  const out: string[] = [];
  const wonValue = (v: { currency: string; amount: number }[]) => v.map((x) => money(x)).join(' + ') || '—';
  out.push(
    s.bold(
      `${plural(r.totals.count, 'opportunity', 'opportunities')} · ${r.totals.won} won · ${r.totals.lost} lost · ${r.totals.open} open · won ${wonValue(r.totals.wonValue)}`,
    ),
  );
  const section = <T extends { count: number; won: number; wonValue: { currency: string; amount: number }[] }>(
    title: string,
    rows: T[],
    label: (row: T) => string,
  ) => {
    out.push('', s.bold(title));
    const max = Math.max(0, ...rows.map((x) => x.count));
    out.push(
      ...table(
        rows,
        [
          { header: 'FROM', value: label, shrink: true },
          { header: 'COUNT', value: (x) => String(x.count) },
          { header: 'WON', value: (x) => String(x.won) },
          { header: 'WON VALUE', value: (x) => wonValue(x.wonValue) },
          { header: '', value: (x) => bar(x.count, max), color: (t) => s.green(t) },
        ],
        s,
        width,
      ),
    );
  };
  section('By source relationship', r.bySource, (x) => x.person?.fullName ?? '(no source person)');
  section('By channel', r.byChannel, (x) => (x.channel === 'unknown' ? '(channel unknown)' : words(x.channel)));
  section('By event', r.byEvent, (x) => x.event?.name ?? '(not through an event)');
  return out;
}

export function registerOpp(program: Command, rt: Runtime): void {
  const cmd = program
    .command('opp')
    .alias('opps')
    .description('Opportunities: job leads, referrals, clients… and the people they came through');

  cmd
    .command('add')
    .description('Add an opportunity')
    .argument('<title>', 'what it is, e.g. "Staff engineer at Acme"')
    .requiredOption('--kind <kind>', OPPORTUNITY_KINDS.join(', ').replace(/_/g, '-'), oneOf(OPPORTUNITY_KINDS))
    .option('--stage <stage>', OPPORTUNITY_STAGES.join(', ').replace(/_/g, '-'), oneOf(OPPORTUNITY_STAGES), 'lead')
    .option('--value <money>', 'what it is worth, e.g. "1500 EUR"', moneyArg)
    .option('--via <person>', 'the person it came through (a name or an id)')
    .option('--contact <person>', 'a contact on the other side (a name or an id)')
    .option('--event <event>', 'the event it came through (its name or id)')
    .option('--expected <date>', 'expected to close on, e.g. 2027-03-01')
    .option('--notes <text>', 'notes')
    .option('--json', 'print the opportunity as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend opp add "Staff engineer at Acme" --kind job-lead --via "Ana Ruiz"
  $ tend opp add "Platform rebuild" --kind client --value "40000 EUR" --via Raj --stage contacted
  $ tend opp add "Keynote slot" --kind speaking --via "Li Wei" --event "RustConf"`,
    )
    .action(
      async (
        title: string,
        o: {
          kind: OpportunityKind;
          stage: OpportunityStage;
          value?: { amount: number; currency: string };
          via?: string;
          contact?: string;
          event?: string;
          expected?: string;
          notes?: string;
          json?: boolean;
        },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const people: { personId: string; role: 'source' | 'contact' }[] = [];
          if (o.via) people.push({ personId: (await resolvePerson(client, o.via)).id, role: 'source' });
          if (o.contact) {
            const p = await resolvePerson(client, o.contact);
            if (!people.some((x) => x.personId === p.id)) people.push({ personId: p.id, role: 'contact' });
          }
          const eventId = o.event ? await resolveEvent(client, o.event) : undefined;
          const opp = await explain(
            client.createOpportunity({
              body: {
                title,
                kind: o.kind,
                stage: o.stage,
                ...(o.value ? { value: o.value } : {}),
                ...(people.length ? { people } : {}),
                ...(eventId ? { eventId } : {}),
                ...(o.expected ? { expectedCloseOn: o.expected } : {}),
                ...(o.notes ? { notes: o.notes } : {}),
              },
            }),
            FIELDS,
          );
          if (o.json) return rt.out.json(opp);
          rt.out.line(
            `${rt.out.style.green('Added')} ${opp.title} · ${words(opp.kind)} · ${words(opp.stage)}${opp.value ? ` · ${money(opp.value)}` : ''}${o.via ? ` · via ${via(opp)}` : ''} ${rt.out.style.dim(opp.id)}`,
          );
        }),
    );

  cmd
    .command('list')
    .alias('ls')
    .description('List opportunities, most recently changed first')
    .option('--stage <stage>', OPPORTUNITY_STAGES.join(', ').replace(/_/g, '-'), oneOf(OPPORTUNITY_STAGES))
    .option('--kind <kind>', OPPORTUNITY_KINDS.join(', ').replace(/_/g, '-'), oneOf(OPPORTUNITY_KINDS))
    .option('--with <person>', 'only those this person is on')
    .option('--limit <n>', 'show at most this many', integer(1, 500), 50)
    .option('--json', 'print the opportunities as a JSON array')
    .action(
      async (
        o: { stage?: OpportunityStage; kind?: OpportunityKind; with?: string; limit: number; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const person = o.with ? await resolvePerson(client, o.with) : undefined;
          const page = await client.listOpportunities({
            query: {
              limit: o.limit,
              ...(o.stage ? { stage: o.stage } : {}),
              ...(o.kind ? { kind: o.kind } : {}),
              ...(person ? { personId: person.id } : {}),
            },
          });
          if (o.json) return rt.out.json(page.items);
          const s = rt.out.style;
          if (page.items.length === 0) {
            rt.out.line(
              s.dim(
                'No opportunities. Add one with: tend opp add "Staff engineer at Acme" --kind job-lead --via "Ana Ruiz"',
              ),
            );
            return;
          }
          for (const l of table(
            page.items,
            [
              { header: 'STAGE', value: (x) => words(x.stage) },
              { header: 'TITLE', value: (x) => x.title, color: (t) => s.bold(t), shrink: true },
              { header: 'KIND', value: (x) => words(x.kind) },
              { header: 'VALUE', value: (x) => money(x.value) },
              { header: 'VIA', value: via, shrink: true },
              { header: 'ID', value: (x) => x.id, color: (t) => s.dim(t) },
            ],
            s,
            rt.out.width,
          )) {
            rt.out.line(l);
          }
          rt.out.line(s.dim(plural(page.items.length, 'opportunity', 'opportunities')));
        }),
    );

  cmd
    .command('move')
    .description('Move an opportunity to another stage')
    .argument('<id>', 'the opportunity (its id or the first characters of it)')
    .argument('<stage>', OPPORTUNITY_STAGES.join(', ').replace(/_/g, '-'), oneOf(OPPORTUNITY_STAGES))
    .option('--json', 'print the opportunity as JSON')
    .addHelpText('after', '\nExample:\n  $ tend opp move 01a2 won')
    .action(async (ref: string, stage: OpportunityStage, o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const opp = await resolveOpp(client, ref);
        const moved = await explain(client.moveOpportunity({ params: { id: opp.id }, body: { stage } }), FIELDS);
        if (o.json) return rt.out.json(moved);
        rt.out.line(
          `${rt.out.style.green('Moved')} ${moved.title} to ${words(moved.stage)} ${rt.out.style.dim(moved.id)}`,
        );
      }),
    );

  cmd
    .command('report')
    .description('Which parts of your network produced opportunities: by source person, channel and event')
    .option('--json', 'print the report as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const r = await client.opportunityReport({});
        if (o.json) return rt.out.json(r);
        if (r.totals.count === 0) {
          rt.out.line(
            rt.out.style.dim('No opportunities yet. Add one with: tend opp add TITLE --kind client --via "Ana Ruiz"'),
          );
          return;
        }
        for (const l of reportLines(r, rt.out.style, rt.out.width)) rt.out.line(l);
      }),
    );
}
