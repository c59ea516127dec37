import { hash, verify } from '@node-rs/argon2';
import type { FieldError } from '../lib/errors.js';

/*
 * argon2id with the OWASP 2024 baseline (19 MiB, 2 passes, 1 lane). The
 * parameters are stored in each hash, so raising them later only affects new
 * hashes.
 */
// 2 is Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Verified when no user matches, so a wrong email costs as much time as a wrong password. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-but-long-enough');
  await verifyPassword(await dummyHash, password);
}

const COMMON = new Set(
  [
    'password',
    'password1',
    'password12',
    'password123',
    'password1234',
    '1234567890',
    '12345678910',
    'qwertyuiop',
    'qwerty1234',
    'qwerty12345',
    'iloveyou12',
    'letmein123',
    'welcome123',
    'admin12345',
    'changeme123',
    'abcdefghij',
    'abc1234567',
    '0123456789',
    '1q2w3e4r5t',
    'passw0rd123',
    'trustno1234',
    'football123',
    'baseball123',
    'sunshine123',
    'princess123',
    'dragon1234',
    'monkey1234',
  ].map((s) => s.toLowerCase()),
);

/**
 * The minimum we accept: long enough, not a well-known password, not the
 * email, and not one character or a plain run repeated. Length beats
 * composition rules, so there are none of those.
 */
export function passwordProblems(password: string, email?: string): FieldError[] {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    problems.push(`must have at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a good one`);
  } else if (password.length > MAX_PASSWORD_LENGTH) {
    problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters`);
  } else {
    const lower = password.toLowerCase();
    const local = email?.split('@')[0]?.toLowerCase();
    if (COMMON.has(lower)) problems.push('is one of the most common passwords: choose another');
    else if (new Set(lower).size < 4) problems.push('uses too few different characters: choose a less predictable one');
    else if (email && (lower === email.toLowerCase() || (local && local.length >= 4 && lower.includes(local)))) {
      problems.push('must not contain your email address');
    }
  }
  return problems.map((message) => ({ path: 'body.password', message }));
}
