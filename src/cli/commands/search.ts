import type { Command } from 'commander';
import { Circle, Purpose } from '../../contract/common.js';
import { SEARCH_TYPES, type SearchHit } from '../../contract/search.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain, type FieldNames } from '../errors.js';
import { integer, oneOf } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';
import type { Style } from '../style.js';

interface SearchOptions {
  type?: string;
  tag?: string;
  circle?: Circle;
  topic?: string;
  purpose?: Purpose;
  due?: 'overdue' | 'week';
  limit: number;
  json?: boolean;
  reindex?: boolean;
}

const FIELDS: FieldNames = {
  'query.q': 'the search words',
  'query.types': '--type',
  'query.tag': '--tag',
  'query.topic': '--topic',
};

const LABEL: Record<SearchHit['type'], string> = {
  person: 'person',
  organisation: 'org',
  note: 'note',
  learning: 'learned',
  interaction: 'logged',
  event: 'event',
  resource: 'resource',
};

/** The text with its matched ranges emphasised (bold yellow on a terminal; as is in a pipe). */
export function emphasise(text: string, ranges: readonly { start: number; end: number }[], s: Style): string {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += text.slice(at, r.start) + s.bold(s.yellow(text.slice(r.start, r.end)));
    at = r.end;
  }
  return out + text.slice(at);
}

export function registerSearch(program: Command, rt: Runtime): void {
  program
    .command('search')
    .description('Search people, organisations, notes, things learned, interactions, events and resources')
    .argument('[words...]', 'words to find; each matches the start of a word, accents and case ignored')
    .option('--type <types>', `only these kinds, comma-separated: ${SEARCH_TYPES.join(', ')}`)
    .option('--tag <tag>', 'only people with this tag (and what is filed under them)')
    .option('--circle <circle>', `only people of this circle: ${Circle.options.join(', ')}`, oneOf(Circle.options))
    .option('--topic <topic>', 'only people interested in this topic, and resources about it')
    .option('--purpose <purpose>', 'only people with this purpose', oneOf(Purpose.options))
    .option('--due <when>', 'only people overdue, or due within a week: overdue, week', oneOf(['overdue', 'week']))
    .option('--limit <n>', 'at most this many results (1–50)', integer(1, 50), 20)
    .option('--json', 'print the results as JSON')
    .option('--reindex', "rebuild this workspace's search index from its data")
    .addHelpText(
      'after',
      `
Examples:
  $ tend search ana
  $ tend search coffee berlin --type interaction
  $ tend search rust --topic rust --json
  $ tend search --reindex`,
    )
    .action(async (words: string[], o: SearchOptions, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const s = rt.out.style;
        if (o.reindex) {
          const r = await client.reindexSearch({});
          if (o.json) return rt.out.json(r);
          rt.out.line(`${s.green('Rebuilt')} the search index from ${r.indexed} rows.`);
          if (words.length === 0) return;
        }
        const q = words.join(' ').trim();
        if (q === '') throw new CliError('Say what to look for, e.g.: tend search ana');
        const res = await explain(
          client.search({
            query: {
              q,
              limit: o.limit,
              ...(o.type ? { types: o.type } : {}),
              ...(o.tag ? { tag: o.tag } : {}),
              ...(o.circle ? { circle: o.circle } : {}),
              ...(o.topic ? { topic: o.topic } : {}),
              ...(o.purpose ? { purpose: o.purpose } : {}),
              ...(o.due ? { due: o.due } : {}),
            },
          }),
          FIELDS,
        );
        if (o.json) return rt.out.json(res);
        if (res.items.length === 0) {
          rt.out.line(`Nothing matches "${q}". Try fewer or shorter words.`);
          return;
        }
        if (res.corrections.length > 0) rt.out.line(s.dim(`Also searched for: ${res.corrections.join(', ')}`));
        const width = Math.max(...res.items.map((h) => LABEL[h.type].length));
        for (const h of res.items) {
          const label = s.dim(LABEL[h.type].padEnd(width));
          const sub = h.subtitle ? ` ${s.dim(`· ${h.subtitle}`)}` : '';
          rt.out.line(`${label}  ${emphasise(h.title, h.titleHighlights, s)}${sub}`);
          if (h.snippet)
            rt.out.line(
              `${' '.repeat(width)}  ${s.dim('…')}${emphasise(h.snippet.text, h.snippet.highlights, s)}`.replace(
                '……',
                '…',
              ),
            );
        }
      }),
    );
}
