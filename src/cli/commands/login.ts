import os from 'node:os';
import type { Command } from 'commander';
import { ApiError, createClient, type Transport } from '../../contract/client.js';
import type { GlobalFlags } from '../context.js';
import { CliError, apiErrorMessage } from '../errors.js';
import { passwordFromStdin } from '../local-services.js';
import type { Runtime } from '../runtime.js';
import { readUserConfig, userConfigPath, writeUserConfig } from '../user-config.js';

/** A fetch transport that keeps the session cookie and echoes the CSRF token, like the web app. */
function browserLikeTransport(base: string): Transport {
  const jar = new Map<string, string>();
  return async (req) => {
    const headers: Record<string, string> = { ...req.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = jar.get('tend_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(base + req.url, { method: req.method, headers, ...(req.body ? { body: req.body } : {}) });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      throw new CliError(`Cannot reach the Tend server at ${base} (${cause}) — check the URL`);
    }
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      out[k] = v;
    });
    return { status: res.status, headers: out, text: await res.text() };
  };
}

export interface LoginOptions {
  email?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

/**
 * Signs in with email and password, creates an API token named after this
 * machine, ends the temporary session, and saves server and token in the
 * config file (mode 0600). The password is never stored.
 */
export async function login(rt: Runtime, o: LoginOptions, flags: GlobalFlags) {
  const config = rt.config(flags);
  const server = config.serverUrl?.replace(/\/+$/, '');
  if (!server) throw new CliError('Say which server: tend login --server https://tend.example.com');
  const email = o.email ?? (rt.stdin.isTTY && !o.passwordStdin ? (await rt.stdin.line('Email: ')).trim() : undefined);
  if (!email) throw new CliError('Give the email with --email');
  const password = await passwordFromStdin(rt, o.passwordStdin);
  const client = createClient(browserLikeTransport(server));
  try {
    await client.login({ body: { email, password } });
    const token = await client.createToken({ body: { name: `CLI on ${os.hostname()}`, scope: 'write' } });
    await client.logout({});
    const file = await writeUserConfig(config.cliConfigDir, { server, token: token.token, tokenId: token.id, email });
    if (o.json) rt.out.json({ server, email, tokenId: token.id, configFile: file });
    else rt.out.line(`Signed in to ${server} as ${email}. The token is saved in ${file}.`);
  } catch (err) {
    if (err instanceof ApiError) throw new CliError(apiErrorMessage(err));
    throw err;
  }
}

/** Revokes the saved token on its server (when it can) and forgets it. */
export async function logout(rt: Runtime, o: { json?: boolean }, flags: GlobalFlags) {
  const config = rt.config(flags);
  const saved = await readUserConfig(config.cliConfigDir);
  if (!saved.server || !saved.token) {
    if (o.json) rt.out.json({ signedOut: false });
    else rt.out.line('Not signed in to any server.');
    return;
  }
  let revoked = false;
  if (saved.tokenId) {
    const client = createClient(browserLikeTransport(saved.server));
    try {
      await client.revokeToken({ params: { id: saved.tokenId }, headers: { authorization: `Bearer ${saved.token}` } });
      revoked = true;
    } catch {
      // Offline or already revoked: forgetting it locally is still right.
    }
  }
  await writeUserConfig(config.cliConfigDir, {});
  if (o.json) rt.out.json({ signedOut: true, server: saved.server, tokenRevoked: revoked });
  else rt.out.line(`Signed out of ${saved.server}${revoked ? ' and revoked the token' : ''}.`);
}

export async function configSet(rt: Runtime, key: string, value: string, flags: GlobalFlags) {
  const config = rt.config(flags);
  const saved = await readUserConfig(config.cliConfigDir);
  if (key === 'server') {
    if (!/^https?:\/\//.test(value)) throw new CliError('The server must be a URL like https://tend.example.com');
    saved.server = value.replace(/\/+$/, '');
  } else if (key === 'token') {
    if (!value.startsWith('tend_'))
      throw new CliError('A Tend token starts with tend_ — create one with: tend token create');
    saved.token = value;
    delete saved.tokenId;
  } else throw new CliError(`Unknown setting "${key}" — use server or token`);
  const file = await writeUserConfig(config.cliConfigDir, saved);
  rt.out.line(`Saved ${key} in ${file}.`);
}

export async function configShow(rt: Runtime, o: { json?: boolean }, flags: GlobalFlags) {
  const config = rt.config(flags);
  const saved = await readUserConfig(config.cliConfigDir);
  const shown = {
    file: userConfigPath(config.cliConfigDir),
    server: saved.server ?? null,
    email: saved.email ?? null,
    token: saved.token ? `${saved.token.slice(0, 12)}…` : null,
  };
  if (o.json) rt.out.json(shown);
  else for (const [k, v] of Object.entries(shown)) rt.out.line(`${k.padEnd(7)} ${v ?? rt.out.style.dim('(not set)')}`);
}

export function registerLogin(program: Command, rt: Runtime): void {
  program
    .command('login')
    .description('Sign in to a Tend server and keep a token for the CLI (needs --server)')
    .option('--email <email>', 'your email (asked when at a terminal)')
    .option('--password-stdin', 'read the password from stdin (asked, hidden, when at a terminal)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend login --server https://tend.example.com
  $ printf %s "$PW" | tend login --server https://tend.example.com --email ana@example.com --password-stdin`,
    )
    .action(async (o: LoginOptions, cmd: Command) => {
      await login(rt, o, cmd.optsWithGlobals());
    });
  program
    .command('logout')
    .description('Revoke and forget the saved token')
    .option('--json', 'print the result as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await logout(rt, o, cmd.optsWithGlobals());
    });
  const config = program.command('config').description("The CLI's saved server and token");
  config
    .command('set <key> <value>')
    .description('Set server or token')
    .action(async (key: string, value: string, _o: unknown, cmd: Command) => {
      await configSet(rt, key, value, cmd.optsWithGlobals());
    });
  config
    .command('show')
    .description('Show the saved settings (the token shortened)')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await configShow(rt, o, cmd.optsWithGlobals());
    });
}
