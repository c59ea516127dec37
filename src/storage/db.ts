import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type LogEvent,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  sql,
} from 'kysely';
import { migrationProvider } from './migrations/index.js';
import { type NamedStatementPool, namedStatementPool } from './pg-statements.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** SQLite only: the connection under Kysely, for bulk inserts through cached prepared statements (imports). */
  sqlite?: SQLite.Database;
  /** PostgreSQL only: the pool that names statements (src/storage/pg-statements.ts). */
  pgStatements?: NamedStatementPool;
  close(): Promise<void>;
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: they take the write lock up
 * front, waiting up to the busy timeout for it. A deferred BEGIN would read
 * first and then try to upgrade to a writer, and when another process (a second
 * server, the CLI on the same file) committed in between, SQLite refuses the
 * upgrade at once with SQLITE_BUSY, whatever the busy timeout: "database is
 * locked" as a 500. In one process Kysely already runs one transaction at a
 * time on its single connection, so this costs nothing there.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * The SQLite connection as Kysely sees it, with prepared statements kept by
 * their SQL. Kysely prepares every query anew; preparing was a tenth of the
 * server's time answering point reads at 100k people. The same few hundred
 * statements come back on every request, so the most recent ones are kept
 * (least recently used out first). A statement still busy (a streamed read
 * not finished) is never handed out twice: its SQL gets a fresh one.
 */
function withStatementCache(db: SQLite.Database, size = 1000): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const stmt = db.prepare(sqlText);
      if (!cached) {
        cache.set(sqlText, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
  };
}

/** SQLite's page cache per connection, in KiB (docs/performance.md, "Server memory"). */
export const SQLITE_CACHE_KIB = 16 * 1024;

/**
 * How many pages the write-ahead log may hold before a commit copies them into the database
 * file (SQLite's default is 1,000). The copy runs inside the commit that crosses the mark, with
 * two file syncs, on the server's only thread. At 5,000 pages (a log of up to ~20 MB) a page
 * that many commits change (the end of the interactions table, the full-text segment, the
 * week's row) is copied once instead of five times and the syncs come a fifth as often:
 * logging through the API ran 11–14 % faster at M, and the longest pause went from 40 to
 * 55–60 ms (docs/performance.md, "Checkpoints every 5,000 pages").
 */
export const SQLITE_WAL_AUTOCHECKPOINT_PAGES = 5000;

/** How long SQLite waits for a lock before failing; the one place it is set. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** PostgreSQL only: the schema to use (created if missing). Tests use one per run. */
  schema?: string;
  /** PostgreSQL only: pool size. */
  poolSize?: number;
  /** SQLite only: the page cache in KiB (default SQLITE_CACHE_KIB). */
  sqliteCacheKib?: number;
  /** Called after every query with its SQL, duration and parameters (benchmarks use it to see where time goes). */
  onQuery?: (sql: string, ms: number, parameters: readonly unknown[]) => void;
}

function queryLog(options: OpenOptions): { log?: (e: LogEvent) => void } {
  const on = options.onQuery;
  return on ? { log: (e: LogEvent) => on(e.query.sql, e.queryDurationMillis, e.query.parameters) } : {};
}

export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(
    `Unsupported database URL "${url.split('@').pop()}": use sqlite:PATH or postgres://USER@HOST:PORT/DB`,
  );
}

/** Whether a Kysely instance (or transaction) talks to PostgreSQL: for the few places that lock rows. */
export function isPostgres(k: Kysely<Database>): boolean {
  return k.getExecutor().adapter instanceof PostgresAdapter;
}

/** Opens SQLite or PostgreSQL from one URL: `sqlite:./data/tend.db`, `sqlite::memory:` or `postgres://...`. */
export async function openDb(url: string, options: OpenOptions = {}): Promise<Db> {
  const dialect = dialectOf(url);
  if (dialect === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma(`wal_autocheckpoint = ${SQLITE_WAL_AUTOCHECKPOINT_PAGES}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // 16 MiB of page cache (the default is 2 MiB): the hot indexes of a 100k-person network
    // stay in memory. It counts in the server's resident memory once warm (32 MiB kept the L
    // server at 156–164 MB after the suite, 16 MiB at 138–151); with exact planner statistics
    // Today, the list, search and the person page cost the same CPU at 16 and 32 MiB at L, and
    // 4 MiB cost a tenth more (docs/performance.md, "SQLite's page cache at 16 MiB"). Pages
    // beyond it are read from the OS's file cache. TEND_SQLITE_CACHE_MB sets it for the server.
    sqlite.pragma(`cache_size = -${Math.round(options.sqliteCacheKib ?? SQLITE_CACHE_KIB)}`);
    const kysely = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [new CamelCasePlugin()],
      ...queryLog(options),
    });
    return {
      kysely,
      dialect,
      sqlite,
      close: () => kysely.destroy(),
    };
  }

  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  }
  // Loaded only for PostgreSQL: a SQLite server starts faster without the driver.
  const { default: pg } = await import('pg');
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists "${schema}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // pg closes a connection idle for 10 s by default. A new backend plans its first queries
    // with cold catalog caches (15 ms instead of 0.5 for a people-list query at L) and loses
    // the statements it prepared, so a server that is quiet between bursts paid that on every
    // burst. Idle connections now stay five minutes; they do not keep a CLI process alive.
    idleTimeoutMillis: 5 * 60_000,
    allowExitOnIdle: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Named statements unless turned off (TEND_PG_PREPARE=off), e.g. to compare.
  const named = process.env.TEND_PG_PREPARE === 'off' ? undefined : namedStatementPool(pool);
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: named ?? pool }),
    plugins: [new CamelCasePlugin()],
    ...queryLog(options),
  });
  return { kysely, dialect, ...(named ? { pgStatements: named } : {}), close: () => kysely.destroy() };
}

/**
 * SQLite's planner statistics, exact and without STAT4. A full ANALYZE writes exact row counts
 * per index prefix (`sqlite_stat1`) and, in this build, samples of index values (`sqlite_stat4`).
 * With samples, a statement whose plan looked at a bound value (nearly every query: each starts
 * with workspace_id) is prepared again every time it runs, so the connection's statement cache
 * saved little (a point join 40–75 µs a call instead of ~7 µs; Today's database time a quarter
 * more). So the samples are deleted and the statistics reloaded (`ANALYZE sqlite_schema`); the
 * queries are written so that their plans do not need them. A bounded ANALYZE (`analysis_limit`)
 * writes no samples either, but its row counts stop at the limit: a workspace of 100k people read
 * as ~1,000, and the planner then walked a workspace's index instead of looking up 300 ids by key
 * (search 2–4× slower at L). Full ANALYZE takes ~8 s at L, so it runs only where statistics are
 * missing or a large table's size moved by half or more since they were taken (analyzePlanner).
 */
export async function analyzeSqliteWithoutSamples(k: Kysely<Database>): Promise<void> {
  await sql`analyze`.execute(k);
  await sql`delete from sqlite_stat4`.execute(k).catch(() => {});
  await sql`analyze sqlite_schema`.execute(k);
}

/** The tables whose size moves the plans that matter; their row counts decide when to analyse again. */
const SIZE_TABLES = ['people', 'interactions', 'search_names', 'search_docs'] as const;

/**
 * Fresh SQLite statistics where they are out of date: when a large table (≥ 1,000 rows) has none,
 * or its rows grew or shrank by half or more since it was analysed, the whole database is analysed
 * again (analyzeSqliteWithoutSamples). Usually nothing. PostgreSQL's autovacuum keeps its own.
 * Run at start and every few hours by the `planner-statistics` job; returns whether it analysed.
 */
export async function analyzePlanner(db: Db, opts: { minRows?: number } = {}): Promise<boolean> {
  if (db.dialect !== 'sqlite') return false;
  const hasStat1 = await sql<{
    n: number;
  }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db.kysely);
  const recorded = new Map<string, number>();
  if (Number(hasStat1.rows[0]?.n ?? 0) > 0) {
    const rows = await sql<{ tbl: string; stat: string }>`select tbl, stat from sqlite_stat1`.execute(db.kysely);
    for (const r of rows.rows)
      recorded.set(r.tbl, Math.max(recorded.get(r.tbl) ?? 0, Number.parseInt(r.stat, 10) || 0));
  }
  let stale = false;
  for (const table of SIZE_TABLES) {
    const now = await sql<{ n: number }>`select count(*) as n from ${sql.id(table)}`.execute(db.kysely);
    const rows = Number(now.rows[0]?.n ?? 0);
    const then = recorded.get(table);
    if (rows < (opts.minRows ?? 1000)) continue;
    if (then === undefined || rows > then * 1.5 || rows < then / 1.5) stale = true;
  }
  if (stale) await analyzeSqliteWithoutSamples(db.kysely);
  return stale;
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Migrations change the schema under the statements they run, so they run unnamed.
  return db.pgStatements ? db.pgStatements.unnamed(() => migrateAll(db)) : migrateAll(db);
}

async function migrateAll(db: Db): Promise<string[]> {
  // Kysely looks for its migration tables in every schema unless told which one: without this a
  // fresh schema is never migrated when another schema of the same database already has them.
  const migrationTableSchema =
    db.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s
      : undefined;
  const migrator = new Migrator({
    db: db.kysely,
    provider: migrationProvider,
    // Branches developed side by side each add a dated migration; a database
    // that ran a later-dated one first must still take the earlier one.
    allowUnorderedMigrations: true,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  // Kysely's migration lock is a no-op on SQLite: two processes starting on one new file would
  // both create the tables. One write transaction around the whole run makes the second wait
  // (up to the busy timeout) and then find everything applied. SQLite takes DDL in a transaction.
  const lock = db.dialect === 'sqlite';
  if (lock) await sql`begin immediate`.execute(db.kysely);
  let outcome: Awaited<ReturnType<typeof migrator.migrateToLatest>>;
  try {
    outcome = await migrator.migrateToLatest();
  } catch (err) {
    if (lock) await sql`rollback`.execute(db.kysely);
    throw err;
  }
  if (lock) await sql.raw(outcome.error ? 'rollback' : 'commit').execute(db.kysely);
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
