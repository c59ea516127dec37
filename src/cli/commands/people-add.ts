import type { Command } from 'commander';
import { Circle, Purpose } from '../../contract/common.js';
import type { Person, PersonCreate } from '../../contract/people.js';
import type { GlobalFlags } from '../context.js';
import { explain, type FieldNames } from '../errors.js';
import { roleAt, words } from '../format.js';
import { collect, collectList, oneOf } from '../parsers.js';
import { quoteArg, resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';

export interface PeopleAddOptions {
  email?: string[];
  phone?: string[];
  linkedin?: string;
  org?: string;
  role?: string;
  headline?: string;
  circle?: Circle;
  tag?: string[];
  topic?: string[];
  purpose?: Purpose[];
  metAt?: string;
  introducedBy?: string;
  note?: string;
  json?: boolean;
}

const FIELDS: FieldNames = {
  'body.fullName': 'NAME',
  'body.emails': '--email',
  'body.phones': '--phone',
  'body.links': '--linkedin',
  'body.organisationName': '--org',
  'body.roleTitle': '--role',
  'body.headline': '--headline',
  'body.circle': '--circle',
  'body.tags': '--tag',
  'body.topics': '--topic',
  'body.purposes': '--purpose',
  'body.howWeMet.event': '--met-at',
  'body.howWeMet.introducedById': '--introduced-by',
  'body.notes': '--note',
};

/** Accepts a full URL, "linkedin.com/in/ana" or just the handle "ana-ruiz". */
export function linkedinUrl(value: string): string {
  const v = value.trim();
  if (/^https?:\/\//i.test(v)) return v;
  if (/^(www\.)?linkedin\.com\//i.test(v)) return `https://${v}`;
  if (/^[\w-]+$/.test(v)) return `https://www.linkedin.com/in/${v}`;
  return v;
}

export function personCreateFrom(name: string, o: PeopleAddOptions, introducedById?: string): PersonCreate {
  const body: PersonCreate = { fullName: name };
  if (o.email?.length) body.emails = o.email.map((value, i) => ({ value, primary: i === 0 }));
  if (o.phone?.length) body.phones = o.phone.map((value, i) => ({ value, primary: i === 0 }));
  if (o.linkedin) body.links = [{ url: linkedinUrl(o.linkedin), label: 'linkedin' }];
  if (o.org) body.organisationName = o.org;
  if (o.role) body.roleTitle = o.role;
  if (o.headline) body.headline = o.headline;
  if (o.circle) body.circle = o.circle;
  if (o.tag?.length) body.tags = o.tag;
  if (o.topic?.length) body.topics = o.topic;
  if (o.purpose?.length) body.purposes = o.purpose;
  if (o.note) body.notes = o.note;
  if (o.metAt || introducedById) {
    body.howWeMet = {
      ...(o.metAt ? { event: o.metAt } : {}),
      ...(introducedById ? { introducedById, channel: 'introduction' as const } : {}),
    };
  }
  return body;
}

export async function peopleAdd(rt: Runtime, name: string, o: PeopleAddOptions, flags: GlobalFlags): Promise<Person> {
  return withApi(rt, flags, async ({ client }) => {
    const introducer = o.introducedBy ? await resolvePerson(client, o.introducedBy) : undefined;
    const person = await explain(client.createPerson({ body: personCreateFrom(name, o, introducer?.id) }), FIELDS);
    const { out } = rt;
    if (o.json) {
      out.json(person);
      return person;
    }
    const s = out.style;
    const about = roleAt(person.roleTitle, person.organisation);
    out.line(`${s.green('Added')} ${s.bold(person.fullName)}${about ? ` — ${about}` : ''}`);
    const facts = [`circle ${words(person.circle)}`];
    if (person.tags.length) facts.push(`tags ${person.tags.join(', ')}`);
    facts.push(`id ${person.id}`);
    out.line(s.dim(`  ${facts.join(' · ')}`));
    out.line(s.dim(`Next: tend log "what you talked about" --with ${quoteArg(person.fullName)}`));
    return person;
  });
}

export function registerPeopleAdd(people: Command, rt: Runtime): void {
  people
    .command('add')
    .description('Add a person to your network')
    .argument('<name>', 'full name, e.g. "Ana Ruiz"')
    .option('--email <email>', 'email address (repeat for more)', collect)
    .option('--phone <phone>', 'phone number (repeat for more)', collect)
    .option('--linkedin <url>', 'LinkedIn profile URL or handle')
    .option('--org <name>', 'organisation; created if new')
    .option('--role <title>', 'role title, e.g. "Staff Engineer"')
    .option('--headline <text>', 'one line about them')
    .option('--circle <circle>', `how close you are: ${Circle.options.join(', ')}`, oneOf(Circle.options))
    .option('--tag <tag>', 'tag (repeat, or separate with commas)', collectList)
    .option('--topic <topic>', 'a topic they care about (repeat, or commas)', collectList)
    .option('--purpose <purpose>', `why they matter: ${Purpose.options.join(', ')}`, (v, prev: Purpose[] = []) => [
      ...prev,
      oneOf(Purpose.options)(v),
    ])
    .option('--met-at <event>', 'where you met, e.g. "DevConf 2026"')
    .option('--introduced-by <person>', 'who introduced you (name or id)')
    .option('--note <text>', 'notes (Markdown)')
    .option('--json', 'print the created person as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend people add "Ana Ruiz" --org Acme --role "Staff Engineer" --circle close
  $ tend people add "Raj Patel" --email raj@example.com --tag rust,devconf-2026 --met-at "DevConf 2026"
  $ tend people add "Li Wei" --linkedin li-wei --introduced-by "Ana Ruiz" --topic "climate tech"`,
    )
    .action(async (name: string, o: PeopleAddOptions, cmd: Command) => {
      await peopleAdd(rt, name, o, cmd.optsWithGlobals());
    });
}
