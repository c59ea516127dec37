import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/*
 * The Kysely view of the database, in camelCase (CamelCasePlugin maps to the
 * snake_case columns). Timestamps are ISO-8601 UTC strings, dates YYYY-MM-DD,
 * booleans 0/1: see the first migration for why.
 */

export interface WorkspacesTable {
  id: string;
  workspaceId: string;
  name: string;
  kind: Generated<string>;
  isLocal: Generated<number>;
  settings: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

export interface OrganisationsTable {
  id: string;
  workspaceId: string;
  name: string;
  sortName: string;
  domain: string | null;
  website: string | null;
  industry: string | null;
  location: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface PeopleTable {
  id: string;
  workspaceId: string;
  fullName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  sortName: string;
  searchText: Generated<string>;
  headline: string | null;
  roleTitle: string | null;
  organisationId: string | null;
  location: string | null;
  timeZone: string | null;
  photoUrl: string | null;
  circle: Generated<string>;
  cadenceDays: number | null;
  notes: Generated<string>;
  metChannel: string | null;
  metPlatform: string | null;
  metOn: string | null;
  metEvent: string | null;
  metContext: string | null;
  introducedById: string | null;
  visibility: Generated<string>;
  lastInteractionAt: string | null;
  interactionCount: Generated<number>;
  nextDueOn: Generated<string | null>;
  snoozedUntil: Generated<string | null>;
  lastMeaningfulAt: Generated<string | null>;
  strength: Generated<number>;
  strengthTrend: Generated<string>;
  strengthOn: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ContactPointsTable {
  id: string;
  workspaceId: string;
  personId: string;
  kind: 'email' | 'phone' | 'link';
  label: string | null;
  value: string;
  normalized: string;
  isPrimary: Generated<number>;
  position: Generated<number>;
}

export interface PersonRolesTable {
  id: string;
  workspaceId: string;
  personId: string;
  title: string | null;
  organisationId: string | null;
  startedOn: string | null;
  endedOn: string | null;
  createdAt: string;
}

export interface LabelTable {
  id: string;
  workspaceId: string;
  name: string;
  normalized: string;
  color: string | null;
  createdAt: string;
}

export interface PersonTagsTable {
  workspaceId: string;
  personId: string;
  tagId: string;
}

export interface PersonTopicsTable {
  workspaceId: string;
  personId: string;
  topicId: string;
}

export interface PersonPurposesTable {
  workspaceId: string;
  personId: string;
  purpose: string;
}

export interface LearningsTable {
  id: string;
  workspaceId: string;
  personId: string;
  category: Generated<string>;
  body: string;
  learnedOn: string | null;
  interactionId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ImportantDatesTable {
  id: string;
  workspaceId: string;
  personId: string;
  kind: string;
  label: string | null;
  month: number;
  day: number;
  year: number | null;
  position: Generated<number>;
}

export interface InteractionsTable {
  id: string;
  workspaceId: string;
  kind: string;
  channel: string;
  platform: string | null;
  occurredAt: string;
  durationMinutes: number | null;
  summary: string;
  notes: Generated<string>;
  /** 'give' | 'ask' | null, with what kind of give or ask. */
  exchange: string | null;
  exchangeKind: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface InteractionParticipantsTable {
  workspaceId: string;
  interactionId: string;
  personId: string;
  occurredAt: string;
}

export interface FollowUpsTable {
  id: string;
  workspaceId: string;
  kind: string;
  title: string;
  notes: Generated<string>;
  dueOn: string;
  status: Generated<string>;
  snoozeCount: Generated<number>;
  sourceInteractionId: string | null;
  doneInteractionId: string | null;
  completedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface FollowUpPeopleTable {
  workspaceId: string;
  followUpId: string;
  personId: string;
}

export interface AchievementsTable {
  id: string;
  workspaceId: string;
  personId: string;
  kind: string;
  title: string;
  occurredOn: string;
  url: string | null;
  notes: Generated<string>;
  congratulatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NudgeStatesTable {
  workspaceId: string;
  nudgeKey: string;
  state: string;
  createdAt: string;
}

export interface AwayPeriodsTable {
  workspaceId: string;
  id: string;
  /** '' for the local CLI before any account. */
  userId: Generated<string>;
  startsOn: string;
  endsOn: string;
  label: string | null;
  createdAt: string;
}

export interface WeeklyActivityTable {
  workspaceId: string;
  weekStart: string;
  touches: number;
  checkIns: number;
}

/**
 * Changes to the weekly counts not yet folded into `weekly_activity` (PostgreSQL's logs append
 * here instead of writing the week's shared row; migration 2026-11-27-1100). Readers add them.
 */
export interface WeeklyActivityDeltasTable {
  workspaceId: string;
  weekStart: string;
  touches: number;
  checkIns: number;
}

/** Live people per workspace, kept by triggers on people (migration 2026-11-26-1000). */
export interface PeopleCountsTable {
  workspaceId: string;
  live: number;
}

export interface ConnectionsTable {
  id: string;
  workspaceId: string;
  lowId: string;
  highId: string;
  fromId: string | null;
  kind: string;
  strength: number;
  source: string;
  sourceId: string | null;
  note: Generated<string>;
  /** Live interactions (of a dozen people or fewer) both took part in. */
  sharedInteractions: Generated<number>;
  /** Events (of forty people met or fewer) where you met both. */
  sharedEvents: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface IntroductionsTable {
  id: string;
  workspaceId: string;
  aPersonId: string;
  bPersonId: string;
  reason: Generated<string>;
  step: string;
  stepAt: string;
  history: Generated<string>;
  outcome: string | null;
  outcomeNote: Generated<string>;
  followUpId: string | null;
  connectionId: string | null;
  interactionId: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface OpportunitiesTable {
  id: string;
  workspaceId: string;
  title: string;
  kind: string;
  stage: string;
  valueAmount: number | null;
  valueCurrency: string | null;
  openedOn: string;
  expectedCloseOn: string | null;
  closedOn: string | null;
  notes: Generated<string>;
  eventId: string | null;
  sourceInteractionId: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface OpportunityPeopleTable {
  workspaceId: string;
  opportunityId: string;
  personId: string;
  role: string;
}

export interface ImportBatchesTable {
  id: string;
  workspaceId: string;
  source: string;
  fileName: string;
  status: string;
  files: Generated<string>;
  mapping: string | null;
  counts: Generated<string>;
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  appliedAt: string | null;
  undoneAt: string | null;
}

export interface ImportChangesTable {
  workspaceId: string;
  batchId: string;
  seq: number;
  entity: string;
  entityId: string;
  action: string;
  previous: string | null;
}

export interface Database {
  workspaces: WorkspacesTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  contactPoints: ContactPointsTable;
  personRoles: PersonRolesTable;
  tags: LabelTable;
  topics: LabelTable;
  personTags: PersonTagsTable;
  personTopics: PersonTopicsTable;
  personPurposes: PersonPurposesTable;
  learnings: LearningsTable;
  importantDates: ImportantDatesTable;
  interactions: InteractionsTable;
  interactionParticipants: InteractionParticipantsTable;
  followUps: FollowUpsTable;
  followUpPeople: FollowUpPeopleTable;
  achievements: AchievementsTable;
  nudgeStates: NudgeStatesTable;
  weeklyActivity: WeeklyActivityTable;
  weeklyActivityDeltas: WeeklyActivityDeltasTable;
  peopleCounts: PeopleCountsTable;
  awayPeriods: AwayPeriodsTable;
  connections: ConnectionsTable;
  introductions: IntroductionsTable;
  opportunities: OpportunitiesTable;
  opportunityPeople: OpportunityPeopleTable;
  events: EventsTable;
  eventPeople: EventPeopleTable;
  resources: ResourcesTable;
  resourceTopics: ResourceTopicsTable;
  resourceShares: ResourceSharesTable;
  importBatches: ImportBatchesTable;
  importChanges: ImportChangesTable;
  users: UsersTable;
  workspaceMembers: WorkspaceMembersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  invitations: InvitationsTable;
  auditEvents: AuditEventsTable;
  scheduledJobs: ScheduledJobsTable;
  calendarFeeds: CalendarFeedsTable;
  webhooks: WebhooksTable;
  webhookDeliveries: WebhookDeliveriesTable;
  digestSettings: DigestSettingsTable;
  digestDeliveries: DigestDeliveriesTable;
  personMerges: PersonMergesTable;
  duplicateDismissals: DuplicateDismissalsTable;
  carddavResources: CarddavResourcesTable;
  strengthSnapshots: StrengthSnapshotsTable;
  searchDocs: SearchDocsTable;
  searchNames: SearchNamesTable;
  searchState: SearchStateTable;
}

/** Each person's strength at the start of a week (the workspace's week, Monday or Sunday). */
export interface StrengthSnapshotsTable {
  workspaceId: string;
  /** YYYY-MM-DD, the first day of the week. */
  week: string;
  personId: string;
  score: number;
}

export interface CarddavResourcesTable {
  workspaceId: string;
  personId: string;
  name: string;
  createdAt: string;
}

/** Instance-wide jobs have workspace_id ''. */
export interface ScheduledJobsTable {
  workspaceId: Generated<string>;
  name: string;
  dueAt: string;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  lastStatus: Generated<string>;
  lastError: string | null;
  attempts: Generated<number>;
  runs: Generated<number>;
  leaseOwner: string | null;
  leaseUntil: string | null;
  updatedAt: string;
}

export interface CalendarFeedsTable {
  workspaceId: string;
  userId: string;
  tokenHash: string;
  prefix: string;
  createdAt: string;
  lastFetchedAt: string | null;
}

export interface WebhooksTable {
  workspaceId: string;
  id: string;
  url: string;
  secret: string;
  /** JSON array of event names. */
  events: string;
  description: Generated<string>;
  active: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDeliveriesTable {
  workspaceId: string;
  id: string;
  webhookId: string;
  event: string;
  eventKey: string;
  payload: string;
  status: Generated<string>;
  attempts: Generated<number>;
  responseCode: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  leaseUntil: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export interface DigestSettingsTable {
  workspaceId: string;
  userId: string;
  frequency: Generated<string>;
  hour: Generated<number>;
  weekday: Generated<number>;
  unsubscribeKey: string;
  updatedAt: string;
}

export interface DigestDeliveriesTable {
  workspaceId: string;
  id: string;
  userId: string;
  periodKey: string;
  recipient: string;
  status: string;
  items: Generated<number>;
  messageId: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** workspace_id of user-level rows is the user's personal workspace. */
export interface UsersTable {
  id: string;
  workspaceId: string;
  email: string;
  displayName: string;
  passwordHash: string;
  isOwner: Generated<number>;
  failedLogins: Generated<number>;
  lockedUntil: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorkspaceMembersTable {
  workspaceId: string;
  userId: string;
  role: string;
  /** 1: colleagues may see whom this member knows (name, role, organisation, strength band; nothing private). */
  shareReach: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  id: string;
  workspaceId: string;
  userId: string;
  tokenHash: string;
  csrfHash: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ApiTokensTable {
  id: string;
  workspaceId: string;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface InvitationsTable {
  id: string;
  workspaceId: string;
  tokenHash: string;
  email: string | null;
  role: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
}

export interface AuditEventsTable {
  id: string;
  workspaceId: string;
  userId: string | null;
  kind: string;
  ip: string | null;
  userAgent: string | null;
  detail: Generated<string>;
  createdAt: string;
}

export interface PersonMergesTable {
  id: string;
  workspaceId: string;
  survivorId: string;
  mergedId: string;
  mergedName: string;
  survivorName: string;
  /** JSON: the merged-away person's rows and the survivor's before-image, for undo. */
  snapshot: string;
  createdBy: string | null;
  createdAt: string;
  undoneAt: string | null;
}

export interface DuplicateDismissalsTable {
  workspaceId: string;
  personA: string;
  personB: string;
  createdAt: string;
}

export type UserRow = Selectable<UsersTable>;

export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type InteractionRow = Selectable<InteractionsTable>;
export type ContactPointRow = Selectable<ContactPointsTable>;
export type FollowUpRow = Selectable<FollowUpsTable>;
export type AchievementRow = Selectable<AchievementsTable>;

export interface EventsTable {
  id: string;
  workspaceId: string;
  name: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  place: string | null;
  url: string | null;
  goals: Generated<string>;
  notes: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type EventRow = Selectable<EventsTable>;

/** A person at an event: planned (you hope to see them) or met; everyone met has a follow-up state. */
export interface EventPeopleTable {
  workspaceId: string;
  eventId: string;
  personId: string;
  role: string;
  context: string | null;
  metAt: string | null;
  followedUpAt: string | null;
  followUpInteractionId: string | null;
  createdAt: string;
}

export interface ResourcesTable {
  id: string;
  workspaceId: string;
  url: string;
  urlKey: string;
  title: string;
  note: Generated<string>;
  kind: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type ResourceRow = Selectable<ResourcesTable>;

export interface ResourceTopicsTable {
  workspaceId: string;
  resourceId: string;
  topicId: string;
}

/** One row per resource and person: the key is what makes "never twice" hold. */
export interface ResourceSharesTable {
  workspaceId: string;
  resourceId: string;
  personId: string;
  interactionId: string | null;
  sharedAt: string;
}

/*
 * The search index (derived; rebuilt by `tend search --reindex`). SQLite adds
 * doc_id (the FTS5 rowid), PostgreSQL a tsvector: both are only touched by
 * src/storage/search/{sqlite,postgres}.ts.
 */
export interface SearchDocsTable {
  workspaceId: string;
  kind: string;
  refId: string;
  personId: string | null;
  title: string;
  subtitle: Generated<string>;
  body: Generated<string>;
  at: string | null;
}

/** Folded words of names ('n') and of other short person/organisation fields ('o'). */
export interface SearchNamesTable {
  workspaceId: string;
  token: string;
  kind: string;
  refId: string;
  field: string;
}

export interface SearchStateTable {
  workspaceId: string;
  builtAt: string;
}
