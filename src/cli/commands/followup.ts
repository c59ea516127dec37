import { type Command, InvalidArgumentError } from 'commander';
import type { Client } from '../../contract/client.js';
import { DateOnly } from '../../contract/common.js';
import { type FollowUp, FollowUpKind } from '../../contract/keep-in-touch.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain, type FieldNames } from '../errors.js';
import { joinNames, plural, table, words } from '../format.js';
import { collect, integer, oneOf } from '../parsers.js';
import { type PersonRef, resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';

const FIELDS: FieldNames = {
  'body.title': 'TITLE',
  'body.personIds': '--with',
  'body.dueOn': '--due',
  'body.until': '--until',
  'body.days': '--days',
  'body.log.summary': '--log',
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function dateArg(value: string): string {
  const r = DateOnly.safeParse(value.trim());
  if (!r.success) throw new InvalidArgumentError('Give a date like 2026-03-14.');
  return r.data;
}

/** A follow-up by its id, or by the start of its id among open ones (as `tend today` prints them). */
async function resolveFollowUp(client: Client, ref: string): Promise<FollowUp> {
  if (ID.test(ref)) return explain(client.getFollowUp({ params: { id: ref.toLowerCase() } }), {});
  if (ref.length < 4) throw new CliError(`Give the follow-up's id (or at least its first 4 characters), not "${ref}"`);
  const open = await client.listFollowUps({ query: { status: 'open', limit: 500 } });
  const hits = open.items.filter((f) => f.id.startsWith(ref.toLowerCase()) || f.id.endsWith(ref.toLowerCase()));
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length === 0) throw new CliError(`No open follow-up with an id like "${ref}" — see: tend followup list`);
  throw new CliError(
    `Several open follow-ups match "${ref}": give more of the id`,
    hits.map((h) => `  ${h.id}  ${h.title}`),
  );
}

function summaryOf(f: FollowUp): string {
  return `${f.title} — ${joinNames(f.people.map((p) => p.fullName))} · due ${f.dueOn}`;
}

export function registerFollowUp(program: Command, rt: Runtime): void {
  const cmd = program
    .command('followup')
    .alias('followups')
    .description('Follow-ups: things to do for someone, with a due date');

  cmd
    .command('add')
    .description('Add a follow-up for one or more people')
    .argument('[title]', 'what to do, e.g. "Send the deck" (default from the kind)')
    .requiredOption('--with <person>', 'who it is for: a name or an id (repeat for several)', collect)
    .option('--kind <kind>', FollowUpKind.options.join(', ').replace(/_/g, '-'), oneOf(FollowUpKind.options), 'custom')
    .option('--due <date>', 'due date, e.g. 2026-12-01 (default: in the follow-up delay of the settings)', dateArg)
    .option('--notes <text>', 'notes')
    .option('--json', 'print the follow-up as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend followup add "Send the deck" --with "Ana Ruiz" --due 2026-12-01
  $ tend followup add --kind intro --with Ana --with "Raj Patel"`,
    )
    .action(
      async (
        title: string | undefined,
        o: { with: string[]; kind: FollowUp['kind']; due?: string; notes?: string; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const people: PersonRef[] = [];
          for (const name of o.with) {
            const p = await resolvePerson(client, name);
            if (!people.some((x) => x.id === p.id)) people.push(p);
          }
          const f = await explain(
            client.createFollowUp({
              body: {
                kind: o.kind,
                personIds: people.map((p) => p.id),
                ...(title ? { title } : {}),
                ...(o.due ? { dueOn: o.due } : {}),
                ...(o.notes ? { notes: o.notes } : {}),
              },
            }),
            FIELDS,
          );
          if (o.json) return rt.out.json(f);
          rt.out.line(`${rt.out.style.green('Added')} ${summaryOf(f)} ${rt.out.style.dim(f.id)}`);
        }),
    );

  cmd
    .command('list')
    .alias('ls')
    .description('List follow-ups by due date')
    .option(
      '--status <status>',
      'open, done, cancelled or all',
      oneOf(['open', 'done', 'cancelled', 'all'] as const),
      'open',
    )
    .option('--with <person>', 'only those for this person')
    .option('--limit <n>', 'show at most this many', integer(1, 500), 50)
    .option('--json', 'print the follow-ups as a JSON array')
    .addHelpText(
      'after',
      `
Examples:
  $ tend followup list
  $ tend followup list --with "Ana Ruiz" --status all`,
    )
    .action(
      async (
        o: { status: 'open' | 'done' | 'cancelled' | 'all'; with?: string; limit: number; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const person = o.with ? await resolvePerson(client, o.with) : undefined;
          const page = await client.listFollowUps({
            query: { status: o.status, limit: o.limit, ...(person ? { personId: person.id } : {}) },
          });
          if (o.json) return rt.out.json(page.items);
          const s = rt.out.style;
          if (page.items.length === 0) {
            rt.out.line(s.dim('No follow-ups. Add one with: tend followup add "Send the deck" --with "Ana Ruiz"'));
            return;
          }
          const lines = table(
            page.items,
            [
              { header: 'DUE', value: (f) => f.dueOn },
              { header: 'WHAT', value: (f) => f.title, color: (t) => s.bold(t), shrink: true },
              { header: 'WHO', value: (f) => joinNames(f.people.map((p) => p.fullName)), shrink: true },
              { header: 'KIND', value: (f) => words(f.kind) },
              { header: 'STATUS', value: (f) => f.status },
              { header: 'ID', value: (f) => f.id, color: (t) => s.dim(t) },
            ],
            s,
            rt.out.width,
          );
          for (const l of lines) rt.out.line(l);
          rt.out.line(s.dim(plural(page.items.length, 'follow-up')));
        }),
    );

  cmd
    .command('done')
    .description('Mark a follow-up done; --log also logs what you did, in the same step')
    .argument('<id>', 'the follow-up id (or its first characters)')
    .option('--log [summary]', 'log the interaction too (default summary: the follow-up title)')
    .option('--json', 'print the follow-up as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend followup done 0192f7c4 --log "Sent a thank-you on LinkedIn"
  $ tend followup done 0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e`,
    )
    .action(async (ref: string, o: { log?: string | boolean; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const f = await resolveFollowUp(client, ref);
        const log = o.log === undefined ? undefined : typeof o.log === 'string' ? { summary: o.log } : {};
        const done = await explain(client.completeFollowUp({ params: { id: f.id }, body: log ? { log } : {} }), FIELDS);
        if (o.json) return rt.out.json(done);
        const s = rt.out.style;
        rt.out.line(`${s.green('Done')} ${summaryOf(done)}${done.doneInteractionId ? s.dim(' · logged') : ''}`);
      }),
    );

  cmd
    .command('snooze')
    .description('Move a follow-up to a later date')
    .argument('<id>', 'the follow-up id (or its first characters)')
    .option('--until <date>', 'the new due date', dateArg)
    .option('--days <n>', 'or this many days from today', integer(1, 365))
    .option('--json', 'print the follow-up as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ tend followup snooze 0192f7c4 --days 3\n  $ tend followup snooze 0192f7c4 --until 2026-12-01',
    )
    .action(async (ref: string, o: { until?: string; days?: number; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        if (!o.until && !o.days) throw new CliError('Say until when: --until 2026-12-01 or --days 3');
        const f = await resolveFollowUp(client, ref);
        const body = o.until ? { until: o.until } : { days: o.days };
        const later = await explain(client.snoozeFollowUp({ params: { id: f.id }, body }), FIELDS);
        if (o.json) return rt.out.json(later);
        rt.out.line(`${rt.out.style.green('Snoozed')} ${summaryOf(later)}`);
      }),
    );
}
