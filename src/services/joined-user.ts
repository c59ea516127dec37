import { sql } from 'kysely';
import type { UserRow } from '../storage/schema.js';

/*
 * A credential (an API token, a session) read with its user in one statement. Authentication
 * reads them on every request the token cache cannot answer — every request that changes data
 * (src/http/auth.ts) — and on PostgreSQL a second statement is a second round trip.
 */

const USER_COLUMNS = [
  'id',
  'workspaceId',
  'email',
  'displayName',
  'passwordHash',
  'isOwner',
  'failedLogins',
  'lockedUntil',
  'passwordChangedAt',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof UserRow)[];

// Does not compile once `users` has a column the list above lacks.
const complete: [Exclude<keyof UserRow, (typeof USER_COLUMNS)[number]>] extends [never] ? true : never = true;
void complete;

/** The user's columns under names no credential table uses ("joinedUserId", …). */
const alias = (c: string) => `joinedUser${c.charAt(0).toUpperCase()}${c.slice(1)}`;

/** For `.select(...)` on a query joined to `users`. */
export const joinedUserColumns = USER_COLUMNS.map((c) => sql.ref(`users.${c}`).as(alias(c)));

/** Splits a row read with `joinedUserColumns` into the credential's own columns and its user. */
export function splitJoinedUser<T>(row: object): { own: T; user: UserRow } {
  const own: Record<string, unknown> = { ...row };
  const user: Record<string, unknown> = {};
  for (const c of USER_COLUMNS) {
    user[c] = own[alias(c)];
    delete own[alias(c)];
  }
  return { own: own as T, user: user as UserRow };
}
