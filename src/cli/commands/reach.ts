import type { Command } from 'commander';
import type { ReachResult } from '../../contract/reach.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain, type FieldNames } from '../errors.js';
import { type Runtime, withApi } from '../runtime.js';
import { findWorkspace } from './workspace.js';

const FIELDS: FieldNames = { 'query.org': '--org', 'query.q': '--q' };

export function registerReach(program: Command, rt: Runtime): void {
  program
    .command('reach')
    .description('Who on a team knows someone at an organisation (members who share their reach)')
    .requiredOption('--team <name>', 'the team workspace: its name or id')
    .option('--org <name>', 'an organisation, or part of its name')
    .option('--q <words>', "words in the contact's name, headline, role or organisation")
    .option('--share', 'share whom you know with this team (names, roles, a strength band; never notes)')
    .option('--stop-sharing', 'stop sharing; takes effect at once')
    .option('--json', 'print the answer as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend reach --team "Acme Ventures" --share
  $ tend reach --team "Acme Ventures" --org Stripe`,
    )
    .action(
      async (
        o: { team: string; org?: string; q?: string; share?: boolean; stopSharing?: boolean; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const team = await findWorkspace(client, o.team);
          if (o.share && o.stopSharing) throw new CliError('Choose one of --share and --stop-sharing.');
          if (o.share || o.stopSharing) {
            const r = await client.setReachSharing({ params: { id: team.id }, body: { share: o.share === true } });
            if (o.json) return rt.out.json(r);
            rt.out.line(
              r.share
                ? `${rt.out.style.green('Sharing')} whom you know with ${team.name} (${r.sharingMembers} sharing). Your notes and interactions stay private.`
                : `Stopped sharing with ${team.name}. Colleagues no longer see your contacts.`,
            );
            if (!o.org && !o.q) return;
          }
          if (!o.org && !o.q) throw new CliError('Say whom to look for: --org <organisation> or --q <words>.');
          const r: ReachResult = await explain(
            client.findTeamReach({
              params: { id: team.id },
              query: { ...(o.org ? { org: o.org } : {}), ...(o.q ? { q: o.q } : {}) },
            }),
            FIELDS,
          );
          if (o.json) return rt.out.json(r);
          const what = o.org ? `at ${o.org}` : `matching "${o.q}"`;
          if (r.items.length === 0) {
            rt.out.line(
              `Nobody on ${team.name} shares a contact ${what} (${r.sharingMembers} of the members share their reach).`,
            );
            return;
          }
          for (const e of r.items) {
            const role = [e.contact.role, e.contact.organisation].filter(Boolean).join(' at ');
            rt.out.line(
              `${e.contact.fullName}${role ? `, ${role}` : ''} ${rt.out.style.dim('·')} ${e.connector.displayName} (${e.strength})`,
            );
          }
        }),
    );
}
