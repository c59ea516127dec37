import { type Command, Option } from 'commander';
import { type Channel, InteractionKind } from '../../contract/common.js';
import { ASK_KINDS, type ExchangeKind, GIVE_KINDS } from '../../contract/exchange.js';
import type { Interaction, InteractionCreate } from '../../contract/interactions.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain, type FieldNames } from '../errors.js';
import { joinNames, relativeTime, words } from '../format.js';
import { collect, integer, oneOf, parsePast } from '../parsers.js';
import { type PersonRef, resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';

export interface LogOptions {
  with?: string[];
  kind?: InteractionKind;
  inPerson?: boolean;
  online?: boolean;
  platform?: string;
  at?: string;
  duration?: number;
  notes?: string;
  give?: ExchangeKind;
  ask?: ExchangeKind;
  json?: boolean;
}

const FIELDS: FieldNames = {
  'body.summary': 'SUMMARY',
  'body.participantIds': '--with',
  'body.kind': '--kind',
  'body.occurredAt': '--at',
  'body.durationMinutes': '--duration',
  'body.platform': '--platform',
  'body.notes': '--notes',
  'body.exchange': '--give/--ask',
  'body.exchangeKind': '--give/--ask',
};

const GUESSES: [RegExp, InteractionKind][] = [
  [/\bcoffees?\b/, 'coffee'],
  [/\b(lunch|dinner|breakfast|brunch|drinks|beers?)\b/, 'meal'],
  [/\b(zoom|video|google meet|teams call|facetime)\b/, 'video_call'],
  [/\b(call|called|phone|rang)\b/, 'call'],
  [/\b(email|emailed|e-mail)\b/, 'email'],
  [/\b(introduc\w*|intro)\b/, 'introduction'],
  [/\bcongrat\w*/, 'congratulation'],
  [/\b(shared|sent)\b.*\b(article|post|paper|talk|link|video)\b/, 'article_share'],
  [/\b(commented|liked|reposted|reacted)\b/, 'online_engagement'],
  [/\b(message|messaged|dm|dm'd|texted|whatsapp|signal|slack)\b/, 'message'],
  [/\b(conference|meetup|summit|ran into|bumped into)\b/, 'event_encounter'],
  [/\b(meeting|met)\b/, 'meeting'],
];

/** A kind from the words of the summary, so `tend log "coffee with Ana"` needs no --kind. */
export function guessKind(summary: string): InteractionKind | undefined {
  const s = summary.toLowerCase();
  return GUESSES.find(([re]) => re.test(s))?.[1];
}

export async function logInteraction(
  rt: Runtime,
  summary: string,
  o: LogOptions,
  flags: GlobalFlags,
): Promise<Interaction> {
  const names = o.with ?? [];
  if (names.length === 0) {
    throw new CliError('Say who it was with: add --with "Ana Ruiz" (repeat --with for several people)');
  }
  const guessed = o.kind ? undefined : guessKind(summary);
  const kind = o.kind ?? guessed ?? 'other';
  const channel: Channel | undefined = o.inPerson ? 'in_person' : o.online ? 'online' : undefined;
  return withApi(rt, flags, async ({ client }) => {
    const people: PersonRef[] = [];
    for (const name of names) {
      const p = await resolvePerson(client, name);
      if (!people.some((x) => x.id === p.id)) people.push(p);
    }
    const body: InteractionCreate = {
      kind,
      summary,
      participantIds: people.map((p) => p.id),
      ...(channel ? { channel } : {}),
      ...(o.platform ? { platform: o.platform } : {}),
      ...(o.at ? { occurredAt: o.at } : {}),
      ...(o.duration !== undefined ? { durationMinutes: o.duration } : {}),
      ...(o.notes ? { notes: o.notes } : {}),
      ...(o.give ? { exchange: 'give' as const, exchangeKind: o.give } : {}),
      ...(o.ask ? { exchange: 'ask' as const, exchangeKind: o.ask } : {}),
    };
    const interaction = await explain(client.createInteraction({ body }), FIELDS);
    const { out } = rt;
    if (o.json) {
      out.json(interaction);
      return interaction;
    }
    const s = out.style;
    const who = joinNames(interaction.participants.map((p) => p.fullName));
    const how = [words(interaction.channel), interaction.platform].filter(Boolean).join(', ');
    out.line(
      `${s.green('Logged')} ${interaction.kind === 'other' ? 'an interaction' : words(interaction.kind)} with ${s.bold(who)} · ${how} · ${relativeTime(interaction.occurredAt, rt.now())}`,
    );
    if (interaction.exchange) {
      out.line(
        s.dim(
          `  counted as ${interaction.exchange === 'give' ? 'a give' : 'an ask'} (${words(interaction.exchangeKind ?? 'other')})`,
        ),
      );
    }
    if (guessed) out.line(s.dim(`  kind "${words(guessed)}" guessed from the summary; set --kind to change it`));
    else if (!o.kind) out.line(s.dim('  kind "other": set --kind coffee, call, meeting, … to be precise'));
    return interaction;
  });
}

export function registerLog(program: Command, rt: Runtime): void {
  const kinds = InteractionKind.options;
  program
    .command('log')
    .description('Log an interaction (coffee, call, message…) with people')
    .argument('<summary>', 'what happened, in a line: "coffee, talked about her Rust migration"')
    .requiredOption('--with <person>', 'who it was with: a name or an id (repeat for several people)', collect)
    .option(
      '--kind <kind>',
      `${kinds.join(', ').replace(/_/g, '-')} (guessed from the summary when left out)`,
      oneOf(kinds),
    )
    .addOption(new Option('--in-person', 'it happened face to face').conflicts('online'))
    .addOption(new Option('--online', 'it happened online').conflicts('inPerson'))
    .option('--platform <name>', 'where online: Zoom, LinkedIn, "Rust Discord"…')
    .option(
      '--at <when>',
      'when: 2026-03-14, "2026-03-14 09:30", an ISO date-time, yesterday, "3 days ago" (default: now)',
      (v) => parsePast(v, rt.now()),
    )
    .option('--duration <minutes>', 'how long it took, in minutes', integer(0, 10_080))
    .option('--notes <text>', 'longer notes (Markdown)')
    .addOption(
      new Option('--give <kind>', `it was a give: ${GIVE_KINDS.join(', ')}`)
        .argParser(oneOf(GIVE_KINDS))
        .conflicts('ask'),
    )
    .addOption(
      new Option('--ask <kind>', `it was an ask: ${ASK_KINDS.join(', ')}`)
        .argParser(oneOf(ASK_KINDS))
        .conflicts('give'),
    )
    .option('--json', 'print the logged interaction as JSON')
    .addHelpText(
      'after',
      `
Without --in-person or --online the channel follows the kind: a coffee is in person, an email online.

Examples:
  $ tend log "coffee, talked about her Rust migration" --with "Ana Ruiz" --kind coffee --in-person
  $ tend log "Intro call about the platform team" --with Ana --with "Raj Patel" --kind video-call --duration 30
  $ tend log "Met at the climate meetup" --with "Li Wei" --at 2026-03-14 --notes "Wants an intro to **Sam**"
  $ tend log "Sent her the Rust async talk" --with Ana --give shared
  $ tend log "Asked for a referral at Acme" --with Raj --kind email --ask referral`,
    )
    .action(async (summary: string, o: LogOptions, cmd: Command) => {
      await logInteraction(rt, summary, o, cmd.optsWithGlobals());
    });
}
