import type { Command } from 'commander';
import { AchievementKind } from '../../contract/keep-in-touch.js';
import type { GlobalFlags } from '../context.js';
import { explain, type FieldNames } from '../errors.js';
import { formatDate, words } from '../format.js';
import { oneOf } from '../parsers.js';
import { resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';
import { dateArg } from './followup.js';

const FIELDS: FieldNames = {
  'body.title': 'TITLE',
  'body.occurredOn': '--on',
  'body.url': '--url',
  'body.kind': '--kind',
};

export function registerAchievement(program: Command, rt: Runtime): void {
  const cmd = program.command('achievement').description("Your contacts' achievements and life events");
  cmd
    .command('add')
    .description('Record an achievement: Today will suggest a congratulation')
    .argument('<person>', 'whose it is: a name or an id')
    .argument('<title>', 'what happened, e.g. "Staff Engineer at Acme"')
    .requiredOption(
      '--kind <kind>',
      AchievementKind.options.join(', ').replace(/_/g, '-'),
      oneOf(AchievementKind.options),
    )
    .option('--on <date>', 'when (default: today)', dateArg)
    .option('--url <url>', 'a link to the announcement')
    .option('--json', 'print the achievement as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend achievement add "Ana Ruiz" "Staff Engineer at Acme" --kind new-role
  $ tend achievement add Raj "Paper at ICSE" --kind publication --on 2026-11-20 --url https://example.com/paper`,
    )
    .action(
      async (
        ref: string,
        title: string,
        o: { kind: AchievementKind; on?: string; url?: string; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const person = await resolvePerson(client, ref);
          const a = await explain(
            client.createAchievement({
              params: { id: person.id },
              body: { kind: o.kind, title, ...(o.on ? { occurredOn: o.on } : {}), ...(o.url ? { url: o.url } : {}) },
            }),
            FIELDS,
          );
          if (o.json) return rt.out.json(a);
          const s = rt.out.style;
          rt.out.line(
            `${s.green('Recorded')} ${words(a.kind)} for ${s.bold(a.person.fullName)}: ${a.title} · ${formatDate(a.occurredOn)}`,
          );
          rt.out.line(s.dim('  Today will suggest congratulating them.'));
        }),
    );
}
