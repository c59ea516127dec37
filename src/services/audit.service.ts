import type { AuditEvent, AuditKind } from '../contract/accounts.js';
import { uuidv7 } from '../lib/ids.js';
import { type ServiceDeps, nowIso } from './context.js';

/** Where a security event came from; recorded with it, never a secret. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export const NO_META: RequestMeta = { ip: null, userAgent: null };

export interface AuditInput {
  /** The personal workspace of the user the event is about. */
  workspaceId: string;
  userId: string | null;
  kind: AuditKind;
  detail?: Record<string, unknown>;
}

/*
 * The security log: one row per event, kept in the personal workspace of the
 * user it concerns, readable by that user. Details never hold a password or a
 * token, only ids, names, prefixes and roles.
 */
export function auditService({ db, clock }: ServiceDeps) {
  return {
    async record(e: AuditInput, meta: RequestMeta = NO_META): Promise<void> {
      await db.kysely
        .insertInto('auditEvents')
        .values({
          id: uuidv7(clock.now().getTime()),
          workspaceId: e.workspaceId,
          userId: e.userId,
          kind: e.kind,
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
          detail: JSON.stringify(e.detail ?? {}),
          createdAt: nowIso(clock),
        })
        .execute();
    },

    async list(workspaceId: string, userId: string, limit: number): Promise<AuditEvent[]> {
      const rows = await db.kysely
        .selectFrom('auditEvents')
        .selectAll()
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as AuditKind,
        ip: r.ip,
        userAgent: r.userAgent,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        createdAt: r.createdAt,
      }));
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
