import { sql } from 'kysely';
import type { SearchDoc } from './docs.js';
import type { FtsQuery, SearchBackend } from './types.js';

/*
 * PostgreSQL: a tsvector of the folded words ('simple' configuration: no
 * stemming, no stop words, the same words SQLite indexes), title weighted A,
 * body B, in a GIN index led by workspace_id. A query is a tsquery of quoted
 * lexemes of letters and digits with `:*`, passed as a bound parameter.
 */

const CHUNK = 300;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A tsquery text from sanitised tokens (letters and digits only): `'a':* & 'b':*`. */
export function tsQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `'${t.replace(/['\\]/g, '')}':*`).join(' & ');
}

/** A document's row for `insert into search_docs (DOC_COLUMNS) values …`. */
export function docValues(ws: string, d: SearchDoc) {
  return sql`(${ws}, ${d.kind}, ${d.refId}, ${d.personId}, ${d.title}, ${d.subtitle}, ${d.body}, ${d.at},
            setweight(to_tsvector('simple', ${d.ft}), 'A') || setweight(to_tsvector('simple', ${d.fb}), 'B'))`;
}

export const DOC_COLUMNS = sql.raw('workspace_id, kind, ref_id, person_id, title, subtitle, body, at, tsv');

export const postgresSearch: SearchBackend = {
  async writeDocs(k, ws, batch) {
    for (const c of batch.clear) {
      for (const ids of chunks(c.refIds)) {
        await k
          .deleteFrom('searchDocs')
          .where('workspaceId', '=', ws)
          .where('kind', '=', c.kind)
          .where('refId', 'in', ids)
          .execute();
      }
    }
    for (const docs of chunks(batch.docs, 200)) {
      const rows = docs.map((d) => docValues(ws, d));
      await sql`insert into search_docs (${DOC_COLUMNS})
        values ${sql.join(rows)}
        on conflict (workspace_id, kind, ref_id) do update set person_id = excluded.person_id,
          title = excluded.title, subtitle = excluded.subtitle, body = excluded.body, at = excluded.at,
          tsv = excluded.tsv`.execute(k);
    }
  },

  async clearWorkspace(k, ws) {
    await k.deleteFrom('searchDocs').where('workspaceId', '=', ws).execute();
  },

  async match(k, q: FtsQuery) {
    if (q.tokens.length === 0 || q.kinds.length === 0) return [];
    let query = k
      .selectFrom('searchDocs as d')
      .select(['d.kind', 'd.refId', 'd.personId', 'd.title', 'd.subtitle', 'd.body', 'd.at'])
      .where('d.workspaceId', '=', q.workspaceId)
      .where(sql<boolean>`d.tsv @@ to_tsquery('simple', ${tsQuery(q.tokens)})`)
      .where('d.kind', 'in', q.kinds);
    if (q.filter) query = query.where(q.filter);
    return query.orderBy(sql`coalesce(d.at, '')`, 'desc').limit(q.limit).execute();
  },
};
