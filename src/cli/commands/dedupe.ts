import type { Command } from 'commander';
import { type DuplicatePair, MergeField } from '../../contract/dedupe.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain } from '../errors.js';
import { plural } from '../format.js';
import { integer } from '../parsers.js';
import { resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';

function preferArg(value: string, previous: Record<string, 'survivor' | 'merged'> = {}) {
  const [field, who = 'merged'] = value.split('=');
  const f = MergeField.safeParse(field);
  if (!f.success || (who !== 'merged' && who !== 'survivor')) {
    throw new CliError(`--prefer takes FIELD or FIELD=merged|survivor, FIELD one of: ${MergeField.options.join(', ')}`);
  }
  return { ...previous, [f.data]: who as 'survivor' | 'merged' };
}

function describePair(p: DuplicatePair): string[] {
  const side = (x: DuplicatePair['a']) =>
    [x.fullName, x.organisation, x.emails[0]].filter((v) => v !== null && v !== undefined).join(' · ');
  return [
    `${Math.round(p.score * 100)}%  ${side(p.a)}  ⇄  ${side(p.b)}`,
    `      ${p.reasons.map((r) => r.detail).join('; ')}`,
    `      tend dedupe merge ${p.a.id} ${p.b.id}`,
  ];
}

export function registerDedupe(program: Command, rt: Runtime): void {
  const cmd = program.command('dedupe').description('Find and merge duplicate people, and undo merges');

  cmd
    .command('list')
    .description('Likely duplicates, best first, with why')
    .option('--limit <n>', 'how many pairs', integer(1, 500), 20)
    .option('--json', 'print the pairs as JSON')
    .action(async (o: { limit: number; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const list = await explain(client.listDuplicates({ query: { limit: o.limit } }), {});
        if (o.json) return rt.out.json(list);
        if (list.total === 0) return rt.out.line('No likely duplicates.');
        rt.out.line(
          `${plural(list.total, 'likely duplicate pair')}${list.total > list.items.length ? ` (showing ${list.items.length})` : ''}:`,
        );
        for (const p of list.items) for (const l of describePair(p)) rt.out.line(l);
      }),
    );

  cmd
    .command('merge')
    .description('Merge B into A: A keeps its values, gains all of B’s, and B goes to the trash')
    .argument('<a>', 'the person who stays: a name or an id')
    .argument('<b>', 'the person merged into A: a name or an id')
    .option('--dry-run', 'show what would happen; change nothing')
    .option('--prefer <field>', `take B's value for a field (repeatable): ${MergeField.options.join(', ')}`, preferArg)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Nothing is lost: B's emails, phones, links, tags, topics, dates, learnings,
interactions, follow-ups and achievements move to A; B's differing values go
to A's notes. Undo with: tend dedupe undo MERGE

Examples:
  $ tend dedupe merge "Robert Smith" "Bob Smith" --dry-run
  $ tend dedupe merge 0192f7c4-... 0192f7c5-... --prefer headline`,
    )
    .action(
      async (
        a: string,
        b: string,
        o: { dryRun?: boolean; prefer?: Record<string, 'survivor' | 'merged'>; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const survivor = await resolvePerson(client, a);
          const merged = await resolvePerson(client, b);
          const r = await explain(
            client.mergePeople({
              body: {
                survivorId: survivor.id,
                mergedId: merged.id,
                dryRun: o.dryRun === true,
                ...(o.prefer ? { prefer: o.prefer } : {}),
              },
            }),
            {},
          );
          if (o.json) return rt.out.json(r);
          const s = rt.out.style;
          const moved = Object.entries(r.moved).map(([k, n]) => `${n} ${k}`);
          rt.out.line(
            r.dryRun
              ? `${s.bold('Dry run:')} would merge ${merged.fullName} into ${survivor.fullName}.`
              : `${s.green('Merged')} ${merged.fullName} into ${survivor.fullName}.`,
          );
          rt.out.line(`  Moved: ${moved.length > 0 ? moved.join(', ') : 'nothing'}`);
          const kept = Object.entries(r.kept).map(([k, n]) => `${n} ${k}`);
          if (kept.length > 0) rt.out.line(`  Already there: ${kept.join(', ')}`);
          for (const l of r.notesAdded) rt.out.line(`  To notes: ${l}`);
          if (r.merge) rt.out.line(s.dim(`  Undo with: tend dedupe undo ${r.merge.id}`));
        }),
    );

  cmd
    .command('undo')
    .description('Undo a merge: the merged person comes back with everything that was moved')
    .argument('<merge>', 'the merge id (see: tend dedupe merges)')
    .option('--json', 'print the merge as JSON')
    .action(async (id: string, o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const r = await explain(client.undoMerge({ params: { id } }), { 'params.id': 'MERGE' });
        if (o.json) return rt.out.json(r);
        rt.out.line(
          `${rt.out.style.green('Undone:')} ${r.merged.fullName} is back, apart from ${r.survivor.fullName}.`,
        );
      }),
    );

  cmd
    .command('merges')
    .description('Recent merges, newest first')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const r = await explain(client.listMerges({}), {});
        if (o.json) return rt.out.json(r);
        if (r.items.length === 0) return rt.out.line('No merges yet.');
        for (const m of r.items) {
          rt.out.line(
            `${m.id}  ${m.createdAt.slice(0, 16).replace('T', ' ')}  ${m.merged.fullName} → ${m.survivor.fullName}${m.undoneAt ? '  (undone)' : ''}`,
          );
        }
      }),
    );

  cmd
    .command('dismiss')
    .description('Say two people are not the same person: the pair is not suggested again')
    .argument('<a>', 'a name or an id')
    .argument('<b>', 'a name or an id')
    .action(async (a: string, b: string, _o: unknown, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const x = await resolvePerson(client, a);
        const y = await resolvePerson(client, b);
        await explain(client.dismissDuplicate({ body: { a: x.id, b: y.id } }), {});
        rt.out.line(`Noted: ${x.fullName} and ${y.fullName} are different people.`);
      }),
    );
}
