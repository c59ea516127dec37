import os from 'node:os';
import { type Command, Option } from 'commander';
import type { ApiToken, ApiTokenCreated, TokenScope } from '../../contract/accounts.js';
import { NotFoundError } from '../../lib/errors.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain } from '../errors.js';
import { relativeTime, table } from '../format.js';
import { withLocalServices } from '../local-services.js';
import { integer, oneOf } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';

export interface TokenCreateOptions {
  user?: string;
  name?: string;
  scope: TokenScope;
  expiresDays?: number;
  json?: boolean;
}

function printCreated(rt: Runtime, t: ApiTokenCreated, json?: boolean) {
  if (json) return rt.out.json(t);
  rt.out.line(t.token);
  rt.out.err(
    rt.out.errStyle.dim(
      `Token "${t.name}" (${t.scope}${t.expiresAt ? `, expires ${t.expiresAt.slice(0, 10)}` : ', no expiry'}). It is shown only this once: store it now.`,
    ),
  );
}

export async function tokenCreate(rt: Runtime, o: TokenCreateOptions, flags: GlobalFlags): Promise<ApiTokenCreated> {
  const body = {
    name: o.name ?? `CLI on ${os.hostname()}`,
    scope: o.scope,
    ...(o.expiresDays ? { expiresInDays: o.expiresDays } : {}),
  };
  let created: ApiTokenCreated;
  if (o.user) {
    const email = o.user;
    created = await withLocalServices(rt, flags, 'tend token create --user', async (s) => {
      const user = await s.accounts.userByEmail(email);
      if (!user) throw new CliError(`No account has the email ${email} — list them with: tend user list`);
      return s.tokens.create(user, body);
    });
  } else {
    created = await withApi(rt, flags, ({ client }) =>
      explain(client.createToken({ body }), { 'body.name': '--name', 'body.expiresInDays': '--expires-days' }),
    );
  }
  printCreated(rt, created, o.json);
  return created;
}

export async function tokenList(rt: Runtime, o: { json?: boolean }, flags: GlobalFlags): Promise<ApiToken[]> {
  return withApi(rt, flags, async ({ client }) => {
    const { items } = await client.listTokens({});
    if (o.json) rt.out.json(items);
    else if (items.length === 0) rt.out.line('No API tokens. Create one with: tend token create');
    else {
      const now = rt.now();
      for (const line of table(
        items,
        [
          { header: 'ID', value: (t) => t.id },
          { header: 'NAME', value: (t) => t.name, shrink: true },
          { header: 'TOKEN', value: (t) => `${t.prefix}…` },
          { header: 'SCOPE', value: (t) => t.scope },
          { header: 'LAST USED', value: (t) => (t.lastUsedAt ? relativeTime(t.lastUsedAt, now) : 'never') },
          { header: 'EXPIRES', value: (t) => t.expiresAt?.slice(0, 10) ?? 'never' },
        ],
        rt.out.style,
        rt.out.width,
      )) {
        rt.out.line(line);
      }
    }
    return items;
  });
}

/** Revokes by id, by the visible prefix (tend_AbCd…), or by name when it is unique. */
export async function tokenRevoke(rt: Runtime, which: string, o: { json?: boolean }, flags: GlobalFlags) {
  return withApi(rt, flags, async ({ client }) => {
    const { items } = await client.listTokens({});
    const w = which.replace(/…$/, '');
    const hits = items.filter((t) => t.id === w || (w.length >= 8 && t.prefix.startsWith(w)) || t.name === w);
    if (hits.length === 0)
      throw new CliError(`${NotFoundError('API token').title}: "${which}" — list them with: tend token list`);
    if (hits.length > 1) {
      throw new CliError(
        `"${which}" matches ${hits.length} tokens — give the id`,
        hits.map((t) => `  ${t.id}  ${t.name}`),
      );
    }
    const token = hits[0] as ApiToken;
    await client.revokeToken({ params: { id: token.id } });
    if (o.json) rt.out.json({ revoked: token.id });
    else rt.out.line(`Revoked "${token.name}" (${token.prefix}…). Scripts using it now get 401.`);
  });
}

export function registerToken(program: Command, rt: Runtime): void {
  const token = program
    .command('token')
    .description('API tokens for scripts and the CLI')
    .addHelpText(
      'after',
      `
Examples:
  $ tend token create --name "Backup" --scope read --expires-days 90
  $ tend token create --user ana@example.com --scope write --json   # operator, on the database
  $ tend token list
  $ tend token revoke tend_AbCdEfG`,
    );
  token
    .command('create')
    .description('Create a token; it is printed once')
    .option('--user <email>', 'make it for this account, directly on the database (operator)')
    .option('--name <name>', 'what it is for (default: CLI on <host>)')
    .addOption(
      new Option('--scope <scope>', 'read or write').default('write').argParser(oneOf(['read', 'write'] as const)),
    )
    .option('--expires-days <days>', 'expire after this many days (default: never)', integer(1, 3650))
    .option('--json', 'print the token and its details as JSON')
    .action(async (o: TokenCreateOptions, cmd: Command) => {
      await tokenCreate(rt, o, cmd.optsWithGlobals());
    });
  token
    .command('list')
    .description('Your tokens (never the secrets)')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await tokenList(rt, o, cmd.optsWithGlobals());
    });
  token
    .command('revoke <token>')
    .description('Revoke a token by id, prefix or name')
    .option('--json', 'print the result as JSON')
    .action(async (which: string, o: { json?: boolean }, cmd: Command) => {
      await tokenRevoke(rt, which, o, cmd.optsWithGlobals());
    });
}
