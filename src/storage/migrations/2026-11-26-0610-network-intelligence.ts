import type { Kysely } from 'kysely';

/*
 * Network intelligence: connections learn how often two people shared an
 * interaction or an event (the co-participation edges of the who-knows-whom
 * graph, kept by the services in the transaction of each change), and team
 * members can opt in to share whom they know with their team.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('connections')
    .addColumn('shared_interactions', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('connections')
    .addColumn('shared_events', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('workspace_members')
    .addColumn('share_reach', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('workspace_members').dropColumn('share_reach').execute();
  await db.schema.alterTable('connections').dropColumn('shared_events').execute();
  await db.schema.alterTable('connections').dropColumn('shared_interactions').execute();
}
