import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { Client } from '../../contract/client.js';
import { type ImportBatch, MappableField, type ImportPreview, type ImportSource } from '../../contract/import.js';
import type { GlobalFlags } from '../context.js';
import { CliError, explain } from '../errors.js';
import { plural, relativeTime, table } from '../format.js';
import { integer } from '../parsers.js';
import type { Runtime } from '../runtime.js';
import { withApi } from '../runtime.js';

/*
 * tend import linkedin|google|outlook|csv|vcard PATH: upload the file(s),
 * print the preview, and (unless --dry-run) apply with progress on a
 * terminal; tend import list and tend import undo BATCH.
 */

const LINKEDIN_FILES = /^(connections|invitations|messages)\.csv$/i;

function contentType(file: string): string {
  const lower = file.toLowerCase();
  if (lower.endsWith('.zip')) return 'application/zip';
  if (lower.endsWith('.vcf') || lower.endsWith('.vcard')) return 'text/vcard';
  if (lower.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}

/** The files to upload: the path itself, or for a LinkedIn folder the export's CSVs in it (at any depth). */
function filesOf(source: ImportSource, target: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new CliError(`No file or folder at ${target} — check the path`);
  }
  if (stat.isFile()) return [target];
  if (!stat.isDirectory()) throw new CliError(`${target} is not a file`);
  if (source !== 'linkedin') throw new CliError(`${target} is a folder: give the file itself`);
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 3) walk(p, depth + 1);
      else if (e.isFile() && LINKEDIN_FILES.test(e.name)) found.push(p);
    }
  };
  walk(target, 0);
  if (found.length === 0) {
    throw new CliError(
      `No Connections.csv, Invitations.csv or messages.csv in ${target} — give the export folder or zip`,
    );
  }
  return found.sort();
}

export function parseMap(value: string): Record<string, MappableField> {
  const out: Record<string, MappableField> = {};
  for (const part of value.split(',')) {
    if (!part.trim()) continue;
    const eq = part.lastIndexOf('=');
    if (eq < 1)
      throw new InvalidArgumentError(`Write each mapping as COLUMN=FIELD, e.g. "Name=fullName", not "${part}".`);
    const column = part.slice(0, eq).trim();
    const field = MappableField.safeParse(part.slice(eq + 1).trim());
    if (!field.success) {
      throw new InvalidArgumentError(
        `"${part.slice(eq + 1).trim()}" is not a field; use one of ${MappableField.options.join(', ')}.`,
      );
    }
    out[column] = field.data;
  }
  if (Object.keys(out).length === 0) throw new InvalidArgumentError('Give at least one COLUMN=FIELD.');
  return out;
}

function printReport(rt: Runtime, title: string, report: NonNullable<ImportPreview['report']>) {
  const s = rt.out.style;
  const c = report.counts;
  rt.out.line(s.bold(title));
  const parts = [
    `${c.created} new`,
    `${c.updated} updated`,
    `${c.unchanged} unchanged`,
    ...(c.possibleDuplicates ? [`${plural(c.possibleDuplicates, 'possible duplicate')}`] : []),
    ...(c.interactions ? [plural(c.interactions, 'interaction')] : []),
    ...(c.achievements ? [plural(c.achievements, 'new role')] : []),
    `${c.skipped} skipped`,
    `${c.errors} with errors`,
  ];
  rt.out.line(`  ${plural(c.rows, 'row')}: ${parts.join(' · ')}`);
  if (report.errors.length > 0) {
    rt.out.line(s.bold('Rows with errors'));
    for (const e of report.errors.slice(0, 20)) rt.out.line(`  ${e.file}:${e.line}  ${e.message}`);
    if (c.errors > 20) rt.out.line(s.dim(`  … and ${c.errors - 20} more`));
  }
}

async function pollProgress(rt: Runtime, client: Client, id: string, done: () => boolean) {
  while (!done()) {
    await new Promise((r) => setTimeout(r, 400));
    if (done()) return;
    try {
      const b = await client.getImport({ params: { id } });
      const pct = b.totalRows > 0 ? Math.floor((100 * b.processedRows) / b.totalRows) : 0;
      rt.out.progress(
        `Importing… ${b.processedRows.toLocaleString('en')} of ${b.totalRows.toLocaleString('en')} rows (${pct}%)`,
      );
    } catch {
      return;
    }
  }
}

async function runImport(
  rt: Runtime,
  flags: GlobalFlags,
  source: ImportSource,
  target: string,
  o: { dryRun?: boolean; json?: boolean; map?: Record<string, MappableField> },
) {
  const files = filesOf(source, target);
  return withApi(rt, flags, async ({ client }) => {
    const batch = await explain(
      client.createImport({ body: { source, fileName: path.basename(target), ...(o.map ? { mapping: o.map } : {}) } }),
      {},
    );
    for (const f of files) {
      rt.out.progress(`Uploading ${path.basename(f)}…`);
      await explain(
        client.uploadImportFile({
          params: { id: batch.id, name: path.basename(f) },
          raw: { contentType: contentType(f), body: fs.createReadStream(f) },
        }),
        {},
      );
    }
    rt.out.progress('Reading the file…');
    const preview = await explain(client.previewImport({ params: { id: batch.id }, body: {} }), {});
    if (!preview.report) {
      const cols = preview.columns?.headers.join(', ') ?? '';
      throw new CliError(
        `${preview.problem ?? 'Map the columns first'} — use --map "COLUMN=FIELD,…"; the columns are: ${cols}`,
      );
    }
    if (o.dryRun) {
      if (o.json) return rt.out.json({ ...preview, batch: undefined, id: batch.id });
      printReport(rt, `Preview of ${path.basename(target)} (nothing written)`, preview.report);
      if (preview.columns) {
        const mapping = Object.entries(preview.batch.mapping ?? {})
          .filter(([, f]) => f !== 'ignore')
          .map(([c, f]) => `${c}=${f}`)
          .join(',');
        rt.out.line(rt.out.style.dim(`Mapping: ${mapping}`));
      }
      return;
    }
    let finished = false;
    const progress = rt.out.stderrIsTTY ? pollProgress(rt, client, batch.id, () => finished) : Promise.resolve();
    let applied: ImportBatch;
    try {
      applied = await explain(client.applyImport({ params: { id: batch.id } }), {});
    } finally {
      finished = true;
      await progress;
    }
    if (o.json) return rt.out.json(applied);
    if (applied.report) printReport(rt, `Imported ${path.basename(target)}`, applied.report);
    rt.out.line(rt.out.style.dim(`Undo with: tend import undo ${applied.id}`));
  });
}

export function registerImport(program: Command, rt: Runtime): void {
  const cmd = program
    .command('import')
    .description('Import people from LinkedIn, Google, Outlook, any CSV or vCard; list and undo imports')
    .addHelpText(
      'after',
      `
Every import shows what it will do first; --dry-run stops there. Re-importing
updates people instead of duplicating them, and every import can be undone.

Examples:
  $ tend import linkedin ~/Downloads/Basic_LinkedInDataExport.zip
  $ tend import google contacts.csv --dry-run
  $ tend import csv people.csv --map "Name=fullName,Mail=email,Firm=organisation"
  $ tend import list
  $ tend import undo 0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e`,
    );

  const sources: [ImportSource, string, string][] = [
    [
      'linkedin',
      'path',
      'the LinkedIn export: its zip, its folder, or Connections.csv / messages.csv / Invitations.csv',
    ],
    ['google', 'file', 'a Google Contacts CSV (Google CSV or Outlook CSV export of contacts.google.com)'],
    ['outlook', 'file', 'an Outlook contacts CSV'],
    ['vcard', 'file', 'a vCard file (.vcf) with one or many contacts'],
  ];
  for (const [source, arg, what] of sources) {
    cmd
      .command(source)
      .description(`Import ${what}`)
      .argument(`<${arg}>`, what)
      .option('--dry-run', 'print the preview and write nothing')
      .option('--json', 'print the result as JSON')
      .action(async (target: string, o: { dryRun?: boolean; json?: boolean }, c: Command) =>
        runImport(rt, c.optsWithGlobals<GlobalFlags>(), source, target, o),
      );
  }
  cmd
    .command('csv')
    .description('Import any CSV with a header row, mapping its columns to fields')
    .argument('<file>', 'the CSV file')
    .option(
      '--map <mapping>',
      `COLUMN=FIELD pairs, comma-separated; fields: ${MappableField.options.join(', ')}`,
      parseMap,
    )
    .option('--dry-run', 'print the preview (and the suggested mapping) and write nothing')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        target: string,
        o: { dryRun?: boolean; json?: boolean; map?: Record<string, MappableField> },
        c: Command,
      ) => runImport(rt, c.optsWithGlobals<GlobalFlags>(), 'csv', target, o),
    );

  cmd
    .command('list')
    .alias('ls')
    .description('Past imports, newest first')
    .option('--limit <n>', 'show at most this many', integer(1, 200), 20)
    .option('--json', 'print the imports as JSON')
    .action(async (o: { limit: number; json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        const { items } = await explain(client.listImports({ query: { limit: o.limit } }), {});
        if (o.json) return rt.out.json(items);
        if (items.length === 0) return rt.out.line('No imports yet. Start with: tend import linkedin PATH');
        const now = rt.now();
        for (const line of table(
          items,
          [
            { header: 'ID', value: (b) => b.id },
            { header: 'SOURCE', value: (b) => b.source },
            { header: 'FILE', value: (b) => b.fileName },
            { header: 'STATUS', value: (b) => b.status },
            {
              header: 'RESULT',
              value: (b) =>
                b.report
                  ? `${b.report.counts.created} new, ${b.report.counts.updated} updated, ${b.report.counts.errors} errors`
                  : '',
            },
            { header: 'WHEN', value: (b) => relativeTime(b.createdAt, now) },
          ],
          rt.out.style,
          rt.out.width,
        )) {
          rt.out.line(line);
        }
      }),
    );

  cmd
    .command('undo')
    .description('Undo an import: remove the people it added, restore what it changed')
    .argument('<batch>', 'the import id (see: tend import list)')
    .option('--json', 'print the import as JSON')
    .action(async (id: string, o: { json?: boolean }, c: Command) =>
      withApi(rt, c.optsWithGlobals<GlobalFlags>(), async ({ client }) => {
        if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CliError(`"${id}" is not an import id — see: tend import list`);
        const b = await explain(client.undoImport({ params: { id: id.toLowerCase() } }), {});
        if (o.json) return rt.out.json(b);
        rt.out.line(`${rt.out.style.green('Undone')} ${b.source} import of ${b.fileName}`);
      }),
    );
}
