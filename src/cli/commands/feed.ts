import type { Command } from 'commander';
import type { GlobalFlags } from '../context.js';
import { relativeTime } from '../format.js';
import { type Runtime, withApi } from '../runtime.js';

/* tend feed: the secret calendar feed (docs/sync.md). */

export function registerFeed(program: Command, rt: Runtime): void {
  const feed = program
    .command('feed')
    .description('Your secret calendar feed: follow-ups, check-ins, birthdays in any calendar app')
    .addHelpText(
      'after',
      `
Examples:
  $ tend feed create        # prints the URL once; subscribe to it in your calendar app
  $ tend feed               # is it on, when was it last fetched
  $ tend feed revoke        # the URL stops working`,
    );
  feed
    .command('show', { isDefault: true })
    .description('Whether the feed is on and when a calendar app last fetched it')
    .option('--json', 'print it as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const f = await client.getCalendarFeed({});
        if (o.json) return rt.out.json(f);
        if (!f.active) return rt.out.line('The calendar feed is off. Turn it on with: tend feed create');
        rt.out.line(
          `The calendar feed is on (secret ${f.prefix}…), last fetched ${f.lastFetchedAt ? relativeTime(f.lastFetchedAt, rt.now()) : 'never'}.`,
        );
      }),
    );
  feed
    .command('create')
    .alias('regenerate')
    .description('Create the feed URL, or a new one that replaces the old (printed once)')
    .option('--json', 'print the URL and details as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const f = await client.createCalendarFeed({});
        if (o.json) return rt.out.json(f);
        rt.out.line(f.url);
        rt.out.err(
          rt.out.errStyle.dim(
            'Subscribe to this URL in your calendar app. It is shown only now; anyone with it can read the feed. Any older feed URL stopped working.',
          ),
        );
      }),
    );
  feed
    .command('revoke')
    .description('Turn the feed off: its URL stops working')
    .option('--json', 'print the result as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        await client.revokeCalendarFeed({});
        if (o.json) return rt.out.json({ revoked: true });
        rt.out.line('The calendar feed is off; its URL now answers 404.');
      }),
    );
}
