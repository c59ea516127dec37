import type { Kysely } from 'kysely';

/*
 * Staying in sync: the scheduler's job table, per-user calendar feeds, outgoing
 * webhooks with their delivery log, and email digests with theirs.
 *
 * scheduled_jobs holds instance-wide jobs (strength refresh, webhook delivery,
 * digests, due follow-ups) under workspace_id '' so the key still starts with
 * workspace_id; every job works through the workspaces itself.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('workspace_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_status', 'text', (c) => c.notNull().defaultTo('never'))
    .addColumn('last_error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scheduled_jobs_pk', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_fetched_at', 'text')
    .addPrimaryKeyConstraint('calendar_feeds_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('calendar_feeds_token_idx')
    .on('calendar_feeds')
    .columns(['workspace_id', 'token_hash'])
    .unique()
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhooks_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    // What makes a delivery unique: the event id, or "followup.due:<id>:<date>".
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'webhook_deliveries_webhook_fk',
      ['workspace_id', 'webhook_id'],
      'webhooks',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_event_idx')
    .on('webhook_deliveries')
    .columns(['workspace_id', 'webhook_id', 'event_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['workspace_id', 'status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('digest_settings')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('off'))
    .addColumn('hour', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('weekday', 'integer', (c) => c.notNull().defaultTo(1))
    // Signs the one-click unsubscribe link; replaced when the user subscribes again.
    .addColumn('unsubscribe_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_settings_pk', ['workspace_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('digest_deliveries')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // "daily:2026-11-26" or "weekly:2026-11-23": one digest per user and period, across instances.
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message_id', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('digest_deliveries_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('digest_deliveries_period_idx')
    .on('digest_deliveries')
    .columns(['workspace_id', 'user_id', 'period_key'])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'digest_deliveries',
    'digest_settings',
    'webhook_deliveries',
    'webhooks',
    'calendar_feeds',
    'scheduled_jobs',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
