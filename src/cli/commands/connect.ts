import type { Command } from 'commander';
import { CONNECTION_KINDS, type ConnectionKind } from '../../contract/connections.js';
import type { GlobalFlags } from '../context.js';
import { explain, type FieldNames } from '../errors.js';
import { words } from '../format.js';
import { integer, oneOf } from '../parsers.js';
import { resolvePerson } from '../resolve.js';
import { type Runtime, withApi } from '../runtime.js';

const FIELDS: FieldNames = {
  'body.fromId': 'A',
  'body.toId': 'B',
  'body.kind': '--kind',
  'body.strength': '--strength',
};

export function registerConnect(program: Command, rt: Runtime): void {
  program
    .command('connect')
    .description('Record that two people know each other (who knows whom)')
    .argument('<a>', 'a person: a name or an id (for reports-to: who reports)')
    .argument('<b>', 'the other person (for reports-to: the manager)')
    .option('--kind <kind>', CONNECTION_KINDS.join(', ').replace(/_/g, '-'), oneOf(CONNECTION_KINDS), 'knows')
    .option('--strength <n>', '1 (barely) to 5 (very close)', integer(1, 5), 3)
    .option('--note <text>', 'how they know each other')
    .option('--json', 'print the connection as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend connect "Ana Ruiz" "Raj Patel" --kind worked-with --note "Both at Acme, 2019–2022"
  $ tend connect "Li Wei" "Ana Ruiz" --kind reports-to`,
    )
    .action(
      async (
        aRef: string,
        bRef: string,
        o: { kind: ConnectionKind; strength: number; note?: string; json?: boolean },
        c: Command,
      ) =>
        withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
          const a = await resolvePerson(client, aRef);
          const b = await resolvePerson(client, bRef);
          const conn = await explain(
            client.createConnection({
              body: {
                fromId: a.id,
                toId: b.id,
                kind: o.kind,
                strength: o.strength,
                ...(o.note ? { note: o.note } : {}),
              },
            }),
            FIELDS,
          );
          if (o.json) return rt.out.json(conn);
          rt.out.line(
            `${rt.out.style.green('Connected')} ${conn.from.fullName} ${o.kind === 'reports_to' ? 'reports to' : '↔'} ${conn.to.fullName} · ${words(conn.kind)}, strength ${conn.strength}/5 ${rt.out.style.dim(conn.id)}`,
          );
        }),
    );
}
