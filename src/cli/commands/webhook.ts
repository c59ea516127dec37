import type { Command } from 'commander';
import type { Client } from '../../contract/client.js';
import { WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from '../../contract/sync.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain } from '../errors.js';
import { relativeTime, table } from '../format.js';
import { integer, oneOf } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';

/* tend webhook: outgoing, signed webhooks (docs/sync.md). */

const FIELDS = { 'body.url': 'URL', 'body.events': '--event', 'body.description': '--description' };

function collectEvents(value: string, previous: WebhookEvent[] | undefined): WebhookEvent[] {
  const parse = oneOf(WEBHOOK_EVENTS);
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(parse),
  ];
}

/** A webhook by id, the start of its id, or its URL. */
async function resolveWebhook(client: Client, ref: string): Promise<Webhook> {
  const { items } = await client.listWebhooks({});
  const hits = items.filter((w) => w.id === ref || (ref.length >= 4 && w.id.startsWith(ref)) || w.url === ref);
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length === 0) throw new CliError(`No webhook "${ref}" — see: tend webhook list`);
  throw new CliError(`"${ref}" matches ${hits.length} webhooks — give more of the id`);
}

export function registerWebhook(program: Command, rt: Runtime): void {
  const cmd = program
    .command('webhook')
    .alias('webhooks')
    .description('Outgoing webhooks: Tend POSTs signed JSON to your URL when things happen')
    .addHelpText(
      'after',
      `
Events: ${WEBHOOK_EVENTS.join(', ')}

Examples:
  $ tend webhook add https://example.com/tend --event person.created --event interaction.logged
  $ tend webhook list
  $ tend webhook deliveries --status failed
  $ tend webhook remove 0193a2`,
    );

  cmd
    .command('add <url>')
    .description('Add a webhook; its signing secret is printed once')
    .requiredOption('--event <event>', 'an event to send (repeat, or separate with commas)', collectEvents)
    .option('--description <text>', 'what it is for')
    .option('--json', 'print the webhook and its secret as JSON')
    .action(async (url: string, o: { event: WebhookEvent[]; description?: string; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const w = await explain(
          client.createWebhook({
            body: { url, events: o.event, ...(o.description ? { description: o.description } : {}) },
          }),
          FIELDS,
        );
        if (o.json) return rt.out.json(w);
        rt.out.line(`Added webhook ${w.id} → ${w.url} (${w.events.join(', ')})`);
        rt.out.line(`Signing secret: ${w.secret}`);
        rt.out.err(rt.out.errStyle.dim('The secret is shown only now. Verify each delivery with it (docs/sync.md).'));
      }),
    );

  cmd
    .command('list')
    .description('Your webhooks and how their last delivery went')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const { items } = await client.listWebhooks({});
        if (o.json) return rt.out.json(items);
        if (items.length === 0)
          return rt.out.line('No webhooks. Add one with: tend webhook add URL --event person.created');
        const now = rt.now();
        for (const line of table(
          items,
          [
            { header: 'ID', value: (w) => w.id },
            { header: 'URL', value: (w) => w.url, shrink: true },
            { header: 'EVENTS', value: (w) => w.events.join(',') },
            { header: 'ACTIVE', value: (w) => (w.active ? 'yes' : 'paused') },
            {
              header: 'LAST DELIVERY',
              value: (w) =>
                w.lastDelivery
                  ? `${w.lastDelivery.status}${w.lastDelivery.responseCode ? ` ${w.lastDelivery.responseCode}` : ''}, ${relativeTime(w.lastDelivery.at, now)}`
                  : 'none yet',
            },
          ],
          rt.out.style,
          rt.out.width,
        )) {
          rt.out.line(line);
        }
      }),
    );

  for (const [name, active] of [
    ['pause', false],
    ['resume', true],
  ] as const) {
    cmd
      .command(`${name} <webhook>`)
      .description(active ? 'Send deliveries again (the paused ones go out now)' : 'Stop sending; deliveries wait')
      .option('--json', 'print the webhook as JSON')
      .action(async (ref: string, o: { json?: boolean }, c: Command) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const w = await resolveWebhook(client, ref);
          const updated = await client.updateWebhook({ params: { id: w.id }, body: { active } });
          if (o.json) return rt.out.json(updated);
          rt.out.line(`${active ? 'Resumed' : 'Paused'} ${w.url}`);
        }),
      );
  }

  cmd
    .command('remove <webhook>')
    .alias('rm')
    .description('Remove a webhook (by id, id prefix or URL) and its delivery log')
    .option('--json', 'print the result as JSON')
    .action(async (ref: string, o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const w = await resolveWebhook(client, ref);
        await client.deleteWebhook({ params: { id: w.id } });
        if (o.json) return rt.out.json({ removed: w.id });
        rt.out.line(`Removed the webhook to ${w.url}.`);
      }),
    );

  cmd
    .command('deliveries')
    .description('The delivery log, newest first')
    .option('--webhook <webhook>', 'only this webhook')
    .option('--status <status>', 'pending, delivered or failed', oneOf(['pending', 'delivered', 'failed'] as const))
    .option('--limit <n>', 'how many (default 20)', integer(1, 500), 20)
    .option('--json', 'print them as JSON')
    .action(
      async (
        o: { webhook?: string; status?: 'pending' | 'delivered' | 'failed'; limit: number; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const webhookId = o.webhook ? (await resolveWebhook(client, o.webhook)).id : undefined;
          const { items } = await client.listWebhookDeliveries({
            query: { limit: o.limit, ...(webhookId ? { webhookId } : {}), ...(o.status ? { status: o.status } : {}) },
          });
          if (o.json) return rt.out.json(items);
          if (items.length === 0) return rt.out.line('No deliveries.');
          const now = rt.now();
          for (const line of table(
            items,
            [
              { header: 'WHEN', value: (d) => relativeTime(d.createdAt, now) },
              { header: 'EVENT', value: (d) => d.event },
              { header: 'STATUS', value: (d) => d.status },
              { header: 'TRIES', value: (d) => String(d.attempts) },
              { header: 'CODE', value: (d) => (d.responseCode ? String(d.responseCode) : '—') },
              {
                header: 'NEXT / ERROR',
                value: (d) => (d.nextAttemptAt ? `retry ${relativeTime(d.nextAttemptAt, now)}` : (d.error ?? '')),
                shrink: true,
              },
            ],
            rt.out.style,
            rt.out.width,
          )) {
            rt.out.line(line);
          }
        }),
    );
}
