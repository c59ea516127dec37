import type { Kysely } from 'kysely';

/*
 * Imports: one batch per import (its source, files, counts, progress and
 * status) and the changes it made, so a whole batch can be undone: the ids it
 * created and the previous values of the rows it updated.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: the uploaded files ({name, size, kind}; their temporary paths stay on the server), the column mapping.
    .addColumn('files', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('mapping', 'text')
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .addColumn('undone_at', 'text')
    .addPrimaryKeyConstraint('import_batches_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('import_batches_created_idx')
    .on('import_batches')
    .columns(['workspace_id', 'created_at', 'id'])
    .execute();

  // seq orders the changes of a batch; undo walks them backwards.
  await db.schema
    .createTable('import_changes')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('previous', 'text')
    .addPrimaryKeyConstraint('import_changes_pk', ['workspace_id', 'batch_id', 'seq'])
    .addForeignKeyConstraint(
      'import_changes_batch_fk',
      ['workspace_id', 'batch_id'],
      'import_batches',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_changes').ifExists().execute();
  await db.schema.dropTable('import_batches').ifExists().execute();
}
