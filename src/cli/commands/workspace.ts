import type { Command } from 'commander';
import type { Workspace } from '../../contract/accounts.js';
import type { Client } from '../../contract/client.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain } from '../errors.js';
import { table } from '../format.js';
import { integer, oneOf } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';

export async function findWorkspace(client: Client, which: string): Promise<Workspace> {
  const { items } = await client.listWorkspaces({});
  const w = items.find((x) => x.id === which) ?? items.filter((x) => x.name.toLowerCase() === which.toLowerCase())[0];
  if (!w) throw new CliError(`No workspace "${which}" — list yours with: tend workspace list`);
  return w;
}

export function registerWorkspace(program: Command, rt: Runtime): void {
  const ws = program
    .command('workspace')
    .description('Your personal workspace and team workspaces: members and invitations')
    .addHelpText(
      'after',
      `
Examples:
  $ tend workspace create "Acme Ventures"
  $ tend workspace invite "Acme Ventures" --email raj@example.com
  $ tend workspace members "Acme Ventures"`,
    );
  ws.command('list')
    .description('Workspaces you belong to')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withApi(rt, cmd.optsWithGlobals() as GlobalFlags, async ({ client }) => {
        const { items } = await client.listWorkspaces({});
        if (o.json) return rt.out.json(items);
        for (const line of table(
          items,
          [
            { header: 'NAME', value: (w) => w.name, shrink: true },
            { header: 'KIND', value: (w) => w.kind },
            { header: 'ROLE', value: (w) => w.role },
            { header: 'MEMBERS', value: (w) => String(w.memberCount), align: 'right' },
            { header: 'ID', value: (w) => w.id },
          ],
          rt.out.style,
          rt.out.width,
        )) {
          rt.out.line(line);
        }
      });
    });
  ws.command('create <name>')
    .description('Create a team workspace; you are its owner')
    .option('--json', 'print it as JSON')
    .action(async (name: string, o: { json?: boolean }, cmd: Command) => {
      await withApi(rt, cmd.optsWithGlobals() as GlobalFlags, async ({ client }) => {
        const w = await explain(client.createWorkspace({ body: { name } }), { 'body.name': '<name>' });
        if (o.json) rt.out.json(w);
        else rt.out.line(`Created the team workspace "${w.name}". Invite people: tend workspace invite "${w.name}"`);
      });
    });
  ws.command('members <workspace>')
    .description('Members and their roles')
    .option('--json', 'print them as JSON')
    .action(async (which: string, o: { json?: boolean }, cmd: Command) => {
      await withApi(rt, cmd.optsWithGlobals() as GlobalFlags, async ({ client }) => {
        const w = await findWorkspace(client, which);
        const { items } = await client.listMembers({ params: { id: w.id } });
        if (o.json) return rt.out.json(items);
        for (const line of table(
          items,
          [
            { header: 'EMAIL', value: (m) => m.email },
            { header: 'NAME', value: (m) => m.displayName, shrink: true },
            { header: 'ROLE', value: (m) => m.role },
          ],
          rt.out.style,
          rt.out.width,
        )) {
          rt.out.line(line);
        }
      });
    });
  ws.command('invite <workspace>')
    .description('Make an invitation link (from your personal workspace: an invitation to sign up)')
    .option('--email <email>', 'only this email may use it')
    .option('--role <role>', 'member or owner', oneOf(['member', 'owner'] as const), 'member')
    .option('--expires-days <days>', 'valid for this many days', integer(1, 30), 7)
    .option('--json', 'print the invitation as JSON')
    .action(
      async (
        which: string,
        o: { email?: string; role: 'member' | 'owner'; expiresDays: number; json?: boolean },
        cmd: Command,
      ) => {
        const flags = cmd.optsWithGlobals() as GlobalFlags;
        await withApi(rt, flags, async ({ client, where, remote }) => {
          const w = await findWorkspace(client, which);
          const inv = await explain(
            client.createInvitation({
              params: { id: w.id },
              body: { role: o.role, expiresInDays: o.expiresDays, ...(o.email ? { email: o.email } : {}) },
            }),
            { 'body.email': '--email' },
          );
          if (o.json) return rt.out.json(inv);
          const base = remote ? where : (rt.config(flags).serverUrl ?? 'http://<your server>');
          rt.out.line(`${base}${inv.path}`);
          rt.out.err(rt.out.errStyle.dim(`Valid until ${inv.expiresAt.slice(0, 10)}, once. Shown only now.`));
        });
      },
    );
}
