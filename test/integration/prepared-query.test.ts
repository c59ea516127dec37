import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Slots, preparedQuery, preparedVariants } from '../../src/storage/prepared-query.js';
import { DIALECTS, type TestDb, openTestDb } from '../support/db.js';

/*
 * Prepared statements (src/storage/prepared-query.ts): a statement written with Kysely is built
 * and compiled once per database, then run with new values in its slots. Each run must see its
 * own values, constants must stay, rows come back camel-cased, and a slot that would end up in
 * the SQL text is refused.
 */

describe.each(DIALECTS)('prepared statements on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await db.kysely.schema
      .createTable('prepared_things')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('owner_name', 'varchar(80)', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .execute();
  });
  afterAll(async () => {
    await db?.close();
  });

  // A table of this test's own, written through the same (camel-casing) Kysely as Tend's.
  // biome-ignore lint/suspicious/noExplicitAny: the test table is not in Tend's schema
  const k = () => db.kysely as any;

  it('runs each call with its own values, built and compiled once per database', async () => {
    let builds = 0;
    const insert = preparedQuery((q, $: Slots<'id' | 'ownerName' | 'size'>) => {
      builds++;
      return (q as ReturnType<typeof k>)
        .insertInto('preparedThings')
        .values({ id: $.id, ownerName: $.ownerName, size: $.size, active: 1 });
    });
    for (let i = 0; i < 5; i++) await insert(db.kysely, { id: `t${i}`, ownerName: `Owner ${i}`, size: i * 10 });
    expect(builds).toBe(1);
    const rows = await k().selectFrom('preparedThings').selectAll().orderBy('id').execute();
    expect(rows).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({ id: `t${i}`, ownerName: `Owner ${i}`, size: i * 10, active: 1 })),
    );
  });

  it('keeps constants, camel-cases rows, and runs inside a transaction', async () => {
    const bySize = preparedQuery((q, $: Slots<'min'>) =>
      (q as ReturnType<typeof k>)
        .selectFrom('preparedThings')
        .select(['id', 'ownerName'])
        .where('size', '>=', $.min)
        .where('active', '=', 1)
        .orderBy('id'),
    );
    expect((await bySize(db.kysely, { min: 30 })).rows).toEqual([
      { id: 't3', ownerName: 'Owner 3' },
      { id: 't4', ownerName: 'Owner 4' },
    ]);
    await k().updateTable('preparedThings').set({ active: 0 }).where('id', '=', 't4').execute();
    const inTrx = await db.kysely.transaction().execute((trx) => bySize(trx, { min: 0 }));
    expect(inTrx.rows.map((r) => (r as { id: string }).id)).toEqual(['t0', 't1', 't2', 't3']);
  });

  it('compiles each variant once, and raw SQL too', async () => {
    let builds = 0;
    const byIds = preparedVariants(String, (q, $: Slots<`id${number}`>, n: number) => {
      builds++;
      return (q as ReturnType<typeof k>)
        .selectFrom('preparedThings')
        .select('id')
        .where(
          'id',
          'in',
          Array.from({ length: n }, (_, i) => $[`id${i}`] as never),
        )
        .orderBy('id');
    });
    expect((await byIds(db.kysely, 1, { id0: 't2' })).rows).toEqual([{ id: 't2' }]);
    expect((await byIds(db.kysely, 2, { id0: 't3', id1: 't0' })).rows).toEqual([{ id: 't0' }, { id: 't3' }]);
    expect((await byIds(db.kysely, 1, { id0: 't1' })).rows).toEqual([{ id: 't1' }]);
    expect(builds).toBe(2);
    const total = preparedQuery(
      (_, $: Slots<'min'>) => sql<{ n: number }>`select count(*) as n from prepared_things where size >= ${$.min}`,
    );
    expect(Number((await total(db.kysely, { min: 20 })).rows[0]?.n)).toBe(3);
    expect(Number((await total(db.kysely, { min: 0 })).rows[0]?.n)).toBe(5);
  });

  it('refuses a slot that would be part of the SQL text', async () => {
    const bad = preparedQuery((q, $: Slots<'size'>) =>
      (q as ReturnType<typeof k>).selectFrom('preparedThings').select('id').where('size', '=', sql.lit($.size)),
    );
    await expect(bad(db.kysely, { size: 10 })).rejects.toThrow(/slot into its SQL text/);
  });
});
