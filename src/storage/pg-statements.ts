/*
 * Named prepared statements on PostgreSQL.
 *
 * `pg` sends every parameterised query as an unnamed statement, which PostgreSQL parses,
 * analyses and plans again each time. Tend's hot paths (Today, the people list, a person,
 * search) run the same few hundred SQL texts over and over, so this wraps the pool that
 * Kysely is given: a query whose text is a data statement goes out under a name derived
 * from its text, so each connection parses it once and PostgreSQL can keep its plan
 * (after five runs it may switch to a generic plan when that costs no more than the
 * custom ones, its own `plan_cache_mode = auto` rule).
 *
 * Bounds:
 * - A connection names at most MAX_PER_CONNECTION distinct texts. One that reaches the
 *   limit is closed when it goes back to the pool (statements live on the server side,
 *   per connection, until it closes), and the pool opens a fresh one on demand.
 * - The text-to-name map is bounded too; a text pushed out of it just gets its name again.
 * - A statement whose plan no longer fits the schema (`cached plan must not change result
 *   type` after DDL by another process, or a name the server forgot) closes its connection
 *   when released. Outside a transaction it is sent again unnamed, so the caller never sees
 *   it; inside one the error aborts the transaction and reaches the caller once.
 * - `unnamed()` turns naming off while it runs: migrations change the schema under the
 *   statements they run themselves.
 * - One connection stops naming its reads after `set tend.named_statements = off` on it,
 *   until `= on` or its release (an import holds one connection while the tables it reads grow from
 *   nothing: a plan kept from when they were small is wrong minutes later; see engine.ts).
 * - Full-text matches are never named (PLAN_EACH_TIME).
 */
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** Distinct statements one connection prepares before it is recycled. */
export const MAX_PER_CONNECTION = 2000;
const MAX_NAMES = 5000;

/** Only data statements are worth naming: not BEGIN/COMMIT/SAVEPOINT, DDL or SET. */
const DATA_STATEMENT = /^\s*(select|with|insert|update|delete)\b/i;
/**
 * Planned every time: a full-text match's best plan depends on how common its words are (walk
 * the documents newest first for a common prefix, the GIN index for a rare word), which a
 * generic plan of a kept statement cannot see.
 */
const PLAN_EACH_TIME = /to_tsquery\(/;
const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i;
/** Reads: what `tend.named_statements = off` plans every time (writes' plans hardly depend on the data). */
const READ = /^\s*(select|with)\b/i;
/** A custom setting PostgreSQL accepts and keeps (a name with a dot); the wrapper reads it. */
const NAMING = /^\s*set\s+tend\.named_statements\s*=\s*'?(on|off)'?\s*$/i;
const TRANSACTION_END = /^\s*(commit|rollback|end|abort)\b(?!\s+to\b)/i;

interface RawClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<PostgresQueryResult<unknown>>;
  query(text: string, values: unknown[]): Promise<PostgresQueryResult<unknown>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  release(destroy?: boolean | Error): void;
}

interface RawPool {
  connect(): Promise<RawClient>;
  end(): Promise<void>;
}

export interface NamedStatementPool extends PostgresPool {
  /** Runs `fn` with naming off for every connection of this pool. */
  unnamed<T>(fn: () => Promise<T>): Promise<T>;
  /** How many data statements went out named and unnamed (tests and diagnostics). */
  readonly counts: { named: number; unnamed: number };
}

/** Errors after which a connection's prepared statements cannot be trusted. */
function poisonsStatements(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  // 0A000 with this message: a kept plan's result columns changed under it (DDL).
  // 26000: invalid_sql_statement_name, the server no longer knows the name.
  return (
    (e?.code === '0A000' && /cached plan must not change result type/i.test(e.message ?? '')) || e?.code === '26000'
  );
}

export function namedStatementPool(
  pool: RawPool,
  { maxPerConnection = MAX_PER_CONNECTION }: { maxPerConnection?: number } = {},
): NamedStatementPool {
  const names = new Map<string, string>();
  let pauses = 0;
  const counts = { named: 0, unnamed: 0 };

  function nameOf(text: string): string {
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= MAX_NAMES) names.clear();
      name = `t${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
      names.set(text, name);
    }
    return name;
  }

  const wrappers = new WeakMap<RawClient, PostgresPoolClient>();

  function wrap(client: RawClient): PostgresPoolClient {
    const known = wrappers.get(client);
    if (known) return known;
    const own = new Set<string>();
    // Set when this connection should close on release instead of going back to the pool.
    let recycle = false;
    // Whether a transaction is open on it: a failed statement aborts a transaction, so only
    // outside one can the statement be sent again.
    let inTransaction = false;
    // Whether `set tend.named_statements = off` turned naming off on this connection.
    let off = false;
    const wrapped = {
      query(textOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) {
        if (typeof textOrCursor !== 'string') return client.query(textOrCursor);
        const text = textOrCursor;
        const values = parameters ? [...parameters] : [];
        if (TRANSACTION_START.test(text)) inTransaction = true;
        else if (TRANSACTION_END.test(text)) inTransaction = false;
        if (!DATA_STATEMENT.test(text)) {
          const naming = NAMING.exec(text);
          if (naming) off = naming[1]?.toLowerCase() === 'off';
          return client.query(text, values);
        }
        const name = pauses === 0 && !(off && READ.test(text)) && !PLAN_EACH_TIME.test(text) ? nameOf(text) : undefined;
        if (name === undefined || (!own.has(name) && own.size >= maxPerConnection)) {
          if (name !== undefined) recycle = true;
          counts.unnamed++;
          return client.query(text, values);
        }
        counts.named++;
        own.add(name);
        return client.query({ name, text, values }).catch((err: unknown) => {
          if (!poisonsStatements(err)) throw err;
          recycle = true;
          if (inTransaction) throw err;
          counts.unnamed++;
          return client.query(text, values);
        });
      },
      release(destroy?: boolean) {
        off = false;
        client.release(destroy || recycle);
      },
    } as unknown as PostgresPoolClient;
    wrappers.set(client, wrapped);
    return wrapped;
  }

  return {
    counts,
    async connect() {
      return wrap(await pool.connect());
    },
    end: () => pool.end(),
    async unnamed<T>(fn: () => Promise<T>): Promise<T> {
      pauses++;
      try {
        return await fn();
      } finally {
        pauses--;
      }
    },
  };
}
