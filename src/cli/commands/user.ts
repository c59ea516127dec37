import type { Command } from 'commander';
import type { User } from '../../contract/accounts.js';
import { AppError } from '../../lib/errors.js';
import type { GlobalFlags } from '../context.js';
import { CliError } from '../errors.js';
import { relativeTime, table } from '../format.js';
import { passwordFromStdin, withLocalServices } from '../local-services.js';
import type { Runtime } from '../runtime.js';

function explainAppError(err: unknown): never {
  if (err instanceof AppError) {
    const fields = err.errors?.map((e) => `${e.path.replace(/^body\./, '--')}: ${e.message}`).join('; ');
    throw new CliError(fields ? `${err.title}: ${fields}` : err.message);
  }
  throw err;
}

export interface UserCreateOptions {
  email: string;
  name?: string;
  passwordStdin?: boolean;
  owner?: boolean;
  json?: boolean;
}

export async function userCreate(rt: Runtime, o: UserCreateOptions, flags: GlobalFlags) {
  const password = await passwordFromStdin(rt, o.passwordStdin);
  return withLocalServices(rt, flags, 'tend user create', async (s, where) => {
    const row = await s.accounts
      .createUser({ email: o.email, password, displayName: o.name, isOwner: o.owner === true })
      .catch(explainAppError);
    const user = { id: row.id, email: row.email, displayName: row.displayName, isOwner: row.isOwner === 1 };
    if (o.json) rt.out.json(user);
    else {
      rt.out.line(
        `Created ${user.isOwner ? 'the owner account' : 'the account'} ${rt.out.style.bold(user.email)} in ${where}.`,
      );
      rt.out.line(
        rt.out.style.dim(`Sign in on the web, or make a token for scripts: tend token create --user ${user.email}`),
      );
    }
    return user;
  });
}

export async function userList(rt: Runtime, o: { json?: boolean }, flags: GlobalFlags): Promise<User[]> {
  return withLocalServices(rt, flags, 'tend user list', async (s) => {
    const users = await s.accounts.listUsers();
    if (o.json) rt.out.json(users);
    else if (users.length === 0)
      rt.out.line(
        'No accounts yet. Create the owner: tend user create --email you@example.com --password-stdin --owner',
      );
    else {
      const now = rt.now();
      for (const line of table(
        users,
        [
          { header: 'EMAIL', value: (u) => u.email },
          { header: 'NAME', value: (u) => u.displayName, shrink: true },
          { header: 'ROLE', value: (u) => (u.isOwner ? 'owner' : 'user') },
          { header: 'CREATED', value: (u) => relativeTime(u.createdAt, now) },
          {
            header: 'STATUS',
            value: (u) => (u.lockedUntil && u.lockedUntil > now.toISOString() ? 'locked' : 'active'),
          },
        ],
        rt.out.style,
        rt.out.width,
      )) {
        rt.out.line(line);
      }
    }
    return users;
  });
}

export async function userSetPassword(
  rt: Runtime,
  o: { email: string; passwordStdin?: boolean; json?: boolean },
  flags: GlobalFlags,
) {
  const password = await passwordFromStdin(rt, o.passwordStdin, 'New password: ');
  return withLocalServices(rt, flags, 'tend user set-password', async (s) => {
    const user = await s.accounts.resetPassword(o.email, password).catch(explainAppError);
    if (o.json) rt.out.json({ email: user.email, sessionsEnded: true });
    else rt.out.line(`Set a new password for ${user.email}; their sessions have ended and the account is unlocked.`);
  });
}

export function registerUser(program: Command, rt: Runtime): void {
  const user = program
    .command('user')
    .description('Accounts on this database (operator commands: they need the database, not a server)')
    .addHelpText(
      'after',
      `
Examples:
  $ printf %s "$PASSWORD" | tend user create --email ana@example.com --password-stdin --owner
  $ tend user list
  $ tend user set-password --email ana@example.com --password-stdin < new-password.txt`,
    );
  user
    .command('create')
    .description('Create an account (the first one is the owner)')
    .requiredOption('--email <email>', 'the email to sign in with')
    .option('--name <name>', 'display name (default: the part before @)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--owner', 'make it an owner of this server (may invite others)')
    .option('--json', 'print the account as JSON')
    .action(async (o: UserCreateOptions, cmd: Command) => {
      await userCreate(rt, o, cmd.optsWithGlobals());
    });
  user
    .command('list')
    .description('Every account on this database')
    .option('--json', 'print the accounts as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await userList(rt, o, cmd.optsWithGlobals());
    });
  user
    .command('set-password')
    .description("Reset someone's password: ends their sessions and lifts a lock-out")
    .requiredOption('--email <email>', 'whose password')
    .option('--password-stdin', 'read the new password from stdin')
    .option('--json', 'print the result as JSON')
    .action(async (o: { email: string; passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
      await userSetPassword(rt, o, cmd.optsWithGlobals());
    });
}
