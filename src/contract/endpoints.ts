import { z } from 'zod';
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  AuditEvent,
  AuditQuery,
  AuthStatus,
  Invitation,
  InvitationCreate,
  InvitationCreated,
  InvitationParams,
  InvitationPreview,
  InvitationTokenParams,
  LoginBody,
  Me,
  Member,
  MemberParams,
  MemberUpdate,
  PasswordChange,
  Session,
  SetupBody,
  SignedIn,
  SignupBody,
  User,
  Workspace,
  WorkspaceCreate,
} from './accounts.js';
import { IdParams } from './common.js';
import {
  Interaction,
  InteractionCreate,
  InteractionListQuery,
  InteractionPage,
  InteractionUpdate,
} from './interactions.js';
import { Label, LabelCreate, LabelList, LabelUpdate } from './labels.js';
import {
  Organisation,
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationPage,
  OrganisationUpdate,
} from './organisations.js';
import {
  Learning,
  LearningCreate,
  LearningParams,
  PeopleListQuery,
  PeoplePage,
  Person,
  PersonCreate,
  PersonUpdate,
} from './people.js';

/*
 * The catalogue of the REST API. The server registers its routes from it, the
 * OpenAPI document is generated from it, and the typed client calls through it,
 * so the three cannot drift apart.
 */

/**
 * Who may call an endpoint. `public`: anyone; `user` (the default): a signed-in
 * user, by session cookie or API token; `session`: only with the session cookie
 * (changing the password, so a leaked token cannot take the account over).
 */
export type EndpointAuth = 'public' | 'user' | 'session';

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  auth?: EndpointAuth;
  /** What an API token needs: `read` for GET, `write` otherwise, unless set. */
  scope?: 'read' | 'write';
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status on success. */
  status: 200 | 201 | 204;
  response?: z.ZodType;
}

function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

export function authOf(e: Endpoint): EndpointAuth {
  return e.auth ?? 'user';
}

export function scopeOf(e: Endpoint): 'read' | 'write' {
  return e.scope ?? (e.method === 'GET' ? 'read' : 'write');
}

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  uptimeSeconds: z.number(),
});
export type Health = z.infer<typeof Health>;

const TimelineQuery = InteractionListQuery.omit({ personId: true });

export const endpoints = {
  health: endpoint({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness and database dialect',
    tag: 'system',
    auth: 'public',
    status: 200,
    response: Health,
  }),

  authStatus: endpoint({
    method: 'GET',
    path: '/api/v1/auth/status',
    summary: 'Whether the owner account exists, whether sign-up is open, and who is signed in',
    tag: 'auth',
    auth: 'public',
    status: 200,
    response: AuthStatus,
  }),
  setup: endpoint({
    method: 'POST',
    path: '/api/v1/auth/setup',
    summary: 'Create the owner account (first start only); signs in',
    tag: 'auth',
    auth: 'public',
    body: SetupBody,
    status: 201,
    response: SignedIn,
  }),
  signup: endpoint({
    method: 'POST',
    path: '/api/v1/auth/signup',
    summary: 'Create an account with an invitation (or freely when sign-up is open); signs in',
    tag: 'auth',
    auth: 'public',
    body: SignupBody,
    status: 201,
    response: SignedIn,
  }),
  login: endpoint({
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Sign in with email and password; sets the session cookie',
    tag: 'auth',
    auth: 'public',
    body: LoginBody,
    status: 200,
    response: SignedIn,
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'End this session',
    tag: 'auth',
    scope: 'read',
    status: 204,
  }),
  getInvitation: endpoint({
    method: 'GET',
    path: '/api/v1/invitations/:token',
    summary: 'What an invitation link is for (before signing up or accepting)',
    tag: 'auth',
    auth: 'public',
    params: InvitationTokenParams,
    status: 200,
    response: InvitationPreview,
  }),
  acceptInvitation: endpoint({
    method: 'POST',
    path: '/api/v1/invitations/:token/accept',
    summary: 'Join the team workspace of an invitation as the signed-in user',
    tag: 'auth',
    params: InvitationTokenParams,
    status: 200,
    response: Workspace,
  }),

  getMe: endpoint({
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The signed-in user',
    tag: 'account',
    status: 200,
    response: Me,
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/v1/me/password',
    summary: 'Change your password (signs out your other sessions)',
    tag: 'account',
    auth: 'session',
    body: PasswordChange,
    status: 204,
  }),
  listSessions: endpoint({
    method: 'GET',
    path: '/api/v1/me/sessions',
    summary: 'Your signed-in devices',
    tag: 'account',
    status: 200,
    response: z.object({ items: z.array(Session) }),
  }),
  revokeSession: endpoint({
    method: 'DELETE',
    path: '/api/v1/me/sessions/:id',
    summary: 'Sign one device out',
    tag: 'account',
    params: IdParams,
    status: 204,
  }),
  revokeAllSessions: endpoint({
    method: 'POST',
    path: '/api/v1/me/sessions/revoke-all',
    summary: 'Sign out everywhere, this device included',
    tag: 'account',
    status: 204,
  }),
  listTokens: endpoint({
    method: 'GET',
    path: '/api/v1/me/tokens',
    summary: 'Your API tokens (never the secrets)',
    tag: 'account',
    status: 200,
    response: z.object({ items: z.array(ApiToken) }),
  }),
  createToken: endpoint({
    method: 'POST',
    path: '/api/v1/me/tokens',
    summary: 'Create an API token; the secret is in this response only',
    tag: 'account',
    body: ApiTokenCreate,
    status: 201,
    response: ApiTokenCreated,
  }),
  revokeToken: endpoint({
    method: 'DELETE',
    path: '/api/v1/me/tokens/:id',
    summary: 'Revoke an API token',
    tag: 'account',
    params: IdParams,
    status: 204,
  }),
  listAuditEvents: endpoint({
    method: 'GET',
    path: '/api/v1/me/audit',
    summary: 'Your security log: sign-ins, failed sign-ins, tokens, roles; newest first',
    tag: 'account',
    query: AuditQuery,
    status: 200,
    response: z.object({ items: z.array(AuditEvent) }),
  }),
  listUsers: endpoint({
    method: 'GET',
    path: '/api/v1/users',
    summary: 'Every account on this server (instance owner only)',
    tag: 'account',
    status: 200,
    response: z.object({ items: z.array(User) }),
  }),

  listWorkspaces: endpoint({
    method: 'GET',
    path: '/api/v1/workspaces',
    summary: 'Your personal workspace and the teams you belong to',
    tag: 'workspaces',
    status: 200,
    response: z.object({ items: z.array(Workspace) }),
  }),
  createWorkspace: endpoint({
    method: 'POST',
    path: '/api/v1/workspaces',
    summary: 'Create a team workspace; you become its owner',
    tag: 'workspaces',
    body: WorkspaceCreate,
    status: 201,
    response: Workspace,
  }),
  listMembers: endpoint({
    method: 'GET',
    path: '/api/v1/workspaces/:id/members',
    summary: 'Members of a workspace and their roles',
    tag: 'workspaces',
    params: IdParams,
    status: 200,
    response: z.object({ items: z.array(Member) }),
  }),
  updateMember: endpoint({
    method: 'PATCH',
    path: '/api/v1/workspaces/:id/members/:userId',
    summary: "Change a member's role (owners only)",
    tag: 'workspaces',
    params: MemberParams,
    body: MemberUpdate,
    status: 200,
    response: Member,
  }),
  removeMember: endpoint({
    method: 'DELETE',
    path: '/api/v1/workspaces/:id/members/:userId',
    summary: 'Remove a member (owners), or leave (yourself)',
    tag: 'workspaces',
    params: MemberParams,
    status: 204,
  }),
  listInvitations: endpoint({
    method: 'GET',
    path: '/api/v1/workspaces/:id/invitations',
    summary: 'Invitations of a workspace (owners only)',
    tag: 'workspaces',
    params: IdParams,
    status: 200,
    response: z.object({ items: z.array(Invitation) }),
  }),
  createInvitation: endpoint({
    method: 'POST',
    path: '/api/v1/workspaces/:id/invitations',
    summary: 'Invite someone: to a team, or (from your personal workspace, instance owner) to sign up',
    tag: 'workspaces',
    params: IdParams,
    body: InvitationCreate,
    status: 201,
    response: InvitationCreated,
  }),
  revokeInvitation: endpoint({
    method: 'DELETE',
    path: '/api/v1/workspaces/:id/invitations/:invitationId',
    summary: 'Withdraw an invitation',
    tag: 'workspaces',
    params: InvitationParams,
    status: 204,
  }),

  listPeople: endpoint({
    method: 'GET',
    path: '/api/v1/people',
    summary: 'List people with filters, sort and cursor pagination',
    tag: 'people',
    query: PeopleListQuery,
    status: 200,
    response: PeoplePage,
  }),
  createPerson: endpoint({
    method: 'POST',
    path: '/api/v1/people',
    summary: 'Add a person',
    tag: 'people',
    body: PersonCreate,
    status: 201,
    response: Person,
  }),
  getPerson: endpoint({
    method: 'GET',
    path: '/api/v1/people/:id',
    summary: 'One person with everything known about them',
    tag: 'people',
    params: IdParams,
    status: 200,
    response: Person,
  }),
  updatePerson: endpoint({
    method: 'PATCH',
    path: '/api/v1/people/:id',
    summary: 'Change a person (send the version you read, or If-Match)',
    tag: 'people',
    params: IdParams,
    body: PersonUpdate,
    status: 200,
    response: Person,
  }),
  deletePerson: endpoint({
    method: 'DELETE',
    path: '/api/v1/people/:id',
    summary: 'Move a person to the trash',
    tag: 'people',
    params: IdParams,
    status: 204,
  }),
  restorePerson: endpoint({
    method: 'POST',
    path: '/api/v1/people/:id/restore',
    summary: 'Bring a person back from the trash',
    tag: 'people',
    params: IdParams,
    status: 200,
    response: Person,
  }),
  listPersonInteractions: endpoint({
    method: 'GET',
    path: '/api/v1/people/:id/interactions',
    summary: "A person's timeline, newest first",
    tag: 'people',
    params: IdParams,
    query: TimelineQuery,
    status: 200,
    response: InteractionPage,
  }),
  listLearnings: endpoint({
    method: 'GET',
    path: '/api/v1/people/:id/learnings',
    summary: 'Things learned about a person, newest first',
    tag: 'people',
    params: IdParams,
    status: 200,
    response: z.object({ items: z.array(Learning) }),
  }),
  createLearning: endpoint({
    method: 'POST',
    path: '/api/v1/people/:id/learnings',
    summary: 'Remember something learned about a person',
    tag: 'people',
    params: IdParams,
    body: LearningCreate,
    status: 201,
    response: Learning,
  }),
  deleteLearning: endpoint({
    method: 'DELETE',
    path: '/api/v1/people/:id/learnings/:learningId',
    summary: 'Forget something learned',
    tag: 'people',
    params: LearningParams,
    status: 204,
  }),

  listOrganisations: endpoint({
    method: 'GET',
    path: '/api/v1/organisations',
    summary: 'List organisations by name',
    tag: 'organisations',
    query: OrganisationListQuery,
    status: 200,
    response: OrganisationPage,
  }),
  createOrganisation: endpoint({
    method: 'POST',
    path: '/api/v1/organisations',
    summary: 'Add an organisation',
    tag: 'organisations',
    body: OrganisationCreate,
    status: 201,
    response: Organisation,
  }),
  getOrganisation: endpoint({
    method: 'GET',
    path: '/api/v1/organisations/:id',
    summary: 'One organisation',
    tag: 'organisations',
    params: IdParams,
    status: 200,
    response: Organisation,
  }),
  updateOrganisation: endpoint({
    method: 'PATCH',
    path: '/api/v1/organisations/:id',
    summary: 'Change an organisation',
    tag: 'organisations',
    params: IdParams,
    body: OrganisationUpdate,
    status: 200,
    response: Organisation,
  }),
  deleteOrganisation: endpoint({
    method: 'DELETE',
    path: '/api/v1/organisations/:id',
    summary: 'Move an organisation to the trash',
    tag: 'organisations',
    params: IdParams,
    status: 204,
  }),
  restoreOrganisation: endpoint({
    method: 'POST',
    path: '/api/v1/organisations/:id/restore',
    summary: 'Bring an organisation back from the trash',
    tag: 'organisations',
    params: IdParams,
    status: 200,
    response: Organisation,
  }),

  listTags: endpoint({
    method: 'GET',
    path: '/api/v1/tags',
    summary: 'All tags with how many people carry each',
    tag: 'tags',
    status: 200,
    response: LabelList,
  }),
  createTag: endpoint({
    method: 'POST',
    path: '/api/v1/tags',
    summary: 'Create a tag',
    tag: 'tags',
    body: LabelCreate,
    status: 201,
    response: Label,
  }),
  updateTag: endpoint({
    method: 'PATCH',
    path: '/api/v1/tags/:id',
    summary: 'Rename or recolour a tag',
    tag: 'tags',
    params: IdParams,
    body: LabelUpdate,
    status: 200,
    response: Label,
  }),
  deleteTag: endpoint({
    method: 'DELETE',
    path: '/api/v1/tags/:id',
    summary: 'Delete a tag and take it off everyone',
    tag: 'tags',
    params: IdParams,
    status: 204,
  }),
  listTopics: endpoint({
    method: 'GET',
    path: '/api/v1/topics',
    summary: 'Topics of interest with how many people share each',
    tag: 'tags',
    status: 200,
    response: LabelList,
  }),

  listInteractions: endpoint({
    method: 'GET',
    path: '/api/v1/interactions',
    summary: 'Interactions, newest first',
    tag: 'interactions',
    query: InteractionListQuery,
    status: 200,
    response: InteractionPage,
  }),
  createInteraction: endpoint({
    method: 'POST',
    path: '/api/v1/interactions',
    summary: 'Log an interaction with one or more people',
    tag: 'interactions',
    body: InteractionCreate,
    status: 201,
    response: Interaction,
  }),
  getInteraction: endpoint({
    method: 'GET',
    path: '/api/v1/interactions/:id',
    summary: 'One interaction',
    tag: 'interactions',
    params: IdParams,
    status: 200,
    response: Interaction,
  }),
  updateInteraction: endpoint({
    method: 'PATCH',
    path: '/api/v1/interactions/:id',
    summary: 'Change an interaction',
    tag: 'interactions',
    params: IdParams,
    body: InteractionUpdate,
    status: 200,
    response: Interaction,
  }),
  deleteInteraction: endpoint({
    method: 'DELETE',
    path: '/api/v1/interactions/:id',
    summary: 'Move an interaction to the trash',
    tag: 'interactions',
    params: IdParams,
    status: 204,
  }),
  restoreInteraction: endpoint({
    method: 'POST',
    path: '/api/v1/interactions/:id/restore',
    summary: 'Bring an interaction back from the trash',
    tag: 'interactions',
    params: IdParams,
    status: 200,
    response: Interaction,
  }),
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
