import type { Command } from 'commander';
import type { GlobalFlags } from '../context.js';
import { CliError } from '../errors.js';
import { plural } from '../format.js';
import { integer } from '../parsers.js';
import { quoteArg } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';

export interface DemoOptions {
  people: number;
  seed: number;
  force?: boolean;
  json?: boolean;
}

export interface DemoResult {
  seed: number;
  organisations: number;
  people: number;
  learnings: number;
  interactions: number;
  tags: number;
  seconds: number;
}

/** Requests in flight when the other side can answer several at once. */
const CONCURRENCY = 8;

export async function demo(rt: Runtime, o: DemoOptions, flags: GlobalFlags): Promise<DemoResult> {
  return withApi(rt, flags, async ({ client, parallel, where }) => {
    const { out } = rt;
    const existing = await client.listPeople({ query: { limit: 1 } });
    if (existing.items.length > 0 && !o.force) {
      const count = existing.total ?? existing.items.length;
      throw new CliError(
        `This workspace already has ${plural(count, 'person', 'people')} (${where}) — the demo would mix with them. Add --force to do it anyway, or try it in a fresh place: tend demo --data-dir ./demo-data`,
      );
    }
    const started = performance.now();
    const { generateNetwork } = await import('../../demo/generate.js');
    const { writeNetwork } = await import('../../demo/write.js');
    const network = generateNetwork({ seed: o.seed, people: o.people, now: rt.now() });
    const written = await writeNetwork(client, network, {
      concurrency: parallel ? CONCURRENCY : 1,
      onProgress: (stage, done, total) => out.progress(`Creating ${stage}… ${done}/${total}`),
    });
    const result: DemoResult = {
      seed: network.seed,
      organisations: network.organisations.length,
      people: written.people,
      learnings: written.learnings,
      interactions: written.interactions,
      tags: network.tags.length,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    if (o.json) {
      out.json(result);
      return result;
    }
    const s = out.style;
    out.line(
      `${s.green('Created a demo network')} in ${result.seconds} s: ${plural(result.people, 'person', 'people')} at ${plural(result.organisations, 'organisation')}, ${plural(result.interactions, 'interaction')} over the past year, ${plural(result.learnings, 'thing')} learned.`,
    );
    const inner = network.people.find((p) => p.circle === 'inner');
    out.line('Look around:');
    out.line(`  tend people list --circle inner`);
    out.line(`  tend people list --tag climate --sort -lastContact`);
    if (inner) out.line(`  tend people show ${quoteArg(inner.fullName)}`);
    out.line(`  tend serve            ${s.dim('# the web app')}`);
    return result;
  });
}

export function registerDemo(program: Command, rt: Runtime): void {
  program
    .command('demo')
    .description('Fill the workspace with a generated network to explore')
    .option('--people <n>', 'how many people', integer(1, 5000), 150)
    .option('--seed <n>', 'the same seed gives the same network', integer(0, 2 ** 31 - 1), 2026)
    .option('--force', 'add the demo even if the workspace already has people')
    .option('--json', 'print the counts as JSON')
    .addHelpText(
      'after',
      `
The demo uses invented organisations, .example email domains and phone
numbers reserved for fiction, so nothing in it reaches a real person.

Examples:
  $ tend demo --data-dir ./demo-data     # a separate workspace to play in
  $ tend demo --people 50 --seed 7
  $ tend demo --server http://localhost:4000`,
    )
    .action(async (o: DemoOptions, cmd: Command) => {
      await demo(rt, o, cmd.optsWithGlobals());
    });
}
