import { type Kysely, type RawBuilder, sql } from 'kysely';
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

  private constructor(
    private readonly db: Q,
    suffix: string,
  ) {
    this.keys = sql.id(`import_keys_${suffix}`);
    this.groups = sql.id(`import_groups_${suffix}`);
    this.refs = sql.id(`import_refs_${suffix}`);
    this.touched = sql.id(`import_touched_${suffix}`);
  }

  static async open(db: Q, batchId: string): Promise<RunScratch> {
    const suffix = batchId.replace(/[^0-9a-zA-Z]/g, '').toLowerCase();
    const s = new RunScratch(db, suffix);
    await s.drop();
    await sql`create temporary table ${s.keys} (seen_key text primary key, person_id text not null, file text not null, line integer not null)`.execute(
      db,
    );
    await sql`create temporary table ${s.groups} (group_key text primary key, ord integer not null, occurred_at text not null, n integer not null, subject text)`.execute(
      db,
    );
    await sql`create temporary table ${s.refs} (group_key text not null, ref_key text not null, ord integer not null, name text, url text, primary key (group_key, ref_key))`.execute(
      db,
    );
    await sql`create temporary table ${s.touched} (person_id text primary key)`.execute(db);
    return s;
  }

  async drop(): Promise<void> {
    for (const t of [this.keys, this.groups, this.refs, this.touched]) {
      await sql`drop table if exists ${t}`.execute(this.db);
    }
  }

  /** The entries of these keys, as first recorded. */
  async seen(keys: readonly string[]): Promise<Map<string, SeenRow>> {
    const out = new Map<string, SeenRow>();
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
