import { type Kysely, sql } from 'kysely';

/*
 * Keep in touch: derived cadence and strength columns on people (indexed so
 * Today and the sorted lists are index range scans), follow-ups with their
 * people, achievements, remembered nudges and a weekly activity rollup.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('people').addColumn('next_due_on', 'text').execute();
  await db.schema.alterTable('people').addColumn('snoozed_until', 'text').execute();
  await db.schema.alterTable('people').addColumn('last_meaningful_at', 'text').execute();
  await db.schema
    .alterTable('people')
    .addColumn('strength', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('people')
    .addColumn('strength_trend', 'text', (c) => c.notNull().defaultTo('steady'))
    .execute();
  // The local date the stored strength was computed for; the daily refresh picks up older rows.
  await db.schema
    .alterTable('people')
    .addColumn('strength_on', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createIndex('people_due_idx')
    .on('people')
    .columns(['workspace_id', 'deleted_at', 'next_due_on', 'id'])
    .execute();
  // Due people of one circle, so Today finds the inner circle's due friends among thousands of overdue loose ties.
  await db.schema
    .createIndex('people_circle_due_idx')
    .on('people')
    .columns(['workspace_id', 'deleted_at', 'circle', 'next_due_on', 'id'])
    .execute();
  await db.schema
    .createIndex('people_strength_idx')
    .on('people')
    .columns(['workspace_id', 'deleted_at', 'strength', 'id'])
    .execute();
  // Cooling ties of one circle, strongest first: Today reads the inner and close circles' few.
  await db.schema
    .createIndex('people_trend_idx')
    .on('people')
    .columns(['workspace_id', 'deleted_at', 'circle', 'strength_trend', 'strength', 'id'])
    .execute();
  await db.schema
    .createIndex('people_strength_on_idx')
    .on('people')
    .columns(['workspace_id', 'strength_on', 'id'])
    .execute();
  // "Due" sorts people without a cadence last on both databases.
  await sql`create index people_due_sort_idx on people (workspace_id, deleted_at, (coalesce(next_due_on, '9999-12-31')), id)`.execute(
    db,
  );

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('snooze_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_interaction_id', 'text')
    .addColumn('done_interaction_id', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_ups_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'follow_ups_source_fk',
      ['workspace_id', 'source_interaction_id'],
      'interactions',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('set null'),
    )
    .execute();
  await db.schema
    .createIndex('follow_ups_due_idx')
    .on('follow_ups')
    .columns(['workspace_id', 'status', 'due_on', 'id'])
    .execute();
  await db.schema
    .createIndex('follow_ups_source_idx')
    .on('follow_ups')
    .columns(['workspace_id', 'source_interaction_id'])
    .execute();

  await db.schema
    .createTable('follow_up_people')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('follow_up_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_up_people_pk', ['workspace_id', 'follow_up_id', 'person_id'])
    .addForeignKeyConstraint(
      'follow_up_people_follow_up_fk',
      ['workspace_id', 'follow_up_id'],
      'follow_ups',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'follow_up_people_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('follow_up_people_person_idx')
    .on('follow_up_people')
    .columns(['workspace_id', 'person_id', 'follow_up_id'])
    .execute();

  await db.schema
    .createTable('achievements')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('congratulated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('achievements_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'achievements_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('achievements_when_idx')
    .on('achievements')
    .columns(['workspace_id', 'occurred_on', 'id'])
    .execute();
  await db.schema
    .createIndex('achievements_person_idx')
    .on('achievements')
    .columns(['workspace_id', 'person_id', 'occurred_on'])
    .execute();

  // A nudge dismissed or acted on, by its occasion key; Today leaves it out.
  await db.schema
    .createTable('nudge_states')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('nudge_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('nudge_states_pk', ['workspace_id', 'nudge_key'])
    .execute();

  // Touches per week in the user's calendar, kept with every interaction change.
  await db.schema
    .createTable('weekly_activity')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('touches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('check_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('weekly_activity_pk', ['workspace_id', 'week_start'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['weekly_activity', 'nudge_states', 'achievements', 'follow_up_people', 'follow_ups']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  for (const i of [
    'people_due_idx',
    'people_circle_due_idx',
    'people_strength_idx',
    'people_trend_idx',
    'people_strength_on_idx',
    'people_due_sort_idx',
  ]) {
    await db.schema.dropIndex(i).ifExists().execute();
  }
  for (const c of ['next_due_on', 'snoozed_until', 'last_meaningful_at', 'strength', 'strength_trend', 'strength_on']) {
    await db.schema.alterTable('people').dropColumn(c).execute();
  }
}
