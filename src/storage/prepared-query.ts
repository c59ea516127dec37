import type { Compilable, CompiledQuery, Kysely, QueryResult, RawBuilder } from 'kysely';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/*
 * Statements of the hot paths built and compiled by Kysely once, then run again with new values
 * (docs/architecture.md, "Statements built once on the write hot paths"). Building a query with
 * Kysely's builder, transforming it (the camel-case plugin rewrites every identifier) and
 * compiling it to SQL, per statement and per call, was about half the server's user CPU for a
 * logged interaction (0.65 ms a log at M on SQLite, 0.31 ms with these statements). The values
 * of a statement change from call to call; its SQL does not.
 *
 * A statement is written as it would be with Kysely, with each value that changes taken from
 * `$` (`$.workspaceId`): a slot. The first call on a database builds it with a unique marker in
 * each slot, compiles it, and notes which of the compiled parameters is which slot; every call
 * after that fills the slots in and runs the compiled SQL (through Kysely's executor, so plugins
 * still shape the rows and the query log still sees it). What a statement's SQL depends on other
 * than its slots (how many ids, which columns an update sets) is its variant: each variant is
 * compiled once, on first use.
 *
 * A slot must stay a parameter: a marker that reaches the SQL text itself (sql.lit, sql.raw, an
 * identifier) is refused when the statement is first compiled.
 */

/** What a statement is written as: Kysely's builder, or a `sql` template. */
type Statement<R> = Compilable<R> | RawBuilder<R>;

/** The slots of a statement, by name: each reads as a value of any type to Kysely's builder. */
export type Slots<S extends string> = Readonly<Record<S, never>>;

/** The values of a statement's slots. */
export type SlotValues<S extends string> = Readonly<Record<S, unknown>>;

const MARK = '\u0000tend-slot:';

interface Compiled {
  query: CompiledQuery;
  /** Per compiled parameter: the slot it takes its value from, or null for a constant. */
  slots: (string | null)[];
}

/** A statement with variants: `build` receives the variant, `keyOf` names it. */
export function preparedVariants<V, S extends string, R>(
  keyOf: (variant: V) => string,
  build: (k: Q, $: Slots<S>, variant: V) => Statement<R>,
): (k: Q, variant: V, values: SlotValues<S>) => Promise<QueryResult<R>> {
  // Per dialect adapter (one per opened database: SQLite and PostgreSQL compile differently).
  const byAdapter = new WeakMap<object, Map<string, Compiled>>();
  return async (k, variant, values) => {
    const adapter = k.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      compiled = new Map();
      byAdapter.set(adapter, compiled);
    }
    const key = keyOf(variant);
    let c = compiled.get(key);
    if (!c) {
      c = compile(k, build(k, markers<S>(), variant));
      compiled.set(key, c);
    }
    const parameters = c.slots.map((slot, i) => (slot === null ? c.query.parameters[i] : values[slot as S]));
    return k.executeQuery<R>({ ...c.query, parameters } as CompiledQuery<R>);
  };
}

/** A statement of one shape. */
export function preparedQuery<S extends string, R>(
  build: (k: Q, $: Slots<S>) => Statement<R>,
): (k: Q, values: SlotValues<S>) => Promise<QueryResult<R>> {
  const run = preparedVariants<null, S, R>(
    () => '',
    (k, $) => build(k, $),
  );
  return (k, values) => run(k, null, values);
}

function markers<S extends string>(): Slots<S> {
  return new Proxy({} as Slots<S>, {
    get: (_, name) => (typeof name === 'string' ? `${MARK}${name}` : undefined),
  });
}

function compile(k: Q, q: Statement<unknown>): Compiled {
  const query = 'isRawBuilder' in q ? q.compile(k) : q.compile();
  if (query.sql.includes(MARK)) {
    throw new Error(`A prepared statement put a slot into its SQL text instead of a parameter: ${query.sql}`);
  }
  const slots = query.parameters.map((p) =>
    typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : null,
  );
  return { query, slots };
}
