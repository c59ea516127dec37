import type { Kysely } from 'kysely';

/*
 * CardDAV: the resource name a client chose for a card (a phone PUTs
 * "<its uid>.vcf"), so the card stays at the address the client knows. People
 * Tend created have no row and live at "<person id>.vcf". Changes and
 * deletions for sync-collection come from people.updated_at and the trash
 * (people.deleted_at), so no change log is needed.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('carddav_resources')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('carddav_resources_pk', ['workspace_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('carddav_resources_name_idx')
    .on('carddav_resources')
    .columns(['workspace_id', 'name'])
    .unique()
    .execute();
  await db.schema
    .createIndex('people_carddav_changes_idx')
    .on('people')
    .columns(['workspace_id', 'updated_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('people_carddav_changes_idx').execute();
  await db.schema.dropTable('carddav_resources').execute();
}
