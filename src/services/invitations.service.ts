import type { Invitation, InvitationCreated, InvitationPreview, Role } from '../contract/accounts.js';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { matchesHash, randomSecret, sha256 } from '../lib/secrets.js';
import type { UserRow } from '../storage/schema.js';
import type { AuditService, RequestMeta } from './audit.service.js';
import { type ServiceDeps, nowIso } from './context.js';
import { type Policy, requireInstanceOwner } from './policy.js';

const DAY_MS = 24 * 3600_000;

type InvitationRow = {
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
};

function status(r: InvitationRow, now: string): Invitation['status'] {
  if (r.revokedAt) return 'revoked';
  if (r.acceptedAt) return 'accepted';
  if (r.expiresAt <= now) return 'expired';
  return 'pending';
}

function invalidLink() {
  return NotFoundError(
    'Invitation',
    'This invitation link is not valid: it was withdrawn, already used, or has expired. Ask for a new one.',
  );
}

/*
 * Invitations belong to a workspace. From a team workspace they invite to the
 * team (and let a newcomer sign up); from the instance owner's personal
 * workspace they only let someone sign up. The token is shown once and stored
 * hashed; it expires, and works once.
 */
export function invitationsService({ db, clock }: ServiceDeps, audit: AuditService, policy: Policy) {
  const k = db.kysely;

  function present(r: InvitationRow): Invitation {
    return {
      id: r.id,
      workspaceId: r.workspaceId,
      email: r.email,
      role: r.role as Role,
      status: status(r, nowIso(clock)),
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
    };
  }

  async function byToken(token: string) {
    const r = await k.selectFrom('invitations').selectAll().where('tokenHash', '=', sha256(token)).executeTakeFirst();
    return r && matchesHash(token, r.tokenHash) ? r : undefined;
  }

  async function workspaceKind(workspaceId: string) {
    const w = await k
      .selectFrom('workspaces')
      .select(['kind', 'name'])
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return w;
  }

  const service = {
    async create(
      user: UserRow,
      workspaceId: string,
      input: { email?: string | undefined; role: Role; expiresInDays: number },
      meta?: RequestMeta,
    ): Promise<InvitationCreated> {
      await policy.requireOwner(user, workspaceId);
      const ws = await workspaceKind(workspaceId);
      if (ws.kind === 'personal') requireInstanceOwner(user);
      const token = randomSecret();
      const now = clock.now();
      const row: InvitationRow = {
        id: uuidv7(now.getTime()),
        workspaceId,
        tokenHash: sha256(token),
        email: input.email ?? null,
        role: ws.kind === 'personal' ? 'member' : input.role,
        createdBy: user.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      };
      await k.insertInto('invitations').values(row).execute();
      await audit.record(
        {
          workspaceId: user.workspaceId,
          userId: user.id,
          kind: 'invitation_created',
          detail: { invitationId: row.id, workspaceId, email: row.email, role: row.role },
        },
        meta,
      );
      return { ...present(row), token, path: `/invite/${token}` };
    },

    async list(user: UserRow, workspaceId: string): Promise<Invitation[]> {
      await policy.requireOwner(user, workspaceId);
      const rows = await k
        .selectFrom('invitations')
        .selectAll()
        .where('workspaceId', '=', workspaceId)
        .orderBy('createdAt', 'desc')
        .execute();
      return rows.map(present);
    },

    async revoke(user: UserRow, workspaceId: string, id: string, meta?: RequestMeta): Promise<void> {
      await policy.requireOwner(user, workspaceId);
      const r = await k
        .updateTable('invitations')
        .set({ revokedAt: nowIso(clock) })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .where('acceptedAt', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw NotFoundError('Invitation', 'No pending invitation with that id.');
      await audit.record(
        { workspaceId: user.workspaceId, userId: user.id, kind: 'invitation_revoked', detail: { invitationId: id } },
        meta,
      );
    },

    async preview(token: string): Promise<InvitationPreview> {
      const r = await byToken(token);
      if (!r || status(r, nowIso(clock)) !== 'pending') throw invalidLink();
      const ws = await workspaceKind(r.workspaceId);
      const by = await k.selectFrom('users').select('displayName').where('id', '=', r.createdBy).executeTakeFirst();
      return {
        workspaceName: ws.kind === 'team' ? ws.name : 'Tend',
        kind: ws.kind as 'personal' | 'team',
        invitedBy: by?.displayName ?? 'the owner',
        email: r.email,
        role: r.role as Role,
        expiresAt: r.expiresAt,
      };
    },

    /** A pending invitation for this email, or a 404 that does not say which condition failed. */
    async findUsable(token: string, email: string): Promise<InvitationRow> {
      const r = await byToken(token);
      if (!r || status(r, nowIso(clock)) !== 'pending') throw invalidLink();
      if (r.email && r.email !== email.trim().toLowerCase()) {
        throw ConflictError(
          'invitation_email_mismatch',
          'This invitation is for another email',
          'Sign up with the email address the invitation was sent to.',
        );
      }
      return r;
    },

    /** Marks the invitation used, and joins its team if it is one. Returns the team's id, if any. */
    async accept(r: InvitationRow, user: UserRow, meta?: RequestMeta): Promise<string | null> {
      const ws = await workspaceKind(r.workspaceId);
      const now = nowIso(clock);
      if (ws.kind === 'team' && (await policy.roleIn(user, r.workspaceId))) {
        throw ConflictError('already_member', 'You are already in this workspace', 'Open it from your workspaces.');
      }
      const joined = await k.transaction().execute(async (tx) => {
        const u = await tx
          .updateTable('invitations')
          .set({ acceptedAt: now, acceptedBy: user.id })
          .where('workspaceId', '=', r.workspaceId)
          .where('id', '=', r.id)
          .where('acceptedAt', 'is', null)
          .where('revokedAt', 'is', null)
          .executeTakeFirst();
        if (Number(u.numUpdatedRows) === 0) throw invalidLink();
        if (ws.kind !== 'team') return null;
        await tx
          .insertInto('workspaceMembers')
          .values({ workspaceId: r.workspaceId, userId: user.id, role: r.role, createdAt: now, updatedAt: now })
          .execute();
        return r.workspaceId;
      });
      await audit.record(
        {
          workspaceId: user.workspaceId,
          userId: user.id,
          kind: 'invitation_accepted',
          detail: { invitationId: r.id, workspaceId: r.workspaceId, role: r.role },
        },
        meta,
      );
      return joined;
    },
  };
  return service;
}

export type InvitationsService = ReturnType<typeof invitationsService>;
