import type SQLite from 'better-sqlite3';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { sqliteOf } from '../storage/bulk-insert.js';
import { isPostgres } from '../storage/db.js';
import type { Database } from '../storage/schema.js';

/*
 * What an import run must remember about rows it has already passed, kept in
 * temporary tables of the import's own database connection instead of in the
 * process: the keys of the people it created (to catch a file naming someone
 * twice, and to resolve messages to people a preview only pretends to create),
 * the message groups (conversation and day) it is collecting, and the people
 * whose last contact it must recompute. Memory then stays bounded by a chunk,
 * whatever the size of the file; a 100k-row CSV kept ~60 MB of keys alive.
 *
 * Temporary tables belong to a connection: on SQLite the server has one, on
 * PostgreSQL the run is pinned to one (runImport). They are never part of a
 * backup or of the user's data, and they vanish with the connection if the
 * process dies. The names carry the batch id, so two imports never share one.
 *
 * On SQLite (given the connection) the tables are read and written through
 * prepared statements, one row at a time: building, compiling and preparing a
 * 500-row statement through Kysely cost more than SQLite's own work. Those
 * statements run while the run holds the connection (Kysely's connection
 * lock, or the chunk's transaction), never beside another request's
 * transaction.
 */

type Q = Kysely<Database>;

/** Rows per multi-row statement: 500 × 6 parameters stays under both databases' limits. */
const PER_STATEMENT = 500;

export interface SeenRow {
  /** The person this run created (or, in a preview, would create) for this key. */
  id: string;
  file: string;
  line: number;
}

export interface MessageRef {
  name: string | null;
  url: string | null;
}

export interface MessageGroup {
  /** Conversation and day. */
  key: string;
  occurredAt: string;
  count: number;
  subject: string | null;
  /** Everyone on the group's messages, once each by `key` (profile URL, else folded name), in order of appearance. */
  refs: (MessageRef & { key: string })[];
}

/**
 * A Bloom filter of the keys a run remembered (2^25 bits, 4 MiB, whatever the file's size):
 * `seen` asks the table only about keys that may be there. Most rows of an import are new
 * people, whose keys were never remembered, so most lookups end here. A false positive
 * costs one lookup that finds nothing (about 1 in 20,000 keys at 400,000 remembered).
 */
class KeyFilter {
  private readonly bits = new Uint32Array(1 << 20);

  private static hashes(key: string): [number, number] {
    // FNV-1a over UTF-16 code units, and a second hash from a different seed and multiplier.
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    return [a >>> 0, (b | 1) >>> 0];
  }

  add(key: string): void {
    const [a, b] = KeyFilter.hashes(key);
    for (let i = 0; i < 3; i++) {
      const bit = (a + Math.imul(i, b)) >>> 7;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  mayHave(key: string): boolean {
    const [a, b] = KeyFilter.hashes(key);
    for (let i = 0; i < 3; i++) {
      const bit = (a + Math.imul(i, b)) >>> 7;
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

function parts<T>(xs: readonly T[], per = PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += per) out.push(xs.slice(i, i + per));
  return out;
}

// Result columns are aliased without underscores, so Kysely's CamelCasePlugin leaves them as named.
const rows = <T>(r: { rows: unknown[] }) => r.rows as T[];

export class RunScratch {
  private readonly keys: RawBuilder<unknown>;
  private readonly groups: RawBuilder<unknown>;
  private readonly refs: RawBuilder<unknown>;
  private readonly touched: RawBuilder<unknown>;
  /** Order of first appearance, so groups and their people come back in file order. */
  private order = 0;

  private readonly names: { keys: string; groups: string; refs: string; touched: string };

  private constructor(
    private readonly db: Q,
    suffix: string,
    /** SQLite's connection, for the prepared-statement path; null on PostgreSQL. */
    private readonly raw: SQLite.Database | null,
  ) {
    this.names = {
      keys: `import_keys_${suffix}`,
      groups: `import_groups_${suffix}`,
      refs: `import_refs_${suffix}`,
      touched: `import_touched_${suffix}`,
    };
    this.keys = sql.id(this.names.keys);
    this.groups = sql.id(this.names.groups);
    this.refs = sql.id(this.names.refs);
    this.touched = sql.id(this.names.touched);
  }

  static async open(db: Q, batchId: string, raw?: SQLite.Database | null): Promise<RunScratch> {
    const suffix = batchId.replace(/[^0-9a-zA-Z]/g, '').toLowerCase();
    const s = new RunScratch(db, suffix, raw ?? null);
    await s.drop();
    // On SQLite the tables read only by their primary key are that key's b-tree alone (WITHOUT
    // ROWID): a remembered key is one b-tree insert instead of a row plus its key's index.
    const keyed = isPostgres(db) ? sql`` : sql` without rowid`;
    await sql`create temporary table ${s.keys} (seen_key text primary key, person_id text not null, file text not null, line integer not null)${keyed}`.execute(
      db,
    );
    await sql`create temporary table ${s.groups} (group_key text primary key, ord integer not null, occurred_at text not null, n integer not null, subject text)`.execute(
      db,
    );
    await sql`create temporary table ${s.refs} (group_key text not null, ref_key text not null, ord integer not null, name text, url text, primary key (group_key, ref_key))${keyed}`.execute(
      db,
    );
    await sql`create temporary table ${s.touched} (person_id text primary key)${keyed}`.execute(db);
    return s;
  }

  async drop(): Promise<void> {
    this.statements.clear();
    for (const t of [this.keys, this.groups, this.refs, this.touched]) {
      await sql`drop table if exists ${t}`.execute(this.db);
    }
  }

  /** This run's statements: its tables' names are its own, so they are not kept beyond it. */
  private readonly statements = new Map<string, SQLite.Statement>();

  private stmt(text: string): SQLite.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = (this.raw as SQLite.Database).prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  /**
   * Runs `fn` (synchronous statements on the raw connection) while this run owns the
   * connection: within `k` when it is a transaction with the connection attached (the
   * chunk's), else under Kysely's connection lock, in one transaction of its own.
   */
  private async locked<T>(k: Q, fn: () => T): Promise<T> {
    const raw = this.raw as SQLite.Database;
    if (sqliteOf(k) === raw) return fn();
    return k.connection().execute(async () => (raw.inTransaction ? fn() : raw.transaction(fn)()));
  }

  private readonly filter = new KeyFilter();

  /** The entries of these keys, as first recorded. */
  async seen(all: readonly string[]): Promise<Map<string, SeenRow>> {
    const out = new Map<string, SeenRow>();
    const keys = all.filter((k) => this.filter.mayHave(k));
    if (keys.length === 0) return out;
    if (this.raw) {
      const get = this.stmt(`select person_id as id, file, line from "${this.names.keys}" where seen_key = ?`);
      return this.locked(this.db, () => {
        for (const k of keys) {
          if (out.has(k)) continue;
          const x = get.get(k) as { id: string; file: string; line: number } | undefined;
          if (x) out.set(k, { id: x.id, file: x.file, line: Number(x.line) });
        }
        return out;
      });
    }
    for (const part of parts([...new Set(keys)])) {
      const r =
        await sql`select seen_key as k, person_id as id, file, line from ${this.keys} where seen_key in (${sql.join(part)})`.execute(
          this.db,
        );
      for (const x of rows<{ k: string; id: string; file: string; line: number }>(r)) {
        out.set(x.k, { id: x.id, file: x.file, line: Number(x.line) });
      }
    }
    return out;
  }

  /** Records keys of people the run created; an earlier entry of a key stays. `db` may be the chunk's transaction. */
  async remember(db: Q, entries: readonly [string, SeenRow][]): Promise<void> {
    // Added before the write: should the write fail, an extra key only costs a lookup.
    for (const [k] of entries) this.filter.add(k);
    if (this.raw) {
      if (entries.length === 0) return;
      const insert = this.stmt(
        `insert into "${this.names.keys}" (seen_key, person_id, file, line) values (?, ?, ?, ?) on conflict (seen_key) do nothing`,
      );
      // In key order (a stable sort: of one key given twice the first still wins), so the
      // inserts walk the key index from page to page instead of at random.
      const sorted = [...entries].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      return this.locked(db, () => {
        for (const [k, s] of sorted) insert.run(k, s.id, s.file, s.line);
      });
    }
    for (const part of parts(entries)) {
      const values = part.map(([k, s]) => sql`(${k}, ${s.id}, ${s.file}, ${s.line})`);
      await sql`insert into ${this.keys} (seen_key, person_id, file, line) values ${sql.join(values)} on conflict (seen_key) do nothing`.execute(
        db,
      );
    }
  }

  /**
   * Adds messages, already grouped by conversation and day within a chunk of
   * the file, to the run's groups: counts add up, the earliest time and the
   * first subject win, and each person on a group is kept once.
   */
  async addGroups(groups: readonly MessageGroup[]): Promise<void> {
    if (this.raw) {
      const group =
        this.stmt(`insert into "${this.names.groups}" as g (group_key, ord, occurred_at, n, subject) values (?, ?, ?, ?, ?)
        on conflict (group_key) do update set
          n = g.n + excluded.n,
          occurred_at = case when excluded.occurred_at < g.occurred_at then excluded.occurred_at else g.occurred_at end,
          subject = case when g.subject is null or g.subject = '' then excluded.subject else g.subject end`);
      const ref = this.stmt(
        `insert into "${this.names.refs}" (group_key, ref_key, ord, name, url) values (?, ?, ?, ?, ?) on conflict (group_key, ref_key) do nothing`,
      );
      return this.locked(this.db, () => {
        // Groups first, then their people: the same order numbers as the multi-row path.
        for (const g of groups) group.run(g.key, this.order++, g.occurredAt, g.count, g.subject);
        for (const g of groups) for (const r of g.refs) ref.run(g.key, r.key, this.order++, r.name, r.url);
      });
    }
    const withOrder = groups.map((g) => ({ g, ord: this.order++ }));
    for (const part of parts(withOrder)) {
      const values = part.map(({ g, ord }) => sql`(${g.key}, ${ord}, ${g.occurredAt}, ${g.count}, ${g.subject})`);
      // The earliest message of the day dates the group; the first subject stays.
      await sql`insert into ${this.groups} as g (group_key, ord, occurred_at, n, subject) values ${sql.join(values)}
        on conflict (group_key) do update set
          n = g.n + excluded.n,
          occurred_at = case when excluded.occurred_at < g.occurred_at then excluded.occurred_at else g.occurred_at end,
          subject = case when g.subject is null or g.subject = '' then excluded.subject else g.subject end`.execute(
        this.db,
      );
    }
    const refs = groups.flatMap((g) => g.refs.map((r) => ({ group: g.key, key: r.key, r, ord: this.order++ })));
    for (const part of parts(refs)) {
      const values = part.map((x) => sql`(${x.group}, ${x.key}, ${x.ord}, ${x.r.name}, ${x.r.url})`);
      await sql`insert into ${this.refs} (group_key, ref_key, ord, name, url) values ${sql.join(values)}
        on conflict (group_key, ref_key) do nothing`.execute(this.db);
    }
  }

  /** The run's message groups in order of first appearance, `per` at a time. */
  async *eachGroups(per: number): AsyncGenerator<MessageGroup[]> {
    let after = -1;
    if (this.raw) {
      const page = this.stmt(
        `select group_key as k, ord, occurred_at as at, n, subject from "${this.names.groups}" where ord > ? order by ord limit ?`,
      );
      const refsOf = this.stmt(
        `select ref_key as k, name, url from "${this.names.refs}" where group_key = ? order by ord`,
      );
      for (;;) {
        const out = await this.locked(this.db, () => {
          const found = page.all(after, per) as {
            k: string;
            ord: number;
            at: string;
            n: number;
            subject: string | null;
          }[];
          return found.map((g) => {
            after = Number(g.ord);
            const refs = refsOf.all(g.k) as { k: string; name: string | null; url: string | null }[];
            return {
              key: g.k,
              occurredAt: g.at,
              count: Number(g.n),
              subject: g.subject,
              refs: refs.map((x) => ({ key: x.k, name: x.name, url: x.url })),
            };
          });
        });
        if (out.length === 0) return;
        yield out;
      }
    }
    for (;;) {
      const r =
        await sql`select group_key as k, ord, occurred_at as at, n, subject from ${this.groups} where ord > ${after} order by ord limit ${per}`.execute(
          this.db,
        );
      const found = rows<{ k: string; ord: number; at: string; n: number; subject: string | null }>(r);
      if (found.length === 0) return;
      after = Number((found[found.length - 1] as { ord: number }).ord);
      const byKey = new Map<string, MessageGroup>();
      const out = found.map((g) => {
        const group: MessageGroup = {
          key: g.k,
          occurredAt: g.at,
          count: Number(g.n),
          subject: g.subject,
          refs: [],
        };
        byKey.set(g.k, group);
        return group;
      });
      for (const part of parts(out.map((g) => g.key))) {
        const rr =
          await sql`select group_key as g, ref_key as k, name, url from ${this.refs} where group_key in (${sql.join(part)}) order by ord`.execute(
            this.db,
          );
        for (const x of rows<{ g: string; k: string; name: string | null; url: string | null }>(rr)) {
          byKey.get(x.g)?.refs.push({ key: x.k, name: x.name, url: x.url });
        }
      }
      yield out;
    }
  }

  async touch(db: Q, personIds: readonly string[]): Promise<void> {
    if (this.raw) {
      if (personIds.length === 0) return;
      const insert = this.stmt(
        `insert into "${this.names.touched}" (person_id) values (?) on conflict (person_id) do nothing`,
      );
      return this.locked(db, () => {
        for (const id of personIds) insert.run(id);
      });
    }
    for (const part of parts([...new Set(personIds)])) {
      const values = part.map((id) => sql`(${id})`);
      await sql`insert into ${this.touched} (person_id) values ${sql.join(values)} on conflict (person_id) do nothing`.execute(
        db,
      );
    }
  }

  /** The people touched, `per` at a time, in id order. */
  async *eachTouched(per: number): AsyncGenerator<string[]> {
    let after = '';
    if (this.raw) {
      const page = this.stmt(
        `select person_id as id from "${this.names.touched}" where person_id > ? order by person_id limit ?`,
      );
      for (;;) {
        const ids = await this.locked(this.db, () => (page.all(after, per) as { id: string }[]).map((x) => x.id));
        if (ids.length === 0) return;
        after = ids[ids.length - 1] as string;
        yield ids;
      }
    }
    for (;;) {
      const r =
        await sql`select person_id as id from ${this.touched} where person_id > ${after} order by person_id limit ${per}`.execute(
          this.db,
        );
      const ids = rows<{ id: string }>(r).map((x) => x.id);
      if (ids.length === 0) return;
      after = ids[ids.length - 1] as string;
      yield ids;
    }
  }
}
