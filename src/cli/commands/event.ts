import type { Command } from 'commander';
import type { Client } from '../../contract/client.js';
import { EventKind, type Event, type EventDetail } from '../../contract/events.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain, type FieldNames } from '../errors.js';
import { formatDate, plural, table, words } from '../format.js';
import { oneOf } from '../parsers.js';
import { foldName, nameFits, quoteArg, resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';
import { dateArg } from './followup.js';

const FIELDS: FieldNames = {
  'body.name': 'NAME',
  'body.startsOn': '--date',
  'body.endsOn': '--until',
  'body.kind': '--kind',
  'body.place': '--place',
  'body.url': '--url',
  'body.goals': '--goals',
  'body.fullName': 'PERSON',
  'body.personId': 'PERSON',
  'body.context': '--context',
  'body.email': '--email',
  'body.linkedinUrl': '--linkedin',
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event by id, or by its name (exact first, then every word typed starting a word of the name). */
export async function resolveEvent(client: Client, ref: string): Promise<EventDetail> {
  const typed = ref.trim();
  if (!typed) throw new CliError('An event is needed: give its name or id');
  if (ID.test(typed)) return explain(client.getEvent({ params: { id: typed.toLowerCase() } }), {});
  const { items } = await client.listEvents({ query: { limit: 500 } });
  const exact = items.filter((e) => foldName(e.name) === foldName(typed));
  const hits = exact.length > 0 ? exact : items.filter((e) => nameFits(e.name, typed));
  if (hits.length === 1 && hits[0]) return client.getEvent({ params: { id: hits[0].id } });
  if (hits.length === 0) {
    throw new CliError(
      `Event not found: No event named ${quoteArg(typed)} — add it with: tend event add ${quoteArg(typed)}`,
    );
  }
  throw new CliError(
    `${quoteArg(typed)} matches ${hits.length} events — use the full name or one of these ids:`,
    hits.slice(0, 10).map((e) => `  ${e.id}  ${e.name}  (${formatDate(e.startsOn)})`),
  );
}

function rate(e: Event): string {
  const c = e.counts;
  if (c.met === 0) return 'nobody met yet';
  return `${c.followedUp}/${c.met} followed up (${Math.round((c.followUpRate ?? 0) * 100)}%)`;
}

function when(e: Event): string {
  return e.endsOn === e.startsOn ? formatDate(e.startsOn) : `${formatDate(e.startsOn)} – ${formatDate(e.endsOn)}`;
}

export function registerEvent(program: Command, rt: Runtime): void {
  const cmd = program.command('event').description('Events: who to see, who you met, and the follow-ups after');
  const run = (c: Command, fn: (client: Client) => Promise<unknown>) =>
    withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
      await fn(client);
    });
  const s = () => rt.out.style;

  cmd
    .command('add')
    .description('Add an event')
    .argument('<name>', 'e.g. "DevConf 2026"')
    .option('--date <date>', 'first day (default: today)', dateArg)
    .option('--until <date>', 'last day of a multi-day event', dateArg)
    .option('--kind <kind>', EventKind.options.join(', ').replace(/_/g, '-'), oneOf(EventKind.options))
    .option('--place <place>', 'a venue or a city')
    .option('--url <url>', 'the event page or the link of a virtual event')
    .option('--goals <text>', 'what you want from it: "meet three people in climate tech"')
    .option('--json', 'print the event as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend event add "DevConf 2026" --date 2026-06-12 --until 2026-06-14 --kind conference --place Brno
  $ tend event add "Climate tech meetup" --kind meetup --goals "meet three people working on grid storage"`,
    )
    .action(
      async (
        name: string,
        o: {
          date?: string;
          until?: string;
          kind?: EventKind;
          place?: string;
          url?: string;
          goals?: string;
          json?: boolean;
        },
        c: Command,
      ) =>
        run(c, async (client) => {
          const startsOn = o.date ?? rt.now().toISOString().slice(0, 10);
          const e = await explain(
            client.createEvent({
              body: {
                name,
                startsOn,
                ...(o.until ? { endsOn: o.until } : {}),
                ...(o.kind ? { kind: o.kind } : {}),
                ...(o.place ? { place: o.place } : {}),
                ...(o.url ? { url: o.url } : {}),
                ...(o.goals ? { goals: o.goals } : {}),
              },
            }),
            FIELDS,
          );
          if (o.json) return rt.out.json(e);
          rt.out.line(
            `${s().green('Added')} ${s().bold(e.name)} · ${words(e.kind)} · ${when(e)}${e.place ? ` · ${e.place}` : ''}`,
          );
          rt.out.line(
            s().dim(`  at the event: tend event met ${quoteArg(e.name)} "Ana Ruiz" --context "works on Rust payments"`),
          );
        }),
    );

  cmd
    .command('list')
    .description('Events, latest first, with their follow-up rate')
    .option('--upcoming', 'only events that have not ended')
    .option('--past', 'only events that have ended')
    .option('--json', 'print the events as JSON')
    .action(async (o: { upcoming?: boolean; past?: boolean; json?: boolean }, c: Command) =>
      run(c, async (client) => {
        const res = await client.listEvents({ query: { when: o.upcoming ? 'upcoming' : o.past ? 'past' : 'all' } });
        if (o.json) return rt.out.json(res);
        if (res.items.length === 0) {
          rt.out.line('No events yet. Add one with: tend event add "DevConf 2026" --date 2026-06-12');
          return;
        }
        for (const line of table(
          res.items,
          [
            { header: 'When', value: (e) => when(e) },
            { header: 'Event', value: (e) => e.name, shrink: true },
            { header: 'Kind', value: (e) => words(e.kind) },
            { header: 'Met', value: (e) => String(e.counts.met), align: 'right' },
            {
              header: 'Followed up',
              value: (e) => (e.counts.met ? `${Math.round((e.counts.followUpRate ?? 0) * 100)}%` : '—'),
              align: 'right',
            },
          ],
          s(),
        ))
          rt.out.line(line);
      }),
    );

  cmd
    .command('show')
    .description('An event: goals, who you planned to see, who you met, and the follow-up checklist')
    .argument('<event>', 'its name or id')
    .option('--json', 'print the event as JSON')
    .action(async (ref: string, o: { json?: boolean }, c: Command) =>
      run(c, async (client) => {
        const e = await resolveEvent(client, ref);
        if (o.json) return rt.out.json(e);
        const st = s();
        rt.out.line(`${st.bold(e.name)} · ${words(e.kind)} · ${when(e)}${e.place ? ` · ${e.place}` : ''}`);
        if (e.url) rt.out.line(st.dim(e.url));
        if (e.goals) rt.out.line(`Goals: ${e.goals}`);
        const met = e.people.filter((p) => p.role === 'met');
        const planned = e.people.filter((p) => p.role === 'planned');
        rt.out.line();
        rt.out.line(`${st.bold('Follow-ups')} · ${rate(e)}`);
        if (met.length === 0) rt.out.line(st.dim('  nobody met yet'));
        for (const p of met) {
          const box = p.followedUpAt ? st.green('[x]') : '[ ]';
          rt.out.line(`  ${box} ${p.person.fullName}${p.context ? st.dim(` — ${p.context}`) : ''}`);
        }
        if (planned.length > 0) {
          rt.out.line();
          rt.out.line(st.bold(`Planned to see (${planned.length})`));
          for (const p of planned) rt.out.line(`  ${p.person.fullName}${p.context ? st.dim(` — ${p.context}`) : ''}`);
        }
      }),
    );

  cmd
    .command('met')
    .description('Someone you just met there; a new name becomes a new person')
    .argument('<event>', 'its name or id')
    .argument('<person>', 'a name or an id; a name nobody has is added to your network')
    .option('--context <line>', 'one line: "works on Rust payments at Acme"')
    .option('--email <email>', 'their email (matches someone you already have)')
    .option('--linkedin <url>', 'their LinkedIn URL (matches someone you already have)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend event met DevConf "Ana Ruiz" --context "Rust payments at Acme" --linkedin https://linkedin.com/in/anaruiz
  $ tend event met DevConf Raj`,
    )
    .action(
      async (
        eventRef: string,
        personRef: string,
        o: { context?: string; email?: string; linkedin?: string; json?: boolean },
        c: Command,
      ) =>
        run(c, async (client) => {
          const e = await resolveEvent(client, eventRef);
          const extra = {
            ...(o.context ? { context: o.context } : {}),
            ...(o.email ? { email: o.email } : {}),
            ...(o.linkedin ? { linkedinUrl: o.linkedin } : {}),
          };
          let who: { personId: string } | { fullName: string };
          if (ID.test(personRef.trim())) who = { personId: (await resolvePerson(client, personRef)).id };
          else {
            // Only an exact name is someone you already have; anything else is someone new.
            const page = await client.listPeople({ query: { q: personRef.trim(), limit: 50 } });
            const exact = page.items.filter((p) => foldName(p.fullName) === foldName(personRef));
            if (exact.length > 1) {
              throw new CliError(
                `${quoteArg(personRef)} matches ${exact.length} people — use one of these ids:`,
                exact.slice(0, 10).map((p) => `  ${p.id}  ${p.fullName}`),
              );
            }
            who = exact[0] ? { personId: exact[0].id } : { fullName: personRef.trim() };
          }
          const r = await explain(client.metEventPerson({ params: { id: e.id }, body: { ...who, ...extra } }), FIELDS);
          if (o.json) return rt.out.json(r);
          const how = r.created
            ? ' (new in your network)'
            : r.matchedBy === 'email' || r.matchedBy === 'linkedin'
              ? ` (matched by ${r.matchedBy === 'email' ? 'email' : 'LinkedIn'})`
              : '';
          rt.out.line(
            `${s().green('Met')} ${s().bold(r.entry.person.fullName)} at ${e.name}${how}${r.entry.context ? s().dim(` — ${r.entry.context}`) : ''}`,
          );
        }),
    );

  cmd
    .command('plan')
    .description('Someone you plan to see at the event')
    .argument('<event>', 'its name or id')
    .argument('<person>', 'a name or an id')
    .option('--context <line>', 'why: "ask about her grid storage project"')
    .option('--json', 'print the result as JSON')
    .action(async (eventRef: string, personRef: string, o: { context?: string; json?: boolean }, c: Command) =>
      run(c, async (client) => {
        const e = await resolveEvent(client, eventRef);
        const p = await resolvePerson(client, personRef);
        const r = await explain(
          client.planEventPerson({
            params: { id: e.id },
            body: { personId: p.id, ...(o.context ? { context: o.context } : {}) },
          }),
          FIELDS,
        );
        if (o.json) return rt.out.json(r);
        rt.out.line(
          r.role === 'met'
            ? `${s().bold(p.fullName)} is already on the list of people you met at ${e.name}`
            : `${s().green('Planned')} to see ${s().bold(p.fullName)} at ${e.name}`,
        );
      }),
    );

  cmd
    .command('followup')
    .description('Tick someone you met off the follow-up checklist (logs the follow-up)')
    .argument('<event>', 'its name or id')
    .argument('<person>', 'a name or an id')
    .option('--summary <text>', 'what you did (default: "Followed up after <event>")')
    .option('--json', 'print the result as JSON')
    .action(async (eventRef: string, personRef: string, o: { summary?: string; json?: boolean }, c: Command) =>
      run(c, async (client) => {
        const e = await resolveEvent(client, eventRef);
        const here = e.people.filter(
          (p) => nameFits(p.person.fullName, personRef) || p.person.id === personRef.trim().toLowerCase(),
        );
        const personId = here.length === 1 && here[0] ? here[0].person.id : (await resolvePerson(client, personRef)).id;
        const r = await explain(
          client.followUpEventPerson({
            params: { id: e.id, personId },
            body: o.summary ? { log: { summary: o.summary } } : {},
          }),
          { 'body.log.summary': '--summary' },
        );
        if (o.json) return rt.out.json(r);
        const after = await client.getEvent({ params: { id: e.id } });
        rt.out.line(`${s().green('Followed up')} with ${s().bold(r.person.fullName)} · ${e.name}: ${rate(after)}`);
        const left = after.counts.met - after.counts.followedUp;
        if (left > 0) rt.out.line(s().dim(`  ${plural(left, 'person', 'people')} left to follow up`));
      }),
    );
}
