import type { Kysely } from 'kysely';

/*
 * Networking practices (part A): interactions marked as a give or an ask,
 * events with the people planned and met, and a library of resources with a
 * share log that makes sending the same thing twice to one person impossible.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('exchange', 'text').execute();
  await db.schema.alterTable('interactions').addColumn('exchange_kind', 'text').execute();
  // Today's "give before you ask again" reads the recent asks of a workspace as one range.
  await db.schema
    .createIndex('interactions_exchange_idx')
    .on('interactions')
    .columns(['workspace_id', 'exchange', 'occurred_at', 'id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('interactions_exchange_idx').ifExists().execute();
  await db.schema.alterTable('interactions').dropColumn('exchange_kind').execute();
  await db.schema.alterTable('interactions').dropColumn('exchange').execute();
}
