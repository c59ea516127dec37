import type { Command } from 'commander';
import { Circle, Purpose } from '../../contract/common.js';
import { PeopleSort, type PersonSummary } from '../../contract/people.js';
import type { GlobalFlags } from '../context.js';
import { explain, type FieldNames } from '../errors.js';
import { plural, relativeTime, roleAt, table } from '../format.js';
import { integer, oneOf } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';
import type { Style } from '../style.js';

export interface PeopleListOptions {
  q?: string;
  circle?: Circle;
  tag?: string;
  topic?: string;
  purpose?: Purpose;
  sort?: PeopleSort;
  limit: number;
  json?: boolean;
}

const FIELDS: FieldNames = {
  'query.q': '--q',
  'query.tag': '--tag',
  'query.topic': '--topic',
  'query.sort': '--sort',
};

const PAGE = 200;

export function circleColor(style: Style) {
  return (s: string, circle: Circle) => {
    switch (circle) {
      case 'inner':
        return style.magenta(s);
      case 'close':
        return style.cyan(s);
      case 'wider':
        return style.blue(s);
      default:
        return style.dim(s);
    }
  };
}

/** Accepts "-lastContact", "-last-contact" and "-lastcontact" alike. */
function sortOrder(value: string): PeopleSort {
  const key = (s: string) => s.toLowerCase().replace(/[-_ ]/g, '');
  const v = value.trim();
  const hit = PeopleSort.options.find(
    (o) => o.startsWith('-') === v.startsWith('-') && key(o.replace(/^-/, '')) === key(v.replace(/^-/, '')),
  );
  if (hit) return hit;
  return oneOf(PeopleSort.options)(v);
}

export async function peopleList(rt: Runtime, o: PeopleListOptions, flags: GlobalFlags): Promise<PersonSummary[]> {
  return withApi(rt, flags, async ({ client }) => {
    const filters = {
      ...(o.q ? { q: o.q } : {}),
      ...(o.circle ? { circle: o.circle } : {}),
      ...(o.tag ? { tag: o.tag } : {}),
      ...(o.topic ? { topic: o.topic } : {}),
      ...(o.purpose ? { purpose: o.purpose } : {}),
      ...(o.sort ? { sort: o.sort } : {}),
    };
    const items: PersonSummary[] = [];
    let cursor: string | undefined;
    let total: number | undefined;
    while (items.length < o.limit) {
      const page = await explain(
        client.listPeople({ query: { ...filters, limit: Math.min(PAGE, o.limit - items.length), cursor } }),
        FIELDS,
      );
      total ??= page.total;
      items.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    print(
      rt,
      items,
      total,
      o,
      Object.keys(filters).some((k) => k !== 'sort'),
    );
    return items;
  });
}

function print(
  rt: Runtime,
  items: PersonSummary[],
  total: number | undefined,
  o: PeopleListOptions,
  filtered: boolean,
) {
  const { out } = rt;
  if (o.json) {
    out.json(items);
    return;
  }
  const s = out.style;
  if (items.length === 0) {
    if (filtered) out.line('No one matches. Try fewer filters, or: tend people list');
    else
      out.line('No people yet. Add someone with: tend people add "Ana Ruiz" --org Acme — or explore with: tend demo');
    return;
  }
  const now = rt.now();
  const lines = table(
    items,
    [
      { header: 'NAME', value: (p) => p.fullName, color: (t) => s.bold(t) },
      { header: 'ROLE', value: (p) => roleAt(p.roleTitle, p.organisation), shrink: true },
      { header: 'CIRCLE', value: (p) => p.circle, color: (t, p) => circleColor(s)(t, p.circle) },
      { header: 'TAGS', value: (p) => p.tags.join(', '), shrink: true, color: (t) => s.dim(t) },
      {
        header: 'LAST CONTACT',
        value: (p) => (p.lastInteractionAt ? relativeTime(p.lastInteractionAt, now) : 'never'),
        color: (t, p) => (p.lastInteractionAt ? t : s.dim(t)),
      },
    ],
    s,
    out.width,
  );
  for (const l of lines) out.line(l);
  const count = total ?? items.length;
  if (count > items.length) {
    out.line(s.dim(`Showing ${items.length} of ${count} — see more with --limit ${Math.min(count, 10_000)}`));
  } else {
    out.line(s.dim(plural(items.length, 'person', 'people')));
  }
}

export function registerPeopleList(people: Command, rt: Runtime): void {
  people
    .command('list')
    .description('List people, filtered and sorted')
    .option('--q <text>', 'words to find in name, headline, role, organisation or email')
    .option('--circle <circle>', Circle.options.join(', '), oneOf(Circle.options))
    .option('--tag <tag>', 'only people with this tag')
    .option('--topic <topic>', 'only people interested in this topic')
    .option('--purpose <purpose>', Purpose.options.join(', '), oneOf(Purpose.options))
    .option('--sort <order>', `${PeopleSort.options.join(', ')}`, sortOrder, 'name')
    .option('--limit <n>', 'show at most this many', integer(1, 10_000), 50)
    .option('--json', 'print the people as a JSON array')
    .addHelpText(
      'after',
      `
Examples:
  $ tend people list --circle inner
  $ tend people list --q rust --sort -lastContact
  $ tend people list --tag investor --json`,
    )
    .action(async (o: PeopleListOptions, cmd: Command) => {
      await peopleList(rt, o, cmd.optsWithGlobals());
    });
}
