import type { Command } from 'commander';
import type { Client } from '../../contract/client.js';
import { HttpUrl } from '../../contract/common.js';
import { type ResourceDetail, ResourceKind } from '../../contract/resources.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain, type FieldNames } from '../errors.js';
import { formatDate, joinNames, table } from '../format.js';
import { collect, oneOf } from '../parsers.js';
import { type PersonRef, resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';

const FIELDS: FieldNames = {
  'body.url': 'URL',
  'body.title': '--title',
  'body.topics': '--topic',
  'body.kind': '--kind',
  'body.note': '--note',
  'body.personIds': '--with',
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A resource by id or by its address (compared without scheme, www. or query). */
async function resolveResource(client: Client, ref: string): Promise<ResourceDetail> {
  const typed = ref.trim();
  if (ID.test(typed)) return explain(client.getResource({ params: { id: typed.toLowerCase() } }), {});
  if (!HttpUrl.safeParse(typed).success) {
    throw new CliError(
      `Give a resource's address (https://…) or its id, not ${JSON.stringify(typed)} — see: tend resource list`,
    );
  }
  const { items } = await client.listResources({ query: { url: typed, limit: 1 } });
  if (!items[0])
    throw new CliError(`Resource not found: ${typed} is not in your library — add it with: tend resource add ${typed}`);
  return client.getResource({ params: { id: items[0].id } });
}

export function registerResource(program: Command, rt: Runtime): void {
  const s = () => rt.out.style;
  const run = (c: Command, fn: (client: Client) => Promise<unknown>) =>
    withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
      await fn(client);
    });
  const cmd = program.command('resource').description('Your library of articles, talks, papers and tools to share');

  cmd
    .command('add')
    .description('Save a resource to share later')
    .argument('<url>', 'its address, http:// or https://')
    .option('--title <title>', 'a title (default: the address)')
    .option('--topic <topic>', 'a topic it is about (repeat for several)', collect)
    .option('--kind <kind>', ResourceKind.options.join(', '), oneOf(ResourceKind.options))
    .option('--note <text>', 'why it is worth sharing')
    .option('--json', 'print the resource as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend resource add https://example.com/async-rust --title "Async Rust in practice" --topic Rust --kind talk
  $ tend resource suggest https://example.com/async-rust
  $ tend share https://example.com/async-rust --with "Ana Ruiz" --with Raj`,
    )
    .action(
      async (
        url: string,
        o: { title?: string; topic?: string[]; kind?: ResourceKind; note?: string; json?: boolean },
        c: Command,
      ) =>
        run(c, async (client) => {
          const r = await explain(
            client.createResource({
              body: {
                url,
                ...(o.title ? { title: o.title } : {}),
                ...(o.topic ? { topics: o.topic } : {}),
                ...(o.kind ? { kind: o.kind } : {}),
                ...(o.note ? { note: o.note } : {}),
              },
            }),
            FIELDS,
          );
          if (o.json) return rt.out.json(r);
          rt.out.line(
            `${s().green('Saved')} ${s().bold(r.title)} · ${r.kind}${r.topics.length ? ` · ${r.topics.join(', ')}` : ''}`,
          );
          rt.out.line(s().dim(`  who should get it: tend resource suggest ${r.url}`));
        }),
    );

  cmd
    .command('list')
    .description('Resources, newest first, with how often each was shared')
    .option('--topic <topic>', 'only resources about this topic')
    .option('--json', 'print the resources as JSON')
    .action(async (o: { topic?: string; json?: boolean }, c: Command) =>
      run(c, async (client) => {
        const res = await client.listResources({ query: { ...(o.topic ? { topic: o.topic } : {}) } });
        if (o.json) return rt.out.json(res);
        if (res.items.length === 0) {
          rt.out.line('No resources yet. Save one with: tend resource add https://… --topic Rust');
          return;
        }
        for (const line of table(
          res.items,
          [
            { header: 'Title', value: (r) => r.title, shrink: true },
            { header: 'Kind', value: (r) => r.kind },
            { header: 'Topics', value: (r) => r.topics.join(', '), shrink: true },
            { header: 'Shared', value: (r) => String(r.shareCount), align: 'right' },
            { header: 'Address', value: (r) => r.url, shrink: true },
          ],
          s(),
        ))
          rt.out.line(line);
      }),
    );

  cmd
    .command('suggest')
    .description('Who should get this: people whose topics match, due for a check-in first')
    .argument('<resource>', 'its address or id')
    .option('--json', 'print the suggestions as JSON')
    .action(async (ref: string, o: { json?: boolean }, c: Command) =>
      run(c, async (client) => {
        const r = await resolveResource(client, ref);
        const res = await client.suggestResourceRecipients({ params: { id: r.id }, query: {} });
        if (o.json) return rt.out.json(res);
        if (res.items.length === 0) {
          rt.out.line(
            r.topics.length === 0
              ? `"${r.title}" has no topics: add some (tend resource add … --topic Rust) to match people.`
              : `Nobody else cares about ${r.topics.join(', ')} yet, or everyone who does already got it.`,
          );
          return;
        }
        rt.out.line(`Who should get ${s().bold(r.title)}:`);
        for (const i of res.items) rt.out.line(`  ${s().bold(i.person.fullName)} — ${i.reason}`);
        if (r.shareCount > 0) rt.out.line(s().dim(`  (left out: the ${r.shareCount} who already got it)`));
      }),
    );

  program
    .command('share')
    .description('Share a resource with people: logs a give for each, never twice to the same person')
    .argument('<resource>', 'its address or id (an address not in the library yet is saved first)')
    .requiredOption('--with <person>', 'who gets it: a name or an id (repeat for several people)', collect)
    .option('--skip-shared', 'leave out people who already got it instead of refusing')
    .option('--json', 'print the result as JSON')
    .action(async (ref: string, o: { with: string[]; skipShared?: boolean; json?: boolean }, c: Command) =>
      run(c, async (client) => {
        let r: ResourceDetail;
        try {
          r = await resolveResource(client, ref);
        } catch (err) {
          if (!(err instanceof CliError) || !err.message.startsWith('Resource not found')) throw err;
          r = await explain(client.createResource({ body: { url: ref.trim() } }), FIELDS);
        }
        const people: PersonRef[] = [];
        for (const name of o.with) {
          const p = await resolvePerson(client, name);
          if (!people.some((x) => x.id === p.id)) people.push(p);
        }
        const res = await explain(
          client.shareResource({
            params: { id: r.id },
            body: { personIds: people.map((p) => p.id), ...(o.skipShared ? { ifShared: 'skip' as const } : {}) },
          }),
          FIELDS,
        );
        if (o.json) return rt.out.json(res);
        if (res.shared.length > 0) {
          rt.out.line(
            `${s().green('Shared')} ${s().bold(r.title)} with ${joinNames(res.shared.map((x) => x.person.fullName))} · logged as a give`,
          );
        }
        for (const x of res.skipped) {
          rt.out.line(
            s().dim(`  skipped ${x.person.fullName}: already got it on ${formatDate(x.sharedAt.slice(0, 10))}`),
          );
        }
        if (res.shared.length === 0) rt.out.line('Nothing shared: everyone already had it.');
      }),
    );
}
