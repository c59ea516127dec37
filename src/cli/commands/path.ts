import type { Command } from 'commander';
import type { PathResult, WarmPath } from '../../contract/paths.js';
import { scoreWords } from '../../domain/intro-paths.js';
import type { GlobalFlags } from '../context.js';
import { explain, type FieldNames } from '../errors.js';
import { integer } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';

const FIELDS: FieldNames = { 'query.to': '--to', 'query.k': '--k', 'query.maxHops': '--max-hops' };

/** "You → Ana Ruiz → Raj Patel (Stripe)". */
export function pathLine(p: WarmPath): string {
  const last = p.hops.length - 1;
  const people = p.hops.map((h, i) =>
    i === last && h.person.organisation ? `${h.person.fullName} (${h.person.organisation})` : h.person.fullName,
  );
  return ['You', ...people].join(' → ');
}

export function registerPath(program: Command, rt: Runtime): void {
  program
    .command('path')
    .description('The warmest introduction paths to a person, an organisation, a role or a topic')
    .argument('[target]', 'the same as --to')
    .option(
      '--to <target>',
      'person:<id>, org:<name or id>, role:<title words>, topic:<topic>; bare text is an organisation',
    )
    .option('--k <n>', 'how many distinct paths (1–10)', integer(1, 10), 3)
    .option('--max-hops <n>', 'most people on a path, the target included (1–4)', integer(1, 4), 3)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend path --to "org:Stripe"
  $ tend path --to "role:staff engineer" --k 5 --max-hops 4
  $ tend path "topic:climate tech" --json`,
    )
    .action(
      async (target: string | undefined, o: { to?: string; k: number; maxHops: number; json?: boolean }, c: Command) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const to = o.to ?? target ?? '';
          const r: PathResult = await explain(client.findPaths({ query: { to, k: o.k, maxHops: o.maxHops } }), FIELDS);
          if (o.json) return rt.out.json(r);
          const s = rt.out.style;
          const matched = `${r.target.matchedPeople} ${r.target.matchedPeople === 1 ? 'person' : 'people'} in your network`;
          rt.out.line(`${s.bold(`Warm paths to ${r.target.label}`)} ${s.dim(`(${matched})`)}`);
          if (r.paths.length === 0) {
            rt.out.line(
              r.target.matchedPeople === 0
                ? 'Nobody in your network matches. Try another spelling, or org:/role:/topic:.'
                : `No path within ${o.maxHops} ${o.maxHops === 1 ? 'hop' : 'hops'}: record who knows whom (tend connect), or try --max-hops ${Math.min(4, o.maxHops + 1)}.`,
            );
            return;
          }
          r.paths.forEach((p, i) => {
            rt.out.line(`${i + 1}. ${pathLine(p)}  ${s.dim(`${scoreWords(p.score)} · ${p.score.toFixed(2)}`)}`);
            rt.out.line(`   ${p.explanation}`);
          });
        }),
    );
}
