import type { Services } from '../services/index.js';
import { type GlobalFlags, openLocalDb, redactUrl } from './context.js';
import { CliError } from './errors.js';
import type { Runtime } from './runtime.js';

/**
 * Operator commands (create a user, reset a password, mint a token for a
 * user) act on the configured database directly: they need no server, and
 * are exactly as powerful as access to the database already is.
 */
export async function withLocalServices<T>(
  rt: Runtime,
  flags: GlobalFlags,
  what: string,
  fn: (s: Services, where: string) => Promise<T>,
): Promise<T> {
  const config = rt.config(flags);
  if (flags.server) {
    throw new CliError(
      `${what} works on the database, not through a server — run it where the database is, without --server`,
    );
  }
  const db = await openLocalDb(config.databaseUrl);
  try {
    const { migrateToLatest } = await import('../storage/db.js');
    await migrateToLatest(db);
    const { createServices } = await import('../services/index.js');
    return await fn(createServices(db, undefined, config.security), redactUrl(config.databaseUrl));
  } finally {
    await db.close();
  }
}

/** The password of --password-stdin: stdin without its final newline. */
export async function passwordFromStdin(
  rt: Runtime,
  flag: boolean | undefined,
  prompt = 'Password: ',
): Promise<string> {
  if (flag) {
    const text = (await rt.stdin.read()).replace(/\r?\n$/, '');
    if (!text) throw new CliError('No password on stdin — pipe it in, e.g.: printf %s "$PASSWORD" | tend …');
    return text;
  }
  if (rt.stdin.isTTY) {
    const pw = await rt.stdin.secret(prompt);
    if (!pw) throw new CliError('No password given');
    return pw;
  }
  throw new CliError('Give the password with --password-stdin (it is never accepted as an argument)');
}
