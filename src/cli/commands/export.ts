import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Circle } from '../../contract/common.js';
import type { RestoreResult } from '../../contract/export.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain } from '../errors.js';
import { plural } from '../format.js';
import { oneOf } from '../parsers.js';
import { type Runtime, withApi } from '../runtime.js';

/** Writes a download to a file, or to stdout unchanged. */
async function deliver(rt: Runtime, text: string, out: string | undefined, what: string): Promise<void> {
  if (!out) {
    rt.out.line(text.endsWith('\n') ? text.slice(0, -1) : text);
    return;
  }
  try {
    await fs.writeFile(out, text, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  rt.out.err(`${rt.out.errStyle.green('Wrote')} ${what} to ${path.resolve(out)}`);
}

function countCards(text: string): number {
  return (text.match(/^BEGIN:VCARD\r?$/gim) ?? []).length;
}

export function registerExport(program: Command, rt: Runtime): void {
  const cmd = program.command('export').description('Export people as CSV or vCard (for a spreadsheet or a phone)');

  cmd
    .command('csv')
    .description('People as CSV: one row each, emails, phones, tags, topics, circle, cadence, last contacted…')
    .option('--out <file>', 'write to this file (default: stdout)')
    .option('--tag <tag>', 'only people with this tag')
    .option('--circle <circle>', Circle.options.join(', '), oneOf(Circle.options))
    .addHelpText(
      'after',
      `
Cells starting with = + - @ are prefixed with ' so a spreadsheet never runs them.

Examples:
  $ tend export csv --out people.csv
  $ tend export csv --tag investor --circle close > investors.csv`,
    )
    .action(async (o: { out?: string; tag?: string; circle?: Circle }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const text = await explain(
          client.exportCsv({ query: { ...(o.tag ? { tag: o.tag } : {}), ...(o.circle ? { circle: o.circle } : {}) } }),
          { 'query.tag': '--tag', 'query.circle': '--circle' },
        );
        const rows = Math.max(0, text.split('\r\n').length - 2);
        await deliver(rt, text, o.out, plural(rows, 'person', 'people'));
      }),
    );

  cmd
    .command('vcard')
    .description('People as one vCard file (4.0 by default, or 3.0 for older phones and address books)')
    .option(
      '--vcard-version <version>',
      'vCard version: 4.0 or 3.0 (--version works too)',
      oneOf(['4.0', '3.0'] as const),
      '4.0',
    )
    .option('--out <file>', 'write to this file (default: stdout)')
    .option('--tag <tag>', 'only people with this tag')
    .option('--circle <circle>', Circle.options.join(', '), oneOf(Circle.options))
    .addHelpText(
      'after',
      `
Examples:
  $ tend export vcard --out contacts.vcf
  $ tend export vcard --version 3.0 --tag family --out family.vcf`,
    )
    .action(async (o: { vcardVersion: '4.0' | '3.0'; out?: string; tag?: string; circle?: Circle }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const text = await explain(
          client.exportVcard({
            query: {
              version: o.vcardVersion,
              ...(o.tag ? { tag: o.tag } : {}),
              ...(o.circle ? { circle: o.circle } : {}),
            },
          }),
          { 'query.tag': '--tag', 'query.circle': '--circle', 'query.version': '--version' },
        );
        await deliver(rt, text, o.out, `${plural(countCards(text), 'vCard')} (${o.vcardVersion})`);
      }),
    );
}

function summary(r: RestoreResult): string[] {
  const lines = Object.entries(r.counts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `  ${table.padEnd(26)} ${String(n).padStart(8)}`);
  return lines.length > 0 ? lines : ['  (nothing: the backup is empty)'];
}

export function registerBackup(program: Command, rt: Runtime): void {
  program
    .command('backup')
    .description('A complete JSON backup of the workspace (no passwords or tokens), or a copy of the SQLite database')
    .option('--out <file>', 'write to this file (default: stdout)')
    .option(
      '--sqlite-file <file>',
      "instead: copy the whole SQLite database to this file with SQLite's online backup (safe while the server runs)",
    )
    .addHelpText(
      'after',
      `
Restore a JSON backup into an empty workspace with: tend restore FILE
A database copy (--sqlite-file) holds every workspace and account: stop the
server and put it in place of TEND_DATA_DIR/tend.db to go back to it.
Scheduled backups: TEND_BACKUP_EVERY (off, hourly, daily, weekly; default daily),
TEND_BACKUP_KEEP (default 7), TEND_BACKUP_DIR (default TEND_DATA_DIR/backups).

Examples:
  $ tend backup --out tend-backup.json
  $ tend backup --sqlite-file /srv/backups/tend-copy.db
  $ tend --server https://tend.example.com backup > backup.json`,
    )
    .action(async (o: { out?: string; sqliteFile?: string }, c: Command) => {
      const flags = c.optsWithGlobals<GlobalFlags>();
      if (o.sqliteFile) {
        const config = rt.config(flags);
        const { sqliteFileOf, copySqliteOnline } = await import('../../storage/online-backup.js');
        const file = sqliteFileOf(config.databaseUrl);
        if (flags.server || config.serverUrl || !file) {
          throw new CliError(
            '--sqlite-file copies a local SQLite database file; this Tend uses ' +
              (flags.server || config.serverUrl ? 'a server' : 'PostgreSQL or memory') +
              ' — use tend backup --out FILE (JSON) there, or pg_dump for PostgreSQL',
          );
        }
        try {
          await fs.access(file);
        } catch {
          throw new CliError(`There is no database at ${file} — check --data-dir or TEND_DATA_DIR`);
        }
        let copy: Awaited<ReturnType<typeof copySqliteOnline>>;
        try {
          copy = await copySqliteOnline(file, o.sqliteFile);
        } catch (e) {
          throw new CliError(
            `Cannot copy the database to ${o.sqliteFile}: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
        rt.out.err(
          `${rt.out.errStyle.green('Copied')} the database (${Math.ceil(copy.bytes / 1024)} KiB, ${plural(copy.people, 'person', 'people')}, integrity checked) to ${copy.file}`,
        );
        return;
      }
      await withApi(rt, flags, async ({ client }) => {
        const text = await explain(client.backup({}), {});
        await deliver(rt, text, o.out, `the backup (${Math.ceil(text.length / 1024)} KiB)`);
      });
    });

  program
    .command('restore')
    .description('Restore a backup into this workspace, which must be empty; all or nothing')
    .argument('<file>', 'a backup written by tend backup')
    .option('--dry-run', 'check the file and show what it holds; change nothing')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend restore tend-backup.json --dry-run
  $ tend --data-dir ./fresh restore tend-backup.json`,
    )
    .action(async (file: string, o: { dryRun?: boolean; json?: boolean }, c: Command) => {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        throw new CliError(
          `${file} is not a Tend backup: it is not JSON (${e instanceof Error ? e.message : String(e)}). Nothing was restored.`,
        );
      }
      return withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const r = await explain(client.restore({ query: { dryRun: o.dryRun ? 'true' : 'false' }, body: doc }), {});
        if (o.json) return rt.out.json(r);
        const s = rt.out.style;
        rt.out.line(
          r.dryRun
            ? `${s.bold('Dry run:')} the backup of "${r.workspaceName}" can be restored here. It holds:`
            : `${s.green('Restored')} the backup of "${r.workspaceName}":`,
        );
        for (const l of summary(r)) rt.out.line(l);
        if (r.dryRun) rt.out.line(s.dim(`  Nothing was written. Run without --dry-run to restore.`));
      });
    });
}
