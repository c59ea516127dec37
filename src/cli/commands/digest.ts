import { type Command, Option } from 'commander';
import type { DigestSettings } from '../../contract/sync.js';
import type { GlobalFlags } from '../context.js';
import { explain } from '../errors.js';
import { relativeTime, table } from '../format.js';
import { integer, oneOf } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';

/* tend digest: the daily or weekly "who to reach out to" email (docs/sync.md). */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

function summarise(s: DigestSettings): string {
  const hour = `${String(s.hour).padStart(2, '0')}:00 ${s.timeZone}`;
  const when =
    s.frequency === 'off'
      ? 'off'
      : s.frequency === 'daily'
        ? `daily at ${hour}`
        : `weekly on ${WEEKDAYS[s.weekday]?.replace(/^./, (c) => c.toUpperCase())} at ${hour}`;
  const to = s.recipient ? ` to ${s.recipient}` : '';
  const warn =
    s.frequency !== 'off' && !s.mailConfigured ? ' (the server has no SMTP settings: nothing is sent yet)' : '';
  return `Email digest: ${when}${s.frequency === 'off' ? '' : to}${warn}`;
}

export function registerDigest(program: Command, rt: Runtime): void {
  const cmd = program
    .command('digest')
    .description('The "who to reach out to" email, daily or weekly, in your time zone')
    .addHelpText(
      'after',
      `
Examples:
  $ tend digest set daily --hour 8
  $ tend digest set weekly --day monday --hour 9
  $ tend digest off
  $ tend digest log`,
    );
  cmd
    .command('show', { isDefault: true })
    .description('How often the digest comes, and where')
    .option('--json', 'print it as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const s = await client.getDigestSettings({});
        if (o.json) return rt.out.json(s);
        rt.out.line(summarise(s));
      }),
    );
  cmd
    .command('set')
    .description('Subscribe: daily or weekly')
    .argument('<frequency>', 'daily or weekly', oneOf(['daily', 'weekly'] as const))
    .option('--hour <hour>', 'local hour, 0-23', integer(0, 23))
    .addOption(new Option('--day <weekday>', 'weekly: the day, e.g. monday').argParser(oneOf(WEEKDAYS)))
    .option('--json', 'print the settings as JSON')
    .action(
      async (
        f: 'daily' | 'weekly',
        o: { hour?: number; day?: (typeof WEEKDAYS)[number]; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const s = await explain(
            client.updateDigestSettings({
              body: {
                frequency: f,
                ...(o.hour !== undefined ? { hour: o.hour } : {}),
                ...(o.day ? { weekday: WEEKDAYS.indexOf(o.day) } : {}),
              },
            }),
            { 'body.hour': '--hour', 'body.weekday': '--day' },
          );
          if (o.json) return rt.out.json(s);
          rt.out.line(summarise(s));
        }),
    );
  cmd
    .command('off')
    .description('Unsubscribe')
    .option('--json', 'print the settings as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const s = await client.updateDigestSettings({ body: { frequency: 'off' } });
        if (o.json) return rt.out.json(s);
        rt.out.line(summarise(s));
      }),
    );
  cmd
    .command('log')
    .description('Digests sent to you, newest first')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const { items } = await client.listDigestDeliveries({});
        if (o.json) return rt.out.json(items);
        if (items.length === 0) return rt.out.line('No digest sent yet.');
        const now = rt.now();
        for (const line of table(
          items,
          [
            { header: 'PERIOD', value: (d) => d.period },
            { header: 'STATUS', value: (d) => d.status },
            { header: 'TO', value: (d) => d.recipient, shrink: true },
            { header: 'PEOPLE', value: (d) => String(d.items) },
            { header: 'WHEN', value: (d) => relativeTime(d.sentAt ?? d.createdAt, now) },
          ],
          rt.out.style,
          rt.out.width,
        )) {
          rt.out.line(line);
        }
      }),
    );
}
