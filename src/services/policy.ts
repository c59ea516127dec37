import type { Role, TokenScope } from '../contract/accounts.js';
import { authOf, type Endpoint, scopeOf } from '../contract/endpoints.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../lib/errors.js';
import type { Db } from '../storage/db.js';
import type { UserRow } from '../storage/schema.js';

/*
 * Authorisation in one place. The HTTP layer asks `authorizeEndpoint` before
 * any handler runs (every catalogue route, and CardDAV or feeds to come, are
 * declared with an `auth` level); services ask `requireMember` /
 * `requireOwner` before touching a workspace other than the caller's own.
 *
 * A resource the caller may not see is reported as missing (404), never as
 * forbidden: an id must not reveal that something exists. 403 is kept for
 * "you can see it but not do that" (a member changing roles, a read-only
 * token writing).
 */

export interface Principal {
  /** Null only for the local CLI before any account exists (it then acts in the local workspace). */
  user: UserRow | null;
  /** How the request proved who it is. `local`: the CLI in-process on the local database. */
  via: 'session' | 'token' | 'local';
  scope: TokenScope;
  sessionId: string | null;
  tokenId: string | null;
}

export function authorizeEndpoint(principal: Principal | null, endpoint: Endpoint): void {
  const auth = authOf(endpoint);
  if (auth === 'public') return;
  if (!principal) throw UnauthorizedError();
  if (auth === 'session' && principal.via === 'token') {
    throw ForbiddenError(
      'session_required',
      'Not with an API token',
      'Do this signed in on the web (or with the CLI on the server itself), so a leaked token cannot take the account over.',
    );
  }
  if (scopeOf(endpoint) === 'write' && principal.scope !== 'write') {
    throw ForbiddenError(
      'read_only_token',
      'This token can only read',
      'Create a token with the write scope to make changes.',
    );
  }
}

export function requireInstanceOwner(user: UserRow): void {
  if (user.isOwner !== 1) {
    throw ForbiddenError(
      'owner_only',
      'Only the owner of this server can do that',
      'Ask the owner of this Tend server.',
    );
  }
}

export function policy(db: Db) {
  async function roleIn(user: Pick<UserRow, 'id'>, workspaceId: string): Promise<Role | null> {
    const m = await db.kysely
      .selectFrom('workspaceMembers')
      .select('role')
      .where('workspaceId', '=', workspaceId)
      .where('userId', '=', user.id)
      .executeTakeFirst();
    return (m?.role as Role | undefined) ?? null;
  }

  return {
    roleIn,

    /** The caller's role in a workspace; a workspace they are not in does not exist for them. */
    async requireMember(user: Pick<UserRow, 'id'>, workspaceId: string): Promise<Role> {
      const role = await roleIn(user, workspaceId);
      if (!role) throw NotFoundError('Workspace');
      return role;
    },

    async requireOwner(user: Pick<UserRow, 'id'>, workspaceId: string): Promise<void> {
      const role = await roleIn(user, workspaceId);
      if (!role) throw NotFoundError('Workspace');
      if (role !== 'owner') {
        throw ForbiddenError(
          'workspace_owner_only',
          'Only owners of this workspace can do that',
          'Ask an owner of the workspace to do it, or to make you an owner.',
        );
      }
    },
  };
}

export type Policy = ReturnType<typeof policy>;
