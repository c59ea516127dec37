import { z } from 'zod';
import { MAX_QUERY_CHARS } from '../domain/search.js';
import { Circle, Id, Purpose, SearchText } from './common.js';

export const SEARCH_TYPES = ['person', 'organisation', 'note', 'learning', 'interaction', 'event', 'resource'] as const;
export const SearchType = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof SearchType>;

export const SearchQuery = z.strictObject({
  q: z
    .string()
    .max(MAX_QUERY_CHARS, { message: `must be at most ${MAX_QUERY_CHARS} characters: search for a few words` })
    // Control characters separate words like punctuation does (and so never reach the database).
    .overwrite((s) => s.replace(/[\u0000-\u001f\u007f]/g, ' '))
    .default('')
    .describe(
      'Words to find; each matches the start of a word (accents and case ignored). Any character is allowed: ' +
        'punctuation separates words and is never query syntax.',
    ),
  types: z
    .string()
    .max(200)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      const list = [...new Set(s.split(',').map((t) => t.trim()))];
      const bad = list.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown type ${bad.join(', ')}: use ${SEARCH_TYPES.join(', ')}` });
        return z.NEVER;
      }
      return list as SearchType[];
    })
    .describe(`Comma-separated kinds to search: ${SEARCH_TYPES.join(', ')} (all when absent)`),
  tag: SearchText.optional().describe('Only hits about people with this tag'),
  circle: Circle.optional(),
  organisationId: Id.optional().describe('Only people of this organisation (and the organisation itself)'),
  purpose: Purpose.optional(),
  topic: SearchText.optional().describe('Only people interested in this topic, and resources about it'),
  metAtEventId: Id.optional().describe('Only people met at this event'),
  due: z.enum(['overdue', 'week']).optional().describe('Only people overdue for contact, or due within 7 days'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const TextRange = z.object({ start: z.number().int(), end: z.number().int() });

export const SearchHit = z.object({
  type: SearchType,
  id: z.string().describe('The id of the thing found (for a note, the person whose notes they are)'),
  title: z.string(),
  titleHighlights: z.array(TextRange).describe('Ranges of `title` (UTF-16 offsets) that matched'),
  subtitle: z.string(),
  snippet: z
    .object({ text: z.string(), highlights: z.array(TextRange) })
    .nullable()
    .describe('Plain text around the match, with the matched words as ranges (never HTML)'),
  personId: z.string().nullable().describe('The person a note, learning or interaction belongs to'),
  match: z.enum(['exact-name', 'name', 'typo', 'text']),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  items: z.array(SearchHit),
  words: z.array(z.string()).describe('The words searched for, as the index sees them (folded)'),
  corrections: z.array(z.string()).describe('Names a mistyped word was read as'),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchReindexed = z.object({ indexed: z.number().int().describe('Rows read into the index') });
export type SearchReindexed = z.infer<typeof SearchReindexed>;
