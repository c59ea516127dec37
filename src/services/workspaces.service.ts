import type { Member, Role, Workspace } from '../contract/accounts.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import type { Db } from '../storage/db.js';
import type { UserRow } from '../storage/schema.js';
import type { AuditService, RequestMeta } from './audit.service.js';
import { type ServiceDeps, nowIso } from './context.js';
import type { InvitationsService } from './invitations.service.js';
import type { Policy } from './policy.js';

/**
 * The workspace of a single-user install before any account exists (the local
 * CLI works in it). The first account adopts it as its personal workspace.
 */
export async function ensureLocalWorkspace(db: Db): Promise<string> {
  const existing = await db.kysely.selectFrom('workspaces').select('id').where('isLocal', '=', 1).executeTakeFirst();
  if (existing) return existing.id;
  const id = uuidv7();
  const now = new Date().toISOString();
  await db.kysely
    .insertInto('workspaces')
    .values({ id, workspaceId: id, name: 'My network', kind: 'personal', isLocal: 1, createdAt: now, updatedAt: now })
    .execute();
  return id;
}

export function workspacesService(
  { db, clock }: ServiceDeps,
  audit: AuditService,
  policy: Policy,
  invitations: InvitationsService,
) {
  const k = db.kysely;

  async function memberCount(workspaceId: string) {
    const r = await k
      .selectFrom('workspaceMembers')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('workspaceId', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function getFor(user: UserRow, workspaceId: string): Promise<Workspace> {
    const role = await policy.requireMember(user, workspaceId);
    const w = await k
      .selectFrom('workspaces')
      .selectAll()
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return {
      id: w.id,
      name: w.name,
      kind: w.kind as Workspace['kind'],
      role,
      memberCount: await memberCount(w.id),
      createdAt: w.createdAt,
    };
  }

  async function member(workspaceId: string, userId: string): Promise<Member> {
    const r = await k
      .selectFrom('workspaceMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['m.userId', 'u.email', 'u.displayName', 'm.role', 'm.createdAt'])
      .where('m.workspaceId', '=', workspaceId)
      .where('m.userId', '=', userId)
      .executeTakeFirst();
    if (!r) throw NotFoundError('Member', 'That user is not a member of this workspace.');
    return {
      userId: r.userId,
      email: r.email,
      displayName: r.displayName,
      role: r.role as Role,
      joinedAt: r.createdAt,
    };
  }

  async function ownerCount(workspaceId: string) {
    const r = await k
      .selectFrom('workspaceMembers')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('workspaceId', '=', workspaceId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function requireTeam(workspaceId: string) {
    const w = await k.selectFrom('workspaces').select('kind').where('id', '=', workspaceId).executeTakeFirstOrThrow();
    if (w.kind !== 'team') {
      throw ForbiddenError(
        'personal_workspace',
        'A personal workspace has one member',
        'Create a team workspace to work with others.',
      );
    }
  }

  async function recordFor(
    userId: string,
    input: Omit<Parameters<AuditService['record']>[0], 'workspaceId' | 'userId'>,
    meta?: RequestMeta,
  ) {
    const u = await k.selectFrom('users').select('workspaceId').where('id', '=', userId).executeTakeFirst();
    if (u) await audit.record({ ...input, workspaceId: u.workspaceId, userId }, meta);
  }

  return {
    get: getFor,

    async list(user: UserRow): Promise<Workspace[]> {
      const rows = await k
        .selectFrom('workspaceMembers as m')
        .innerJoin('workspaces as w', (j) =>
          j.onRef('w.workspaceId', '=', 'm.workspaceId').onRef('w.id', '=', 'm.workspaceId'),
        )
        .select(['w.id', 'w.name', 'w.kind', 'w.createdAt', 'm.role'])
        .where('m.userId', '=', user.id)
        .orderBy('w.createdAt')
        .execute();
      const out: Workspace[] = [];
      for (const r of rows) {
        out.push({
          id: r.id,
          name: r.name,
          kind: r.kind as Workspace['kind'],
          role: r.role as Role,
          memberCount: await memberCount(r.id),
          createdAt: r.createdAt,
        });
      }
      // The personal workspace first, then teams by age.
      return out.sort((a, b) => (a.id === user.workspaceId ? -1 : b.id === user.workspaceId ? 1 : 0));
    },

    async createTeam(user: UserRow, name: string, meta?: RequestMeta): Promise<Workspace> {
      const now = nowIso(clock);
      const id = uuidv7(clock.now().getTime());
      await k.transaction().execute(async (tx) => {
        await tx
          .insertInto('workspaces')
          .values({ id, workspaceId: id, name, kind: 'team', createdAt: now, updatedAt: now })
          .execute();
        await tx
          .insertInto('workspaceMembers')
          .values({ workspaceId: id, userId: user.id, role: 'owner', createdAt: now, updatedAt: now })
          .execute();
      });
      await audit.record(
        {
          workspaceId: user.workspaceId,
          userId: user.id,
          kind: 'workspace_created',
          detail: { workspaceId: id, name },
        },
        meta,
      );
      return getFor(user, id);
    },

    async listMembers(user: UserRow, workspaceId: string): Promise<Member[]> {
      await policy.requireMember(user, workspaceId);
      const rows = await k
        .selectFrom('workspaceMembers as m')
        .innerJoin('users as u', 'u.id', 'm.userId')
        .select(['m.userId', 'u.email', 'u.displayName', 'm.role', 'm.createdAt'])
        .where('m.workspaceId', '=', workspaceId)
        .orderBy('m.createdAt')
        .execute();
      return rows.map((r) => ({
        userId: r.userId,
        email: r.email,
        displayName: r.displayName,
        role: r.role as Role,
        joinedAt: r.createdAt,
      }));
    },

    async updateMember(user: UserRow, workspaceId: string, userId: string, role: Role, meta?: RequestMeta) {
      await policy.requireOwner(user, workspaceId);
      await requireTeam(workspaceId);
      const current = await member(workspaceId, userId);
      if (current.role === role) return current;
      if (current.role === 'owner' && (await ownerCount(workspaceId)) <= 1) {
        throw ConflictError('last_owner', 'A workspace needs an owner', 'Make someone else an owner first.');
      }
      await k
        .updateTable('workspaceMembers')
        .set({ role, updatedAt: nowIso(clock) })
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .execute();
      const detail = { workspaceId, userId, from: current.role, to: role, by: user.id };
      await audit.record({ workspaceId: user.workspaceId, userId: user.id, kind: 'role_changed', detail }, meta);
      if (userId !== user.id) await recordFor(userId, { kind: 'role_changed', detail }, meta);
      return { ...current, role };
    },

    async removeMember(user: UserRow, workspaceId: string, userId: string, meta?: RequestMeta) {
      if (userId === user.id) await policy.requireMember(user, workspaceId);
      else await policy.requireOwner(user, workspaceId);
      await requireTeam(workspaceId);
      const current = await member(workspaceId, userId);
      if (current.role === 'owner' && (await ownerCount(workspaceId)) <= 1) {
        throw ConflictError('last_owner', 'A workspace needs an owner', 'Make someone else an owner first.');
      }
      await k
        .deleteFrom('workspaceMembers')
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .execute();
      const detail = { workspaceId, userId, by: user.id };
      await audit.record({ workspaceId: user.workspaceId, userId: user.id, kind: 'member_removed', detail }, meta);
      if (userId !== user.id) await recordFor(userId, { kind: 'member_removed', detail }, meta);
    },

    async acceptInvitation(user: UserRow, token: string, meta?: RequestMeta): Promise<Workspace> {
      const invitation = await invitations.findUsable(token, user.email);
      const ws = await k
        .selectFrom('workspaces')
        .select('kind')
        .where('id', '=', invitation.workspaceId)
        .executeTakeFirstOrThrow();
      if (ws.kind !== 'team') {
        throw ConflictError(
          'already_signed_up',
          'You already have an account',
          'This link invites someone to sign up; you are signed in already. Pass it on to the person it was meant for.',
        );
      }
      await invitations.accept(invitation, user, meta);
      return getFor(user, invitation.workspaceId);
    },
  };
}

export type WorkspacesService = ReturnType<typeof workspacesService>;
