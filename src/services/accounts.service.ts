import type { Selectable } from 'kysely';
import type { Me, SignedIn, User } from '../contract/accounts.js';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { matchesHash, randomSecret, sha256 } from '../lib/secrets.js';
import type { SessionsTable, UserRow } from '../storage/schema.js';
import { type AuditService, NO_META, type RequestMeta } from './audit.service.js';
import { preparedQuery, type Slots } from '../storage/prepared-query.js';
import { type ServiceDeps, nowIso } from './context.js';
import { joinedUserColumns, splitJoinedUser } from './joined-user.js';
import { burnPasswordTime, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import type { InvitationsService } from './invitations.service.js';

export interface AuthSettings {
  signup: 'open' | 'invite';
  /** A session unused for this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, used or not. */
  sessionMaxMs: number;
  /** Consecutive failed sign-ins that lock an account... */
  maxFailedLogins: number;
  /** ...for this long. */
  lockoutMs: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  signup: 'invite',
  sessionIdleMs: 14 * 24 * 3600_000,
  sessionMaxMs: 30 * 24 * 3600_000,
  maxFailedLogins: 5,
  lockoutMs: 15 * 60_000,
};

/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  csrfToken: string;
  id: string;
}

export interface SessionLookup {
  session: Selectable<SessionsTable>;
  user: UserRow;
}

export interface AuthenticatedSession {
  sessionId: string;
  user: UserRow;
}

export function toMe(u: UserRow): Me {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    isOwner: u.isOwner === 1,
    workspaceId: u.workspaceId,
    createdAt: u.createdAt,
    passwordChangedAt: u.passwordChangedAt,
  };
}

function displayNameOf(email: string, given?: string) {
  return given?.trim() || email.split('@')[0] || email;
}

/** A session by the hash of its cookie's secret, with its user: read on every request that changes data. */
const sessionWithUser = preparedQuery((k, $: Slots<'hash'>) =>
  k
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .selectAll('sessions')
    .select(joinedUserColumns)
    .where('sessions.tokenHash', '=', $.hash),
);

export function accountsService(
  deps: ServiceDeps,
  settings: AuthSettings,
  audit: AuditService,
  invitations: InvitationsService,
) {
  const { db, clock } = deps;
  const k = db.kysely;

  async function userById(id: string) {
    return k.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function userByEmail(email: string) {
    return k.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  }

  async function countUsers(): Promise<number> {
    const r = await k
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  function checkPassword(password: string, email: string, path = 'body.password') {
    const problems = passwordProblems(password, email).map((p) => ({ ...p, path }));
    if (problems.length) throw ValidationError(problems);
  }

  interface CreateUserInput {
    email: string;
    password: string;
    displayName?: string | undefined;
    isOwner?: boolean;
  }

  /**
   * Creates a user with their personal workspace. The first user adopts the
   * workspace the server made before accounts existed, so nothing is lost.
   */
  async function createUser(input: CreateUserInput, meta: RequestMeta = NO_META): Promise<UserRow> {
    const email = input.email.trim().toLowerCase();
    checkPassword(input.password, email);
    if (await userByEmail(email)) {
      throw ConflictError(
        'email_taken',
        'That email already has an account',
        `Sign in as ${email}, or use another email.`,
      );
    }
    const passwordHash = await hashPassword(input.password);
    const now = nowIso(clock);
    const id = uuidv7(clock.now().getTime());
    const first = (await countUsers()) === 0;
    const user = await k.transaction().execute(async (tx) => {
      const local = first
        ? await tx.selectFrom('workspaces').select('id').where('isLocal', '=', 1).executeTakeFirst()
        : undefined;
      let workspaceId: string;
      if (local) {
        workspaceId = local.id;
        await tx.updateTable('workspaces').set({ isLocal: 0, updatedAt: now }).where('id', '=', workspaceId).execute();
      } else {
        workspaceId = uuidv7(clock.now().getTime());
        await tx
          .insertInto('workspaces')
          .values({
            id: workspaceId,
            workspaceId,
            name: 'My network',
            kind: 'personal',
            createdAt: now,
            updatedAt: now,
          })
          .execute();
      }
      const row = {
        id,
        workspaceId,
        email,
        displayName: displayNameOf(email, input.displayName),
        passwordHash,
        isOwner: input.isOwner || first ? 1 : 0,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertInto('users').values(row).execute();
      await tx
        .insertInto('workspaceMembers')
        .values({ workspaceId, userId: id, role: 'owner', createdAt: now, updatedAt: now })
        .execute();
      return row satisfies UserRow;
    });
    await audit.record(
      { workspaceId: user.workspaceId, userId: user.id, kind: 'user_created', detail: { owner: user.isOwner === 1 } },
      meta,
    );
    return user;
  }

  async function startSession(user: UserRow, meta: RequestMeta): Promise<NewSession> {
    const token = randomSecret();
    const csrfToken = randomSecret();
    const now = clock.now();
    const id = uuidv7(now.getTime());
    await k
      .insertInto('sessions')
      .values({
        id,
        workspaceId: user.workspaceId,
        userId: user.id,
        tokenHash: sha256(token),
        csrfHash: sha256(csrfToken),
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        ip: meta.ip,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + settings.sessionMaxMs).toISOString(),
        revokedAt: null,
      })
      .execute();
    return { token, csrfToken, id };
  }

  async function signedIn(user: UserRow, meta: RequestMeta): Promise<{ result: SignedIn; session: NewSession }> {
    const session = await startSession(user, meta);
    return { result: { user: toMe(user), csrfToken: session.csrfToken }, session };
  }

  async function revokeSessions(user: Pick<UserRow, 'id' | 'workspaceId'>, exceptId?: string) {
    let q = k
      .updateTable('sessions')
      .set({ revokedAt: nowIso(clock) })
      .where('workspaceId', '=', user.workspaceId)
      .where('userId', '=', user.id)
      .where('revokedAt', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  return {
    createUser,
    userById,
    userByEmail,
    countUsers,

    async setup(body: CreateUserInput, meta: RequestMeta) {
      if ((await countUsers()) > 0) {
        throw ConflictError(
          'already_set_up',
          'The owner account already exists',
          'Sign in instead; new accounts need an invitation from the owner.',
        );
      }
      const user = await createUser({ ...body, isOwner: true }, meta);
      return signedIn(user, meta);
    },

    async signup(body: CreateUserInput & { invitation?: string | undefined }, meta: RequestMeta) {
      if ((await countUsers()) === 0) {
        throw ConflictError('setup_required', 'Create the owner account first', 'This server has no accounts yet.');
      }
      const invitation = body.invitation ? await invitations.findUsable(body.invitation, body.email) : undefined;
      if (!invitation && settings.signup !== 'open') {
        throw ForbiddenError(
          'signup_closed',
          'Sign-up is by invitation',
          'Ask the owner of this server for an invitation link, or ask the operator to set TEND_SIGNUP=open.',
        );
      }
      const user = await createUser(body, meta);
      if (invitation) await invitations.accept(invitation, user, meta);
      return signedIn(user, meta);
    },

    async login(email: string, password: string, meta: RequestMeta) {
      const user = await userByEmail(email);
      const now = clock.now();
      if (!user) {
        await burnPasswordTime(password);
        throw UnauthorizedError('invalid_credentials', 'The email or the password is wrong. Check both and try again.');
      }
      if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
        const seconds = Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000);
        await audit.record(
          { workspaceId: user.workspaceId, userId: user.id, kind: 'login_failed', detail: { reason: 'locked' } },
          meta,
        );
        throw RateLimitedError(
          'account_locked',
          'Too many failed sign-ins',
          `This account is locked for ${Math.ceil(seconds / 60)} more minute(s) after repeated wrong passwords. Wait, or ask the operator to reset the password.`,
          seconds,
        );
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        const failures = user.failedLogins + 1;
        const lock = failures >= settings.maxFailedLogins;
        await k
          .updateTable('users')
          .set({
            failedLogins: lock ? 0 : failures,
            lockedUntil: lock ? new Date(now.getTime() + settings.lockoutMs).toISOString() : user.lockedUntil,
            updatedAt: now.toISOString(),
          })
          .where('workspaceId', '=', user.workspaceId)
          .where('id', '=', user.id)
          .execute();
        await audit.record(
          { workspaceId: user.workspaceId, userId: user.id, kind: 'login_failed', detail: { reason: 'password' } },
          meta,
        );
        if (lock)
          await audit.record(
            {
              workspaceId: user.workspaceId,
              userId: user.id,
              kind: 'account_locked',
              detail: { minutes: Math.round(settings.lockoutMs / 60_000) },
            },
            meta,
          );
        throw UnauthorizedError('invalid_credentials', 'The email or the password is wrong. Check both and try again.');
      }
      if (user.failedLogins > 0 || user.lockedUntil) {
        await k
          .updateTable('users')
          .set({ failedLogins: 0, lockedUntil: null })
          .where('workspaceId', '=', user.workspaceId)
          .where('id', '=', user.id)
          .execute();
      }
      await audit.record({ workspaceId: user.workspaceId, userId: user.id, kind: 'login' }, meta);
      return signedIn(user, meta);
    },

    /**
     * The stored session and its user, as read: no check of revocation or expiry
     * and no write, so the HTTP layer may keep it while the database is unchanged
     * (src/http/auth.ts) and run `admitSession` on every request.
     */
    async lookupSession(token: string): Promise<SessionLookup | null> {
      const hash = sha256(token);
      const [s] = (await sessionWithUser(k, { hash })).rows;
      if (!s || !matchesHash(token, s.tokenHash)) return null;
      const { own, user } = splitJoinedUser<Selectable<SessionsTable>>(s);
      return { session: own, user };
    },

    /** A looked-up session as of now: null when revoked, expired or idle too long; notes its use at most once a minute. */
    async admitSession(found: SessionLookup): Promise<AuthenticatedSession | null> {
      const s = found.session;
      if (s.revokedAt) return null;
      const now = clock.now();
      if (s.expiresAt <= now.toISOString()) return null;
      if (Date.parse(s.lastSeenAt) + settings.sessionIdleMs <= now.getTime()) return null;
      if (now.getTime() - Date.parse(s.lastSeenAt) > TOUCH_EVERY_MS) {
        await k
          .updateTable('sessions')
          .set({ lastSeenAt: now.toISOString() })
          .where('workspaceId', '=', s.workspaceId)
          .where('id', '=', s.id)
          .execute();
      }
      return { sessionId: s.id, user: found.user };
    },

    /** Whether the CSRF token sent with a request belongs to its session. */
    async checkCsrf(sessionId: string, workspaceId: string, presented: string | undefined): Promise<boolean> {
      if (!presented) return false;
      const s = await k
        .selectFrom('sessions')
        .select('csrfHash')
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', sessionId)
        .executeTakeFirst();
      return !!s && matchesHash(presented, s.csrfHash);
    },

    async logout(user: UserRow, sessionId: string, meta: RequestMeta) {
      await k
        .updateTable('sessions')
        .set({ revokedAt: nowIso(clock) })
        .where('workspaceId', '=', user.workspaceId)
        .where('id', '=', sessionId)
        .execute();
      await audit.record({ workspaceId: user.workspaceId, userId: user.id, kind: 'logout' }, meta);
    },

    async listSessions(user: UserRow, currentId: string | null) {
      const rows = await k
        .selectFrom('sessions')
        .selectAll()
        .where('workspaceId', '=', user.workspaceId)
        .where('userId', '=', user.id)
        .where('revokedAt', 'is', null)
        .where('expiresAt', '>', nowIso(clock))
        .orderBy('lastSeenAt', 'desc')
        .execute();
      const idleCutoff = clock.now().getTime() - settings.sessionIdleMs;
      return rows
        .filter((r) => Date.parse(r.lastSeenAt) > idleCutoff)
        .map((r) => ({
          id: r.id,
          current: r.id === currentId,
          userAgent: r.userAgent,
          ip: r.ip,
          createdAt: r.createdAt,
          lastSeenAt: r.lastSeenAt,
          expiresAt: r.expiresAt,
        }));
    },

    async revokeSession(user: UserRow, id: string, meta: RequestMeta) {
      const r = await k
        .updateTable('sessions')
        .set({ revokedAt: nowIso(clock) })
        .where('workspaceId', '=', user.workspaceId)
        .where('userId', '=', user.id)
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw NotFoundError('Session');
      await audit.record(
        { workspaceId: user.workspaceId, userId: user.id, kind: 'session_revoked', detail: { sessionId: id } },
        meta,
      );
    },

    async revokeAllSessions(user: UserRow, meta: RequestMeta) {
      await revokeSessions(user);
      await audit.record({ workspaceId: user.workspaceId, userId: user.id, kind: 'sessions_revoked_all' }, meta);
    },

    /** Changes the password after checking the current one; other sessions end. */
    async changePassword(
      user: UserRow,
      currentSessionId: string | null,
      current: string,
      next: string,
      meta: RequestMeta,
    ) {
      if (!(await verifyPassword(user.passwordHash, current))) {
        await audit.record(
          {
            workspaceId: user.workspaceId,
            userId: user.id,
            kind: 'login_failed',
            detail: { reason: 'password_change' },
          },
          meta,
        );
        throw new AppError(
          'bad_request',
          'wrong_password',
          'The current password is wrong',
          'Type your current password again.',
        );
      }
      checkPassword(next, user.email, 'body.newPassword');
      if (current === next) {
        throw BadRequestError(
          'same_password',
          'The new password is the same',
          'Choose a password you have not used here.',
        );
      }
      await setPasswordHash(user, await hashPassword(next));
      await revokeSessions(user, currentSessionId ?? undefined);
      await audit.record({ workspaceId: user.workspaceId, userId: user.id, kind: 'password_changed' }, meta);
    },

    /** The operator's reset (CLI, on the database): sets the password, unlocks, ends every session. */
    async resetPassword(email: string, password: string) {
      const user = await userByEmail(email);
      if (!user) throw NotFoundError('User', `No account has the email ${email}. List them with: tend user list`);
      checkPassword(password, user.email);
      await setPasswordHash(user, await hashPassword(password));
      await revokeSessions(user);
      await audit.record({ workspaceId: user.workspaceId, userId: user.id, kind: 'password_reset' });
      return user;
    },

    async listUsers(): Promise<User[]> {
      const rows = await k.selectFrom('users').selectAll().orderBy('createdAt').orderBy('id').execute();
      return rows.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        isOwner: u.isOwner === 1,
        workspaceId: u.workspaceId,
        createdAt: u.createdAt,
        lockedUntil: u.lockedUntil,
      }));
    },

    signupMode: () => settings.signup,

    /** The instance owner, whom the local CLI acts as. */
    async localOwner() {
      return k
        .selectFrom('users')
        .selectAll()
        .where('isOwner', '=', 1)
        .orderBy('createdAt')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
    },
  };

  async function setPasswordHash(user: UserRow, passwordHash: string) {
    const now = nowIso(clock);
    await k
      .updateTable('users')
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now, failedLogins: 0, lockedUntil: null })
      .where('workspaceId', '=', user.workspaceId)
      .where('id', '=', user.id)
      .execute();
  }
}

export type AccountsService = ReturnType<typeof accountsService>;
