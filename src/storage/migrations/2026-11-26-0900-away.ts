import type { Kysely } from 'kysely';

/*
 * Away periods: when a user will be away (from/to dates, inclusive, and an
 * optional label). Per workspace and user: in a team workspace each member's
 * plans are their own. `user_id` is '' for the local CLI before any account,
 * as in calendar_feeds. Today reads a user's periods around one day, so the
 * index is led by the workspace and user and ordered by the last day.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('away_periods')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('away_periods_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('away_periods_user_idx')
    .on('away_periods')
    .columns(['workspace_id', 'user_id', 'ends_on'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('away_periods').execute();
}
