import { z } from 'zod';
import { Id, Timestamp, text } from './common.js';

/* Accounts, sessions, API tokens, workspaces, invitations and the security log. */

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: 'must be at most 254 characters' })
  .email({ message: 'must be an email address like ana@example.com' });

/** Checked for strength by the server (length, common passwords), not here, so the message can explain. */
export const Password = z.string().max(1024, { message: 'must be at most 1024 characters' });

export const Me = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  isOwner: z.boolean().describe('The instance owner: may invite people to sign up and manage users.'),
  workspaceId: Id.describe('The personal workspace, where your network lives.'),
  createdAt: Timestamp,
  passwordChangedAt: Timestamp,
});
export type Me = z.infer<typeof Me>;

export const AuthStatus = z.object({
  setupRequired: z.boolean().describe('No account exists yet: the first visitor creates the owner account.'),
  signup: z.enum(['open', 'invite']),
  user: Me.nullable(),
  csrfToken: z.string().nullable().describe('Send as the x-csrf-token header on changes made with the session cookie.'),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const SetupBody = z.strictObject({
  email: Email,
  password: Password,
  displayName: text(120).optional(),
});

export const SignupBody = z.strictObject({
  email: Email,
  password: Password,
  displayName: text(120).optional(),
  invitation: z
    .string()
    .max(200)
    .optional()
    .describe('The token of an invitation link; needed unless sign-up is open.'),
});

export const LoginBody = z.strictObject({
  email: Email,
  password: Password,
});

export const SignedIn = z.object({ user: Me, csrfToken: z.string() });
export type SignedIn = z.infer<typeof SignedIn>;

export const PasswordChange = z.strictObject({
  currentPassword: Password,
  newPassword: Password,
});

export const Session = z.object({
  id: Id,
  current: z.boolean(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

export const TokenScope = z.enum(['read', 'write']);
export type TokenScope = z.infer<typeof TokenScope>;

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to recognise it.'),
  scope: TokenScope,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreate = z.strictObject({
  name: text(100, 1),
  scope: TokenScope.default('write'),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional().describe('Omit or null: never expires.'),
});

export const ApiTokenCreated = ApiToken.extend({
  token: z.string().describe('The secret, shown only this once. Send it as Authorization: Bearer <token>.'),
});
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

export const AuditKind = z.enum([
  'user_created',
  'login',
  'login_failed',
  'account_locked',
  'logout',
  'session_revoked',
  'sessions_revoked_all',
  'password_changed',
  'password_reset',
  'token_created',
  'token_revoked',
  'workspace_created',
  'invitation_created',
  'invitation_revoked',
  'invitation_accepted',
  'role_changed',
  'member_removed',
]);
export type AuditKind = z.infer<typeof AuditKind>;

export const AuditEvent = z.object({
  id: Id,
  kind: AuditKind,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const Role = z.enum(['owner', 'member']);
export type Role = z.infer<typeof Role>;

export const Workspace = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['personal', 'team']),
  role: Role,
  memberCount: z.number().int(),
  createdAt: Timestamp,
});
export type Workspace = z.infer<typeof Workspace>;

export const WorkspaceCreate = z.strictObject({ name: text(120, 1) });

export const Member = z.object({
  userId: Id,
  email: z.string(),
  displayName: z.string(),
  role: Role,
  joinedAt: Timestamp,
});
export type Member = z.infer<typeof Member>;

export const MemberParams = z.strictObject({ id: Id, userId: Id });
export const MemberUpdate = z.strictObject({ role: Role });

export const InvitationStatus = z.enum(['pending', 'accepted', 'expired', 'revoked']);

export const Invitation = z.object({
  id: Id,
  workspaceId: Id,
  email: z.string().nullable(),
  role: Role,
  status: InvitationStatus,
  createdAt: Timestamp,
  expiresAt: Timestamp,
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationCreate = z.strictObject({
  email: Email.optional().describe('Only this email may use the invitation; omit for anyone with the link.'),
  role: Role.default('member'),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});

export const InvitationCreated = Invitation.extend({
  token: z.string().describe('Shown only this once.'),
  path: z.string().describe('The link to send, relative to the server: /invite/<token>.'),
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

export const InvitationParams = z.strictObject({ id: Id, invitationId: Id });
export const InvitationTokenParams = z.strictObject({ token: z.string().min(10).max(200) });

export const InvitationPreview = z.object({
  workspaceName: z.string(),
  kind: z.enum(['personal', 'team']).describe('personal: an invitation to sign up; team: to join a team.'),
  invitedBy: z.string(),
  email: z.string().nullable(),
  role: Role,
  expiresAt: Timestamp,
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const User = Me.omit({ passwordChangedAt: true }).extend({ lockedUntil: Timestamp.nullable() });
export type User = z.infer<typeof User>;
