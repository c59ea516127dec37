import { type Kysely, sql } from 'kysely';

/*
 * Insights: a weekly snapshot of every person's strength (so the spread of
 * strength can be compared with weeks ago), and two indexes that let the
 * insight aggregates read only an index: interactions by time with their
 * channel and kind, and people by the date they joined the network (how-we-met
 * date, else the UTC day they were added).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('strength_snapshots')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    // Week first: the insights read one week of a workspace as a range.
    .addPrimaryKeyConstraint('strength_snapshots_pk', ['workspace_id', 'week', 'person_id'])
    .addForeignKeyConstraint(
      'strength_snapshots_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // The cascade from people needs an index led by the person.
  await db.schema
    .createIndex('strength_snapshots_person_idx')
    .on('strength_snapshots')
    .columns(['workspace_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('interactions_insights_idx')
    .on('interactions')
    .columns(['workspace_id', 'deleted_at', 'occurred_at', 'channel', 'kind'])
    .execute();
  // Must match the expression in src/storage/repos/insights.repo.ts exactly, or SQLite will not use it.
  await sql`create index people_joined_idx on people (workspace_id, deleted_at, (coalesce(met_on, substr(created_at, 1, 10))))`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('people_joined_idx').ifExists().execute();
  await db.schema.dropIndex('interactions_insights_idx').ifExists().execute();
  await db.schema.dropTable('strength_snapshots').execute();
}
