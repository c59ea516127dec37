import type { Selectable } from 'kysely';
import type { ApiToken, ApiTokenCreated, TokenScope } from '../contract/accounts.js';
import { NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { matchesHash, newApiToken, sha256, TOKEN_PREFIX } from '../lib/secrets.js';
import { preparedQuery, type Slots } from '../storage/prepared-query.js';
import type { ApiTokensTable, UserRow } from '../storage/schema.js';
import type { AuditService, RequestMeta } from './audit.service.js';
import { type ServiceDeps, nowIso } from './context.js';
import { joinedUserColumns, splitJoinedUser } from './joined-user.js';

const TOUCH_EVERY_MS = 60_000;
const DAY_MS = 24 * 3600_000;

export interface TokenLookup {
  token: Selectable<ApiTokensTable>;
  user: UserRow;
}

export interface AuthenticatedToken {
  tokenId: string;
  scope: TokenScope;
  user: UserRow;
}

function present(r: {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}): ApiToken {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scope: r.scope as TokenScope,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    expiresAt: r.expiresAt,
  };
}

/** A token by the hash of its secret, with its user: read on every request that changes data. */
const tokenWithUser = preparedQuery((k, $: Slots<'hash'>) =>
  k
    .selectFrom('apiTokens')
    .innerJoin('users', 'users.id', 'apiTokens.userId')
    .selectAll('apiTokens')
    .select(joinedUserColumns)
    .where('apiTokens.tokenHash', '=', $.hash),
);

/** API tokens for scripts and the CLI: stored as SHA-256, shown once, revocable, optionally expiring. */
export function tokensService({ db, clock }: ServiceDeps, audit: AuditService) {
  const k = db.kysely;
  const service = {
    async create(
      user: Pick<UserRow, 'id' | 'workspaceId'>,
      input: { name: string; scope: TokenScope; expiresInDays?: number | null | undefined },
      meta?: RequestMeta,
    ): Promise<ApiTokenCreated> {
      const now = clock.now();
      const { token, prefix, hash } = newApiToken();
      const row = {
        id: uuidv7(now.getTime()),
        workspaceId: user.workspaceId,
        userId: user.id,
        name: input.name,
        prefix,
        tokenHash: hash,
        scope: input.scope,
        createdAt: now.toISOString(),
        lastUsedAt: null,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString() : null,
        revokedAt: null,
      };
      await k.insertInto('apiTokens').values(row).execute();
      await audit.record(
        {
          workspaceId: user.workspaceId,
          userId: user.id,
          kind: 'token_created',
          detail: { tokenId: row.id, name: row.name, prefix, scope: row.scope },
        },
        meta,
      );
      return { ...present(row), token };
    },

    async list(user: Pick<UserRow, 'id' | 'workspaceId'>): Promise<ApiToken[]> {
      const rows = await k
        .selectFrom('apiTokens')
        .selectAll()
        .where('workspaceId', '=', user.workspaceId)
        .where('userId', '=', user.id)
        .where('revokedAt', 'is', null)
        .orderBy('createdAt', 'desc')
        .execute();
      const now = nowIso(clock);
      return rows.filter((r) => !r.expiresAt || r.expiresAt > now).map(present);
    },

    async revoke(user: Pick<UserRow, 'id' | 'workspaceId'>, id: string, meta?: RequestMeta): Promise<void> {
      const row = await k
        .selectFrom('apiTokens')
        .select(['id', 'name', 'prefix'])
        .where('workspaceId', '=', user.workspaceId)
        .where('userId', '=', user.id)
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
      if (!row) throw NotFoundError('API token');
      await k
        .updateTable('apiTokens')
        .set({ revokedAt: nowIso(clock) })
        .where('workspaceId', '=', user.workspaceId)
        .where('id', '=', id)
        .execute();
      await audit.record(
        {
          workspaceId: user.workspaceId,
          userId: user.id,
          kind: 'token_revoked',
          detail: { tokenId: id, name: row.name, prefix: row.prefix },
        },
        meta,
      );
    },

    /**
     * The stored token and its user, as read: no check of revocation or expiry
     * and no write, so the HTTP layer may keep it while the database is unchanged
     * (src/http/auth.ts) and run `admit` on every request.
     */
    async lookup(token: string): Promise<TokenLookup | null> {
      if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
      const [r] = (await tokenWithUser(k, { hash: sha256(token) })).rows;
      if (!r || !matchesHash(token, r.tokenHash)) return null;
      const { own, user } = splitJoinedUser<Selectable<ApiTokensTable>>(r);
      return { token: own, user };
    },

    /** A looked-up token as of now: null when revoked or expired; notes its use at most once a minute. */
    async admit(found: TokenLookup): Promise<AuthenticatedToken | null> {
      const r = found.token;
      if (r.revokedAt) return null;
      const now = clock.now();
      if (r.expiresAt && r.expiresAt <= now.toISOString()) return null;
      if (!r.lastUsedAt || now.getTime() - Date.parse(r.lastUsedAt) > TOUCH_EVERY_MS) {
        await k
          .updateTable('apiTokens')
          .set({ lastUsedAt: now.toISOString() })
          .where('workspaceId', '=', r.workspaceId)
          .where('id', '=', r.id)
          .execute();
      }
      return { tokenId: r.id, scope: r.scope as TokenScope, user: found.user };
    },

    /** The user behind a bearer token, or null when it is unknown, revoked or expired. */
    async authenticate(token: string): Promise<AuthenticatedToken | null> {
      const found = await service.lookup(token);
      return found ? service.admit(found) : null;
    },
  };
  return service;
}

export type TokensService = ReturnType<typeof tokensService>;
