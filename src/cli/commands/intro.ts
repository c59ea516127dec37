import type { Command } from 'commander';
import type { Client } from '../../contract/client.js';
import {
  INTRO_OUTCOMES,
  INTRO_STEPS,
  type IntroOutcome,
  type IntroStep,
  type Introduction,
} from '../../contract/introductions.js';
import type { GlobalFlags } from '../context.js';
import { explain, type FieldNames } from '../errors.js';
import { plural, table, words } from '../format.js';
import { integer, oneOf } from '../parsers.js';
import { resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';
import { resolveById } from './ref.js';

const FIELDS: FieldNames = {
  'body.personAId': 'A',
  'body.personBId': 'B',
  'body.reason': '--reason',
  'body.step': 'STEP',
  'body.outcome': 'OUTCOME',
  'body.note': '--note',
};

function resolveIntro(client: Client, ref: string): Promise<Introduction> {
  return resolveById(
    ref,
    { one: 'introduction', listCommand: 'tend intro list' },
    (id) => explain(client.getIntroduction({ params: { id } }), {}),
    async () => (await client.listIntroductions({ query: { limit: 500 } })).items,
    (i) => `${i.personA.fullName} ↔ ${i.personB.fullName} (${words(i.step)})`,
  );
}

function line(i: Introduction): string {
  return `${i.personA.fullName} ↔ ${i.personB.fullName} · ${words(i.step)}${i.outcome ? ` · ${words(i.outcome)}` : ''}`;
}

export function registerIntro(program: Command, rt: Runtime): void {
  const cmd = program
    .command('intro')
    .alias('intros')
    .description('Double-opt-in introductions: propose A↔B, ask A, ask B, introduce, record the outcome');

  const print = (i: Introduction, verb: string) => {
    const s = rt.out.style;
    rt.out.line(`${s.green(verb)} ${line(i)} ${s.dim(i.id)}`);
    if (i.nextAction) rt.out.line(`  Next: ${i.nextAction}`);
  };

  cmd
    .command('propose', { isDefault: true })
    .description('Propose introducing A to B (the default: tend intro A B)')
    .argument('<a>', 'the person asked first: a name or an id')
    .argument('<b>', 'the person they would meet')
    .option('--reason <text>', 'why they should meet')
    .option('--json', 'print the introduction as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend intro "Ana Ruiz" "Raj Patel" --reason "both build payments in Rust"
  $ tend intro step 01a2 asked-a`,
    )
    .action(async (aRef: string, bRef: string, o: { reason?: string; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const a = await resolvePerson(client, aRef);
        const b = await resolvePerson(client, bRef);
        const i = await explain(
          client.createIntroduction({
            body: { personAId: a.id, personBId: b.id, ...(o.reason ? { reason: o.reason } : {}) },
          }),
          FIELDS,
        );
        if (o.json) return rt.out.json(i);
        print(i, 'Proposed');
      }),
    );

  cmd
    .command('list')
    .alias('ls')
    .description('List introductions, open ones first')
    .option(
      '--status <status>',
      'open, done, declined or all',
      oneOf(['open', 'done', 'declined', 'all'] as const),
      'all',
    )
    .option('--with <person>', 'only those with this person')
    .option('--limit <n>', 'show at most this many', integer(1, 500), 50)
    .option('--json', 'print the introductions as a JSON array')
    .action(
      async (
        o: { status: 'open' | 'done' | 'declined' | 'all'; with?: string; limit: number; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const person = o.with ? await resolvePerson(client, o.with) : undefined;
          const page = await client.listIntroductions({
            query: { status: o.status, limit: o.limit, ...(person ? { personId: person.id } : {}) },
          });
          if (o.json) return rt.out.json(page.items);
          const s = rt.out.style;
          if (page.items.length === 0) {
            rt.out.line(s.dim('No introductions. Propose one with: tend intro "Ana Ruiz" "Raj Patel" --reason "…"'));
            return;
          }
          for (const l of table(
            page.items,
            [
              { header: 'A', value: (i) => i.personA.fullName, color: (t) => s.bold(t), shrink: true },
              { header: 'B', value: (i) => i.personB.fullName, color: (t) => s.bold(t), shrink: true },
              { header: 'STEP', value: (i) => words(i.outcome ? `${i.step}: ${i.outcome}` : i.step) },
              { header: 'NEXT', value: (i) => i.nextAction ?? '—', shrink: true },
              { header: 'ID', value: (i) => i.id, color: (t) => s.dim(t) },
            ],
            s,
            rt.out.width,
          )) {
            rt.out.line(l);
          }
          rt.out.line(s.dim(plural(page.items.length, 'introduction')));
        }),
    );

  cmd
    .command('step')
    .description(
      `Move an introduction on: ${INTRO_STEPS.filter((x) => x !== 'proposed')
        .join(', ')
        .replace(/_/g, '-')}`,
    )
    .argument('<id>', 'the introduction (its id or the first characters of it)')
    .argument('<step>', 'the step reached', oneOf(INTRO_STEPS))
    .option('--note <text>', 'what was said')
    .option('--json', 'print the introduction as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend intro step 01a2 asked-a
  $ tend intro step 01a2 a-agreed --note "Ana is keen"
  $ tend intro step 01a2 introduced`,
    )
    .action(async (ref: string, step: IntroStep, o: { note?: string; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const intro = await resolveIntro(client, ref);
        const i = await explain(
          client.stepIntroduction({ params: { id: intro.id }, body: { step, ...(o.note ? { note: o.note } : {}) } }),
          FIELDS,
        );
        if (o.json) return rt.out.json(i);
        print(i, 'Moved');
      }),
    );

  cmd
    .command('outcome')
    .description(`Record what came of an introduction: ${INTRO_OUTCOMES.join(', ').replace(/_/g, '-')}`)
    .argument('<id>', 'the introduction (its id or the first characters of it)')
    .argument('<outcome>', 'what came of it', oneOf(INTRO_OUTCOMES))
    .option('--note <text>', 'a word on how it went')
    .option('--json', 'print the introduction as JSON')
    .action(async (ref: string, outcome: IntroOutcome, o: { note?: string; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const intro = await resolveIntro(client, ref);
        const i = await explain(
          client.recordIntroductionOutcome({
            params: { id: intro.id },
            body: { outcome, ...(o.note ? { note: o.note } : {}) },
          }),
          FIELDS,
        );
        if (o.json) return rt.out.json(i);
        print(i, 'Recorded');
      }),
    );
}
