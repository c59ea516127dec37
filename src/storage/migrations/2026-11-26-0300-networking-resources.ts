import type { Kysely } from 'kysely';

/*
 * Resources: a library of articles, talks, papers and tools with topics, and a
 * share log whose key (resource, person) makes sending one twice impossible.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    // The URL without scheme, www., query or trailing slash: the same link saved twice is one resource.
    .addColumn('url_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resources_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('resources_url_key_idx')
    .on('resources')
    .columns(['workspace_id', 'url_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('resources_created_idx')
    .on('resources')
    .columns(['workspace_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('resource_topics')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_topics_pk', ['workspace_id', 'resource_id', 'topic_id'])
    .addForeignKeyConstraint(
      'resource_topics_resource_fk',
      ['workspace_id', 'resource_id'],
      'resources',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'resource_topics_topic_fk',
      ['workspace_id', 'topic_id'],
      'topics',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('resource_topics_topic_idx')
    .on('resource_topics')
    .columns(['workspace_id', 'topic_id', 'resource_id'])
    .execute();

  await db.schema
    .createTable('resource_shares')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text')
    .addColumn('shared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_shares_pk', ['workspace_id', 'resource_id', 'person_id'])
    .addForeignKeyConstraint(
      'resource_shares_resource_fk',
      ['workspace_id', 'resource_id'],
      'resources',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'resource_shares_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'resource_shares_interaction_fk',
      ['workspace_id', 'interaction_id'],
      'interactions',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('set null'),
    )
    .execute();
  // What one person already got (the person page, and excluding them from suggestions).
  await db.schema
    .createIndex('resource_shares_person_idx')
    .on('resource_shares')
    .columns(['workspace_id', 'person_id', 'resource_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['resource_shares', 'resource_topics', 'resources']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
