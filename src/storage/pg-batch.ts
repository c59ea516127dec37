/*
 * Reads sent side by side on PostgreSQL, sent as one statement.
 *
 * A request that holds one pool connection (Today) runs many small reads; each was a round trip
 * (~0.15 ms on an idle machine, several times that under load) and most of them did not depend on
 * each other. `batchingReads(c)` gives a Kysely handle on the same connection whose SELECTs are not
 * sent at once: those issued before the event loop turns (the branches of a `Promise.all`) are
 * collected and sent together as one statement, each query a scalar subquery returning its rows
 * as a JSON array:
 *
 *   select (select coalesce(json_agg(q), '[]'::json) from (<query 0>) q) as "0",
 *          (select coalesce(json_agg(q), '[]'::json) from (<query 1>) q) as "1", …
 *
 * Each query keeps its own plan (a subplan with its index range and limit) and its rows keep
 * their order (json_agg over a subquery aggregates the rows as the subquery returns them, and none
 * of these is joined again). The rows come back as the query alone would give them except for
 * the types JSON has: numbers stay numbers, but a bigint (count(*)) is a number instead of the
 * string pg gives; Tend's columns are text, integers and double precision (see the core
 * migration), and its code reads counts through Number(). A query alone in its turn, and every
 * other statement, goes out unchanged.
 *
 * The combined statement goes through the handle it was made from (its logging, its named
 * statements); this handle has no log of its own, so each statement is counted once.
 */
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Database } from './schema.js';

interface Pending {
  query: CompiledQuery;
  resolve: (r: QueryResult<unknown>) => void;
  reject: (e: unknown) => void;
}

const SELECT = /^\s*select\b/i;

/** `$n` parameters of a statement moved up by `by`, outside quoted strings and identifiers. */
export function shiftParameters(text: string, by: number): string {
  if (by === 0) return text;
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < text.length && /[0-9]/.test(text[j] as string)) j++;
      out += `$${Number(text.slice(i + 1, j)) + by}`;
      i = j - 1;
    } else out += ch;
  }
  return out;
}

/** One statement for several SELECTs: each one's rows as a JSON array in its own column. */
export function combineSelects(queries: readonly CompiledQuery[]): CompiledQuery {
  const parameters: unknown[] = [];
  const columns = queries.map((q, i) => {
    const text = shiftParameters(q.sql, parameters.length);
    parameters.push(...q.parameters);
    return `(select coalesce(json_agg(q), '[]'::json) from (${text}) as q) as "${i}"`;
  });
  return CompiledQuery.raw(`select ${columns.join(', ')}`, parameters);
}

class BatchingConnection implements DatabaseConnection {
  #pending: Pending[] = [];
  #scheduled = false;

  constructor(private readonly target: Kysely<Database>) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!SELECT.test(query.sql)) return this.target.executeQuery<R>(query);
    return new Promise<QueryResult<R>>((resolve, reject) => {
      this.#pending.push({ query, resolve: resolve as Pending['resolve'], reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // After every promise callback already queued: the other branches of a Promise.all get
        // to issue their reads first.
        setImmediate(() => void this.#flush());
      }
    });
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered on a batching handle
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('A batching handle does not stream');
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    const [only] = batch;
    if (batch.length === 1 && only) {
      await this.target.executeQuery(only.query).then(only.resolve, only.reject);
      return;
    }
    try {
      const result = await this.target.executeQuery<Record<string, unknown[]>>(
        combineSelects(batch.map((p) => p.query)),
      );
      const row = result.rows[0] ?? {};
      batch.forEach((p, i) => {
        p.resolve({ rows: (row[String(i)] ?? []) as unknown[] });
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}

function unsupported(): never {
  throw new Error('A batching handle runs reads only, outside transactions');
}

/**
 * A handle on `c`'s connection whose SELECTs issued in the same turn of the event loop go out as
 * one statement (see above). PostgreSQL only; `c` should hold one connection (`k.connection()`).
 */
export function batchingReads(c: Kysely<Database>): Kysely<Database> {
  const connection = new BatchingConnection(c.withoutPlugins());
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => unsupported(),
    commitTransaction: async () => unsupported(),
    rollbackTransaction: async () => unsupported(),
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [new CamelCasePlugin()],
  });
}
