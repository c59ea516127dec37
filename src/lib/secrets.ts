import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * Secrets that travel (session cookies, CSRF tokens, API tokens, invitation
 * links) are 32 random bytes. Only their SHA-256 is stored, so a copy of the
 * database does not let anyone sign in; comparisons run in constant time.
 */

export const TOKEN_PREFIX = 'tend_';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash without leaking where they differ. */
export function matchesHash(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A new API token: `tend_` + 43 url-safe characters; the first 12 characters are shown in lists. */
export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  return { token, prefix: token.slice(0, 12), hash: sha256(token) };
}
