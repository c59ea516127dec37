import type { Command } from 'commander';
import type { GlobalFlags } from '../context.js';
import { CliError, explain, type FieldNames } from '../errors.js';
import { formatDate } from '../format.js';
import { integer } from '../parsers.js';
import { resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';
import { dateArg } from './followup.js';

const FIELDS: FieldNames = { 'body.until': '--until', 'body.days': '--days' };

export function registerSnooze(program: Command, rt: Runtime): void {
  program
    .command('snooze')
    .description('Snooze a person: they are not due before a date')
    .argument('<person>', 'a name or an id')
    .option('--until <date>', 'not due before this date, e.g. 2027-01-10', dateArg)
    .option('--days <n>', 'or for this many days', integer(1, 3650))
    .option('--off', 'end the snooze')
    .option('--json', "print the person's keep-in-touch state as JSON")
    .addHelpText(
      'after',
      `
Examples:
  $ tend snooze "Ana Ruiz" --until 2027-01-10
  $ tend snooze Raj --days 30
  $ tend snooze Raj --off`,
    )
    .action(async (ref: string, o: { until?: string; days?: number; off?: boolean; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        if (!o.off && !o.until && !o.days)
          throw new CliError('Say until when: --until 2027-01-10, --days 30, or --off');
        const person = await resolvePerson(client, ref);
        const state = o.off
          ? await client.unsnoozePerson({ params: { id: person.id } })
          : await explain(
              client.snoozePerson({ params: { id: person.id }, body: o.until ? { until: o.until } : { days: o.days } }),
              FIELDS,
            );
        if (o.json) return rt.out.json(state);
        const s = rt.out.style;
        const due = state.nextDueOn ? `next due ${formatDate(state.nextDueOn)}` : 'no cadence';
        rt.out.line(
          o.off
            ? `${s.green('Unsnoozed')} ${s.bold(person.fullName)} · ${due}`
            : `${s.green('Snoozed')} ${s.bold(person.fullName)} until ${formatDate(state.snoozedUntil ?? '')} · ${due}`,
        );
      }),
    );
}
