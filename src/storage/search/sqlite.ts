import { sql } from 'kysely';
import { prepared, sqliteOf } from '../bulk-insert.js';
import type { FtsQuery, SearchBackend } from './types.js';

/*
 * SQLite: a contentless FTS5 table whose rowid is search_docs.doc_id. Only
 * folded words reach it, and a query is built from words of letters and
 * digits, each quoted: `"word"*`, so nothing a user types is FTS5 syntax.
 */

const CHUNK = 300;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A MATCH expression from sanitised tokens: every token quoted, as a prefix, all required. */
export function ftsMatch(tokens: readonly string[]): string {
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
}

export const sqliteSearch: SearchBackend = {
  async writeDocs(k, ws, batch) {
    for (const c of batch.clear) {
      for (const ids of chunks(c.refIds)) {
        const old = await k
          .selectFrom('searchDocs')
          .select(sql<number>`doc_id`.as('docId'))
          .where('workspaceId', '=', ws)
          .where('kind', '=', c.kind)
          .where('refId', 'in', ids)
          .execute();
        if (old.length === 0) continue;
        const docIds = sql.join(old.map((o) => o.docId));
        await sql`delete from search_fts where rowid in (${docIds})`.execute(k);
        await sql`delete from search_docs where doc_id in (${docIds})`.execute(k);
      }
    }
    const raw = sqliteOf(k);
    if (raw) {
      // A SQLite transaction with its connection attached (an import): prepared statements, row by row.
      const doc = prepared(
        raw,
        'insert into search_docs (workspace_id, kind, ref_id, person_id, title, subtitle, body, at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const fts = prepared(raw, 'insert into search_fts (rowid, ft, fb) values (?, ?, ?)');
      for (const d of batch.docs) {
        const { lastInsertRowid } = doc.run(ws, d.kind, d.refId, d.personId, d.title, d.subtitle, d.body, d.at);
        fts.run(lastInsertRowid, d.ft, d.fb);
      }
      return;
    }
    for (const docs of chunks(batch.docs, 100)) {
      const inserted = await k
        .insertInto('searchDocs')
        .values(
          docs.map((d) => ({
            workspaceId: ws,
            kind: d.kind,
            refId: d.refId,
            personId: d.personId,
            title: d.title,
            subtitle: d.subtitle,
            body: d.body,
            at: d.at,
          })),
        )
        .returning([sql<number>`doc_id`.as('docId'), 'kind', 'refId'])
        .execute();
      const byKey = new Map(docs.map((d) => [`${d.kind}:${d.refId}`, d]));
      const rows = inserted.map((r) => {
        const d = byKey.get(`${r.kind}:${r.refId}`);
        return sql`(${r.docId}, ${d?.ft ?? ''}, ${d?.fb ?? ''})`;
      });
      await sql`insert into search_fts (rowid, ft, fb) values ${sql.join(rows)}`.execute(k);
    }
  },

  async clearWorkspace(k, ws) {
    await sql`delete from search_fts where rowid in (select doc_id from search_docs where workspace_id = ${ws})`.execute(
      k,
    );
    await k.deleteFrom('searchDocs').where('workspaceId', '=', ws).execute();
  },

  async match(k, q: FtsQuery) {
    if (q.tokens.length === 0 || q.kinds.length === 0) return [];
    // FTS5 drives the loop (CROSS JOIN keeps it outer) and hands out rowids newest first, so
    // the LIMIT stops the walk early however many rows match a common word.
    let query = k
      .selectFrom(sql`search_fts`.as('search_fts'))
      .crossJoin('searchDocs as d')
      .select(['d.kind', 'd.refId', 'd.personId', 'd.title', 'd.subtitle', 'd.body', 'd.at'])
      .where(sql<boolean>`search_fts match ${ftsMatch(q.tokens)}`)
      .where(sql<boolean>`d.doc_id = search_fts.rowid`)
      .where('d.workspaceId', '=', q.workspaceId)
      .where('d.kind', 'in', q.kinds);
    if (q.filter) query = query.where(q.filter);
    return query.orderBy(sql`search_fts.rowid`, 'desc').limit(q.limit).execute();
  },
};
