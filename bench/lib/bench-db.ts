/*
 * The benchmark databases, shared by every benchmark: one per size, seed and
 * dialect (bench/.data/tend_bench_<size>_<seed>.db, or the PostgreSQL database
 * tend_bench_<size>_<seed> beside the admin URL), generated once and reused,
 * because size L takes minutes to write. Each benchmark asks for the layers it
 * needs on top of the generated network (who knows whom, the search index), and
 * each layer is added once and then found again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { createServices } from '../../src/services/index.js';
import { analyzeSqliteWithoutSamples, type Db, migrateToLatest, openDb } from '../../src/storage/db.js';
import { upkeepTables } from '../../src/storage/upkeep.js';
import { isBuilt, rebuildWorkspace } from '../../src/storage/search/index.js';
import { generateNetwork, SIZES, type Size } from './dataset.js';
import { generateGraph } from './graph-dataset.js';

export const BENCH_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_BENCH_POSTGRES = process.env.TEND_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_LOGIN = { email: 'bench-owner@example.test', password: 'a long bench password 1' };

export interface BenchDbOptions {
  dialect: 'sqlite' | 'postgres';
  size: Size;
  seed?: number;
  /** Admin URL of PostgreSQL; the benchmark database is created beside it. */
  postgres?: string;
  /** The database name instead of tend_bench_<size>_<seed>. */
  name?: string;
  /** Drop and regenerate. */
  fresh?: boolean;
  log?: (line: string) => void;
}

export interface BenchDb {
  db: Db;
  url: string;
  /** The owner's workspace, holding the generated network. */
  workspaceId: string;
}

/** Opens (creating and migrating) the benchmark database and makes sure the network is in it. */
export async function openBenchDb(o: BenchDbOptions): Promise<BenchDb> {
  const seed = o.seed ?? 42;
  const log = o.log ?? (() => {});
  const name = o.name ?? `tend_bench_${o.size.toLowerCase()}_${seed}`;
  let url: string;
  if (o.dialect === 'sqlite') {
    // TEND_BENCH_DATA: another directory (a private copy, for a branch that migrates the schema).
    const dir = process.env.TEND_BENCH_DATA
      ? path.resolve(process.env.TEND_BENCH_DATA)
      : path.join(BENCH_ROOT, 'bench/.data');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.db`);
    if (o.fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    url = `sqlite:${file}`;
  } else {
    const adminUrl = o.postgres ?? DEFAULT_BENCH_POSTGRES;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      if (o.fresh) await admin.query(`drop database if exists ${name} with (force)`);
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const db = await openDb(url);
  await migrateToLatest(db);
  const { workspaceId } = await benchOwner(db);
  const shape = SIZES[o.size];
  const n = Number((await countOf(db, 'people', workspaceId)).n);
  if (n === 0) {
    log(`generating size ${o.size}: ${shape.people} people, ${shape.interactions} interactions…`);
    const t = Date.now();
    await generateNetwork(db, workspaceId, shape, { seed, log });
    await settle(db);
    log(`generated in ${Math.round((Date.now() - t) / 1000)} s`);
  } else if (n < shape.people) {
    throw new Error(`${name} holds a partial network (${n} people): run again with --fresh`);
  } else {
    log(`reusing ${n} people in ${name}`);
    // What an earlier run's writes left behind (dead rows, pages no longer all-visible, stale
    // statistics), cleared as autovacuum would; this machine's PostgreSQL runs with it off.
    const kept = await upkeepTables(db);
    if (kept.length > 0) log(`autovacuum is off: vacuumed and analysed ${kept.join(', ')}`);
  }
  return { db, url, workspaceId };
}

/**
 * Statistics for the planner after a bulk write, and on PostgreSQL a VACUUM:
 * until the visibility map is set, PostgreSQL cannot answer from an index
 * alone, and a freshly written network made the typo lookup read 10,000 heap
 * pages per letter (25 ms instead of 2). A live server gets this from
 * autovacuum; a benchmark right after generating would measure the lag.
 */
export async function settle(db: Db): Promise<void> {
  // SQLite: statistics as the server keeps them (src/jobs/planner-statistics.ts): exact, no STAT4.
  if (db.dialect === 'postgres') await sql`vacuum analyze`.execute(db.kysely);
  else await analyzeSqliteWithoutSamples(db.kysely);
}

function countOf(db: Db, table: 'people' | 'connections', workspaceId: string) {
  return db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

/** The owner, made on first use (adopting the local workspace), with a fresh token of the scope. */
export async function benchOwner(db: Db, scope: 'read' | 'write' = 'write') {
  const services = createServices(db);
  let user = await db.kysely.selectFrom('users').selectAll().where('isOwner', '=', 1).executeTakeFirst();
  if (!user) user = await services.accounts.createUser({ ...BENCH_LOGIN, isOwner: true });
  const { token } = await services.tokens.create(user, { name: 'bench', scope });
  return { workspaceId: user.workspaceId, userId: user.id, token };
}

/** Adds the who-knows-whom layer (bench/lib/graph-dataset.ts) once. */
export async function ensureGraph(b: BenchDb, log: (line: string) => void = () => {}): Promise<void> {
  if (Number((await countOf(b.db, 'connections', b.workspaceId)).n) > 0) return;
  const t = Date.now();
  const g = await generateGraph(b.db, b.workspaceId, undefined, { log });
  await settle(b.db);
  if (b.db.dialect === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(b.db.kysely);
  log(
    `${g.connections} connections, ${g.groupInteractions} pairs met in group interactions, in ${Math.round((Date.now() - t) / 1000)} s`,
  );
}

/** Builds the search index once (the generator writes rows below the services, so it is not kept). */
export async function ensureSearchIndex(b: BenchDb, log: (line: string) => void = () => {}): Promise<void> {
  if (await isBuilt(b.db.kysely, b.workspaceId)) return;
  const t = Date.now();
  const rows = await b.db.kysely.transaction().execute((trx) => rebuildWorkspace(trx, b.workspaceId));
  await settle(b.db);
  log(`search index built from ${rows} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
