import type { Database } from './schema.js';

/*
 * Which tables a workspace backup holds, in the order a restore inserts them
 * (parents before children), and which tables it leaves out and why. A test
 * (test/integration/backup.test.ts) fails when a table of the schema is in
 * neither list: a new table must be placed here, deliberately.
 */

export interface BackedUpTable {
  /** The Kysely (camelCase) table name; the document uses it as the key. */
  name: keyof Database & string;
  /** The SQL table name. */
  sql: string;
  /** Primary key columns after workspace_id (camelCase), for ordered, paged reads. */
  key: string[];
}

export const BACKED_UP_TABLES: readonly BackedUpTable[] = [
  { name: 'organisations', sql: 'organisations', key: ['id'] },
  { name: 'people', sql: 'people', key: ['id'] },
  { name: 'contactPoints', sql: 'contact_points', key: ['id'] },
  { name: 'personRoles', sql: 'person_roles', key: ['id'] },
  { name: 'tags', sql: 'tags', key: ['id'] },
  { name: 'topics', sql: 'topics', key: ['id'] },
  { name: 'personTags', sql: 'person_tags', key: ['personId', 'tagId'] },
  { name: 'personTopics', sql: 'person_topics', key: ['personId', 'topicId'] },
  { name: 'personPurposes', sql: 'person_purposes', key: ['personId', 'purpose'] },
  { name: 'interactions', sql: 'interactions', key: ['id'] },
  { name: 'interactionParticipants', sql: 'interaction_participants', key: ['interactionId', 'personId'] },
  { name: 'learnings', sql: 'learnings', key: ['id'] },
  { name: 'importantDates', sql: 'important_dates', key: ['id'] },
  { name: 'followUps', sql: 'follow_ups', key: ['id'] },
  { name: 'followUpPeople', sql: 'follow_up_people', key: ['followUpId', 'personId'] },
  { name: 'achievements', sql: 'achievements', key: ['id'] },
  { name: 'nudgeStates', sql: 'nudge_states', key: ['nudgeKey'] },
  { name: 'weeklyActivity', sql: 'weekly_activity', key: ['weekStart'] },
  { name: 'events', sql: 'events', key: ['id'] },
  { name: 'eventPeople', sql: 'event_people', key: ['eventId', 'personId'] },
  { name: 'resources', sql: 'resources', key: ['id'] },
  { name: 'resourceTopics', sql: 'resource_topics', key: ['resourceId', 'topicId'] },
  { name: 'resourceShares', sql: 'resource_shares', key: ['resourceId', 'personId'] },
  { name: 'connections', sql: 'connections', key: ['id'] },
  { name: 'introductions', sql: 'introductions', key: ['id'] },
  { name: 'opportunities', sql: 'opportunities', key: ['id'] },
  { name: 'opportunityPeople', sql: 'opportunity_people', key: ['opportunityId', 'personId'] },
  { name: 'personMerges', sql: 'person_merges', key: ['id'] },
  { name: 'duplicateDismissals', sql: 'duplicate_dismissals', key: ['personA', 'personB'] },
  { name: 'strengthSnapshots', sql: 'strength_snapshots', key: ['week', 'personId'] },
];

/** SQL table name → why it is not in a backup. */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  workspaces:
    'written as the document\'s "workspace" section (name and settings); the id and kind belong to the workspace restored into',
  users: 'accounts belong to the instance, not to a workspace, and hold password hashes',
  workspace_members: "membership names accounts of this instance; the restoring user becomes the data's owner",
  sessions: 'sign-in sessions: token and CSRF hashes, secrets',
  api_tokens: 'API tokens: token hashes, secrets',
  invitations: 'invitation links: token hashes, secrets, and e-mail addresses of people who are not members',
  import_batches:
    'import history: its files are temporary files on the server that took them, and a restored workspace starts a fresh history',
  import_changes: 'undo records of those imports; without their batches (and files) they could not be used',
  audit_events: "the instance's security log (IP addresses, user agents); it records what happened here, not the data",
  scheduled_jobs: "the instance's job schedule (last runs, leases), not workspace data",
  calendar_feeds: 'per-user secret feed URLs (token hashes); make a new feed after a restore',
  webhooks: 'outgoing integrations carry their signing secrets; add them again after a restore, with new secrets',
  webhook_deliveries: 'a delivery log of this instance, retried or expired, not data',
  digest_settings: "per-account e-mail preferences (accounts are not in a backup) with each account's unsubscribe key",
  digest_deliveries: 'a log of e-mails this instance sent',
  away_periods: 'per-account plans (accounts are not in a backup): record them again after a restore',
  carddav_resources: 'the names phones gave their cards; after a restore phones sync the address book again',
  weekly_activity_deltas:
    'PostgreSQL: changes to the weekly counts not yet folded into weekly_activity; a backup folds them first',
  people_counts: 'live people per workspace, kept by triggers as the people are restored',
  search_docs: 'the search index, derived from the data: a restore rebuilds it',
  search_names: 'the names index of search, derived from the data: a restore rebuilds it',
  search_state: 'which workspaces have a built search index; a restore rebuilds it',
  search_fts: 'SQLite only: the full-text index of search, derived from the data',
  search_fts_data: 'SQLite only: FTS5 storage of the search index (derived)',
  search_fts_idx: 'SQLite only: FTS5 storage of the search index (derived)',
  search_fts_docsize: 'SQLite only: FTS5 storage of the search index (derived)',
  search_fts_config: 'SQLite only: FTS5 storage of the search index (derived)',
};
