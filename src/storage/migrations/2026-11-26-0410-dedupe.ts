import type { Kysely } from 'kysely';

/*
 * Deduplication: a record of each merge (with what it moved and the merged-away
 * person's rows, so it can be undone) and the pairs a user dismissed as "not a
 * duplicate", stored with the smaller id first.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('person_merges')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('survivor_id', 'text', (c) => c.notNull())
    .addColumn('merged_id', 'text', (c) => c.notNull())
    .addColumn('merged_name', 'text', (c) => c.notNull())
    .addColumn('survivor_name', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addPrimaryKeyConstraint('person_merges_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('person_merges_recent_idx')
    .on('person_merges')
    .columns(['workspace_id', 'undone_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('duplicate_dismissals')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('person_a', 'text', (c) => c.notNull())
    .addColumn('person_b', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_dismissals_pk', ['workspace_id', 'person_a', 'person_b'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('duplicate_dismissals').execute();
  await db.schema.dropTable('person_merges').execute();
}
