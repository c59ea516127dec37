import type { Kysely } from 'kysely';

/*
 * Events (conferences, meetups, coffee rounds…) and the people planned and met
 * at each, with the follow-up state of everyone met.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    // Equal to starts_on for a one-day event, so "ended recently" is one range.
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('url', 'text')
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('events_starts_idx').on('events').columns(['workspace_id', 'starts_on', 'id']).execute();
  await db.schema.createIndex('events_ends_idx').on('events').columns(['workspace_id', 'ends_on', 'id']).execute();

  await db.schema
    .createTable('event_people')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('context', 'text')
    .addColumn('met_at', 'text')
    .addColumn('followed_up_at', 'text')
    .addColumn('follow_up_interaction_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_people_pk', ['workspace_id', 'event_id', 'person_id'])
    .addForeignKeyConstraint(
      'event_people_event_fk',
      ['workspace_id', 'event_id'],
      'events',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'event_people_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'event_people_interaction_fk',
      ['workspace_id', 'follow_up_interaction_id'],
      'interactions',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('set null'),
    )
    .execute();
  // "Who did I meet at X" from a person's page.
  await db.schema
    .createIndex('event_people_person_idx')
    .on('event_people')
    .columns(['workspace_id', 'person_id', 'event_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('event_people').ifExists().execute();
  await db.schema.dropTable('events').ifExists().execute();
}
