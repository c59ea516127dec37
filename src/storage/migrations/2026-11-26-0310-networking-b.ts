import type { Kysely } from 'kysely';

/*
 * Networking practices, part B: connections between people (the edges of the
 * later who-knows-whom graph), double-opt-in introductions, and opportunities
 * with the people they came through.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // One row per unordered pair and kind: low_id < high_id always. For the one
  // directed kind (reports_to) from_id says who reports to whom.
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('low_id', 'text', (c) => c.notNull())
    .addColumn('high_id', 'text', (c) => c.notNull())
    .addColumn('from_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('strength', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('source_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('connections_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('connections_pair_kind_uq', ['workspace_id', 'low_id', 'high_id', 'kind'])
    .addForeignKeyConstraint('connections_low_fk', ['workspace_id', 'low_id'], 'people', ['workspace_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'connections_high_fk',
      ['workspace_id', 'high_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('connections_high_idx')
    .on('connections')
    .columns(['workspace_id', 'high_id', 'low_id'])
    .execute();

  /*
   * Links to rows that can be deleted for good (a follow-up, an event, an
   * interaction) carry no foreign key: ON DELETE SET NULL on a composite key
   * would null workspace_id too, which is NOT NULL. The services read such a
   * link as "gone" when its row is missing.
   */
  await db.schema
    .createTable('introductions')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('a_person_id', 'text', (c) => c.notNull())
    .addColumn('b_person_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('step_at', 'text', (c) => c.notNull())
    // [{step, at, note}] in order: the story of the introduction.
    .addColumn('history', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('follow_up_id', 'text')
    .addColumn('connection_id', 'text')
    .addColumn('interaction_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('introductions_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'introductions_a_fk',
      ['workspace_id', 'a_person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'introductions_b_fk',
      ['workspace_id', 'b_person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // Waiting introductions, oldest step first (the "complete an introduction" nudge).
  await db.schema
    .createIndex('introductions_step_idx')
    .on('introductions')
    .columns(['workspace_id', 'step', 'step_at', 'id'])
    .execute();
  await db.schema
    .createIndex('introductions_a_idx')
    .on('introductions')
    .columns(['workspace_id', 'a_person_id'])
    .execute();
  await db.schema
    .createIndex('introductions_b_idx')
    .on('introductions')
    .columns(['workspace_id', 'b_person_id'])
    .execute();

  await db.schema
    .createTable('opportunities')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('value_amount', 'double precision')
    .addColumn('value_currency', 'text')
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('expected_close_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_id', 'text')
    .addColumn('source_interaction_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunities_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('opportunities_stage_idx')
    .on('opportunities')
    .columns(['workspace_id', 'stage', 'updated_at', 'id'])
    .execute();
  // Won recently: the "thank the person it came through" nudge.
  await db.schema
    .createIndex('opportunities_closed_idx')
    .on('opportunities')
    .columns(['workspace_id', 'closed_on', 'id'])
    .execute();

  await db.schema
    .createTable('opportunity_people')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunity_people_pk', ['workspace_id', 'opportunity_id', 'person_id'])
    .addForeignKeyConstraint(
      'opportunity_people_opportunity_fk',
      ['workspace_id', 'opportunity_id'],
      'opportunities',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'opportunity_people_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('opportunity_people_person_idx')
    .on('opportunity_people')
    .columns(['workspace_id', 'person_id', 'opportunity_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['opportunity_people', 'opportunities', 'introductions', 'connections']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
