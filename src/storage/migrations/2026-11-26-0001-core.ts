import { type Kysely, sql } from 'kysely';

/*
 * Portable column types only: ids are UUIDv7 text, timestamps are ISO-8601 UTC
 * text (sortable, identical on both databases), calendar dates are YYYY-MM-DD
 * text, booleans are integers 0/1. Every table carries workspace_id, the privacy
 * boundary and the distribution key, and it leads every index.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

function common(t: ReturnType<AnyDb['schema']['createTable']>) {
  return t
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('personal'))
    .addColumn('is_local', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await common(db.schema.createTable('organisations'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('website', 'text')
    .addColumn('industry', 'text')
    .addColumn('location', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'text')
    .addPrimaryKeyConstraint('organisations_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('organisations_name_idx')
    .on('organisations')
    .columns(['workspace_id', 'sort_name', 'id'])
    .execute();
  // One live organisation per name (the trash may hold an old one of the same name).
  await db.schema
    .createIndex('organisations_live_name_uq')
    .on('organisations')
    .columns(['workspace_id', 'sort_name'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();

  await common(db.schema.createTable('people'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('nickname', 'text')
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('headline', 'text')
    .addColumn('role_title', 'text')
    .addColumn('organisation_id', 'text')
    .addColumn('location', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('photo_url', 'text')
    .addColumn('circle', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('cadence_days', 'integer')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('met_channel', 'text')
    .addColumn('met_platform', 'text')
    .addColumn('met_on', 'text')
    .addColumn('met_event', 'text')
    .addColumn('met_context', 'text')
    .addColumn('introduced_by_id', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
    .addColumn('last_interaction_at', 'text')
    .addColumn('interaction_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'text')
    .addPrimaryKeyConstraint('people_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('people_org_fk', ['workspace_id', 'organisation_id'], 'organisations', [
      'workspace_id',
      'id',
    ])
    .execute();
  // deleted_at follows workspace_id in every list index: "is null" is an equality
  // for both planners, so live-people lists and counts never touch the table.
  for (const [name, cols] of [
    ['people_name_idx', ['workspace_id', 'deleted_at', 'sort_name', 'id']],
    ['people_created_idx', ['workspace_id', 'deleted_at', 'created_at', 'id']],
    ['people_updated_idx', ['workspace_id', 'deleted_at', 'updated_at', 'id']],
    ['people_org_idx', ['workspace_id', 'organisation_id']],
    ['people_circle_idx', ['workspace_id', 'deleted_at', 'circle', 'sort_name', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('people')
      .columns([...cols])
      .execute();
  }
  // "Last contact" sorts never-contacted people as '' on both databases (they
  // disagree on where NULLs go), so the index is on that expression.
  await sql`create index people_last_contact_idx on people (workspace_id, deleted_at, (coalesce(last_interaction_at, '')), id)`.execute(
    db,
  );

  // Emails, phones and links: one table, so dedupe and lookups by value share an index.
  await db.schema
    .createTable('contact_points')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('contact_points_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'contact_points_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('contact_points_person_idx')
    .on('contact_points')
    .columns(['workspace_id', 'person_id', 'position'])
    .execute();
  await db.schema
    .createIndex('contact_points_value_idx')
    .on('contact_points')
    .columns(['workspace_id', 'kind', 'normalized'])
    .execute();

  await db.schema
    .createTable('person_roles')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('organisation_id', 'text')
    .addColumn('started_on', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_roles_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'person_roles_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('person_roles_person_idx')
    .on('person_roles')
    .columns(['workspace_id', 'person_id'])
    .execute();

  for (const table of ['tags', 'topics'] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('normalized', 'text', (c) => c.notNull())
      .addColumn('color', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['workspace_id', 'id'])
      .addUniqueConstraint(`${table}_name_uq`, ['workspace_id', 'normalized'])
      .execute();
  }
  for (const [table, ref, col] of [
    ['person_tags', 'tags', 'tag_id'],
    ['person_topics', 'topics', 'topic_id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn(col, 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['workspace_id', 'person_id', col])
      .addForeignKeyConstraint(
        `${table}_person_fk`,
        ['workspace_id', 'person_id'],
        'people',
        ['workspace_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(`${table}_ref_fk`, ['workspace_id', col], ref, ['workspace_id', 'id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex(`${table}_ref_idx`).on(table).columns(['workspace_id', col, 'person_id']).execute();
  }

  await db.schema
    .createTable('person_purposes')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_purposes_pk', ['workspace_id', 'person_id', 'purpose'])
    .addForeignKeyConstraint(
      'person_purposes_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('person_purposes_ref_idx')
    .on('person_purposes')
    .columns(['workspace_id', 'purpose', 'person_id'])
    .execute();

  await common(db.schema.createTable('learnings'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('learned_on', 'text')
    .addColumn('interaction_id', 'text')
    .addPrimaryKeyConstraint('learnings_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'learnings_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('learnings_person_idx')
    .on('learnings')
    .columns(['workspace_id', 'person_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('important_dates')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('important_dates_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'important_dates_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('important_dates_md_idx')
    .on('important_dates')
    .columns(['workspace_id', 'month', 'day'])
    .execute();
  await db.schema
    .createIndex('important_dates_person_idx')
    .on('important_dates')
    .columns(['workspace_id', 'person_id'])
    .execute();

  await common(db.schema.createTable('interactions'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('platform', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'text')
    .addPrimaryKeyConstraint('interactions_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('interactions_when_idx')
    .on('interactions')
    .columns(['workspace_id', 'deleted_at', 'occurred_at', 'id'])
    .execute();

  await db.schema
    .createTable('interaction_participants')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('interaction_participants_pk', ['workspace_id', 'interaction_id', 'person_id'])
    .addForeignKeyConstraint(
      'interaction_participants_interaction_fk',
      ['workspace_id', 'interaction_id'],
      'interactions',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'interaction_participants_person_fk',
      ['workspace_id', 'person_id'],
      'people',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // The timeline of one person, newest first, without touching interactions.
  await db.schema
    .createIndex('interaction_participants_person_idx')
    .on('interaction_participants')
    .columns(['workspace_id', 'person_id', 'occurred_at', 'interaction_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'interaction_participants',
    'interactions',
    'important_dates',
    'learnings',
    'person_purposes',
    'person_topics',
    'person_tags',
    'topics',
    'tags',
    'person_roles',
    'contact_points',
    'people',
    'organisations',
    'workspaces',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
