import type { Command } from 'commander';
import type { AwayPeriod } from '../../contract/away.js';
import type { Client } from '../../contract/client.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain } from '../errors.js';
import { formatDate, table } from '../format.js';
import { type Runtime, withApi } from '../runtime.js';

/* tend away: periods you will be away, so Today brings check-ins forward before you leave (docs/keep-in-touch.md). */

const FIELDS = { 'body.from': 'FROM', 'body.to': 'TO', 'body.label': '--label' };

/** An away period by id or the start of its id (past ones included). */
async function resolveAway(client: Client, ref: string): Promise<AwayPeriod> {
  const { items } = await client.listAwayPeriods({ query: { past: 'true' } });
  const hits = items.filter((p) => p.id === ref || (ref.length >= 4 && p.id.startsWith(ref)));
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length === 0) throw new CliError(`No away period "${ref}" — see: tend away list --past`);
  throw new CliError(`"${ref}" matches ${hits.length} away periods — give more of the id`);
}

function span(p: AwayPeriod): string {
  return `${formatDate(p.from)} – ${formatDate(p.to)}`;
}

export function registerAway(program: Command, rt: Runtime): void {
  const cmd = program
    .command('away')
    .description('Periods you will be away: Today brings forward the check-ins that would fall due while you are')
    .addHelpText(
      'after',
      `
Examples:
  $ tend away add 2026-12-20 2027-01-03 --label Holidays
  $ tend away list
  $ tend away remove 0193a2`,
    );

  cmd
    .command('add <from> <to>')
    .description('Record that you will be away from FROM to TO (YYYY-MM-DD, both days included)')
    .option('--label <text>', 'what it is, e.g. Holidays')
    .option('--json', 'print the period as JSON')
    .action(async (from: string, to: string, o: { label?: string; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const p = await explain(
          client.createAwayPeriod({ body: { from, to, ...(o.label ? { label: o.label } : {}) } }),
          FIELDS,
        );
        if (o.json) return rt.out.json(p);
        rt.out.line(`Away ${span(p)}${p.label ? ` (${p.label})` : ''}: ${p.id}`);
        rt.out.err(
          rt.out.errStyle.dim(
            'Today will bring forward inner and close check-ins that would fall due then, in the days before you leave.',
          ),
        );
      }),
    );

  cmd
    .command('list')
    .alias('ls')
    .description('Your away periods, current and coming, soonest first')
    .option('--past', 'include periods that have ended')
    .option('--json', 'print them as JSON')
    .action(async (o: { past?: boolean; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const { items } = await client.listAwayPeriods({ query: { past: o.past ? 'true' : 'false' } });
        if (o.json) return rt.out.json(items);
        if (items.length === 0)
          return rt.out.line('No away periods. Add one with: tend away add FROM TO --label Holidays');
        for (const line of table(
          items,
          [
            { header: 'ID', value: (p) => p.id },
            { header: 'FROM', value: (p) => p.from },
            { header: 'TO', value: (p) => p.to },
            { header: 'LABEL', value: (p) => p.label ?? '', shrink: true },
          ],
          rt.out.style,
          rt.out.width,
        )) {
          rt.out.line(line);
        }
      }),
    );

  cmd
    .command('remove <id>')
    .alias('rm')
    .description('Remove an away period (by id or the start of its id)')
    .option('--json', 'print the result as JSON')
    .action(async (ref: string, o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const p = await resolveAway(client, ref);
        await client.deleteAwayPeriod({ params: { id: p.id } });
        if (o.json) return rt.out.json({ removed: p.id });
        rt.out.line(`Removed the away period ${span(p)}.`);
      }),
    );
}
