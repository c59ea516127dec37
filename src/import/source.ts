import type { Readable } from 'node:stream';
import {
  BadFileError,
  csvRecords,
  detectEncoding,
  type Encoding,
  kindOf,
  openText,
  openTextStream,
  sniff,
  zipEntries,
} from './read.js';
import { googleItems, outlookItems } from './sources/contacts.js';
import { genericItems, type Mapping } from './sources/generic.js';
import { type LinkedInFile, linkedInFileByName, linkedInFileOf, linkedInItems } from './sources/linkedin.js';
import { key } from './sources/table.js';
import { vcardItems } from './sources/vcard.js';
import type { ImportItem, ImportSource } from './types.js';

/*
 * From the uploaded files of a batch to one stream of items. A LinkedIn batch
 * may hold the export zip, loose CSVs or both; its files are read in the
 * order that makes sense (connections, then invitations, then messages).
 */

export interface StoredFile {
  name: string;
  path: string;
  size: number;
}

export interface SourceInput {
  source: ImportSource;
  files: StoredFile[];
  mapping: Mapping | null;
}

interface Part {
  label: string;
  open(): Promise<{ text: Readable; encoding: Encoding }>;
}

async function isZip(path: string): Promise<boolean> {
  return kindOf(await sniff(path)) === 'zip';
}

/** The header keys of a text file's first records (enough to see past a preamble). */
async function headerKeys(part: Part): Promise<Set<string>[]> {
  const { text } = await part.open();
  const out: Set<string>[] = [];
  try {
    for await (const rec of csvRecords(text)) {
      out.push(new Set(rec.values.map(key)));
      if (out.length >= 12) break;
    }
  } catch (err) {
    if (!(err instanceof BadFileError) || out.length === 0) throw err;
  } finally {
    text.destroy();
  }
  return out;
}

async function linkedInKind(part: Part): Promise<LinkedInFile | null> {
  const byName = linkedInFileByName(part.label);
  if (byName) return byName;
  for (const keys of await headerKeys(part)) {
    const k = linkedInFileOf(keys);
    if (k) return k;
  }
  return null;
}

async function* linkedIn(files: StoredFile[]): AsyncGenerator<ImportItem> {
  const loose: { part: Part; kind: LinkedInFile }[] = [];
  const zips: StoredFile[] = [];
  for (const f of files) {
    if (await isZip(f.path)) {
      zips.push(f);
      continue;
    }
    const part: Part = { label: f.name, open: () => openText(f.path) };
    const kind = await linkedInKind(part);
    if (!kind) {
      throw new BadFileError(
        'unknown_file',
        `${f.name} is not a LinkedIn Connections.csv, Invitations.csv or messages.csv (no matching header row).`,
      );
    }
    loose.push({ part, kind });
  }
  let found = loose.length;
  for (const phase of ['connections', 'invitations', 'messages'] as const) {
    for (const z of zips) {
      for await (const { entry, stream } of zipEntries(z.path, (n) => linkedInFileByName(n) === phase)) {
        found++;
        const label = `${z.name}:${entry.name}`;
        const { text } = await openTextStream(stream);
        yield* linkedInItems(phase, label, csvRecords(text));
      }
    }
    for (const l of loose.filter((x) => x.kind === phase)) {
      const { text } = await l.part.open();
      yield* linkedInItems(phase, l.part.label, csvRecords(text));
    }
  }
  if (found === 0) {
    throw new BadFileError(
      'missing_files',
      'The LinkedIn export holds no Connections.csv, Invitations.csv or messages.csv. Upload the zip from "Get a copy of your data".',
    );
  }
}

async function* plainCsv(
  files: StoredFile[],
  each: (file: string, records: ReturnType<typeof csvRecords>) => AsyncGenerator<ImportItem>,
): AsyncGenerator<ImportItem> {
  for (const f of files) {
    const { text } = await openText(f.path);
    yield* each(f.name, csvRecords(text));
  }
}

export function itemsOf(input: SourceInput): AsyncGenerator<ImportItem> {
  switch (input.source) {
    case 'linkedin':
      return linkedIn(input.files);
    case 'google':
      return plainCsv(input.files, googleItems);
    case 'outlook':
      return plainCsv(input.files, outlookItems);
    case 'csv': {
      const mapping = input.mapping;
      if (!mapping) throw new BadFileError('mapping_required', 'Map the columns to fields first.');
      return plainCsv(input.files, (file, records) => genericItems(file, records, mapping));
    }
    case 'vcard':
      return (async function* () {
        for (const f of input.files) yield* vcardItems(f);
      })();
  }
}

/** Headers and first rows of a CSV, for mapping its columns. */
export async function csvSample(
  file: StoredFile,
  rows = 5,
): Promise<{ headers: string[]; rows: string[][]; encoding: Encoding }> {
  const head = await sniff(file.path);
  if (kindOf(head) === 'zip') throw new BadFileError('unexpected_zip', `${file.name} is a zip archive, not a CSV.`);
  detectEncoding(head);
  const { text, encoding } = await openText(file.path);
  let headers: string[] | null = null;
  const out: string[][] = [];
  try {
    for await (const rec of csvRecords(text)) {
      if (!headers) headers = rec.values.map((h) => h.replace(/^\uFEFF/, '').trim());
      else out.push(rec.values.map((v) => v.slice(0, 200)));
      if (out.length >= rows) break;
    }
  } finally {
    text.destroy();
  }
  if (!headers) throw new BadFileError('empty', `${file.name} is empty.`);
  return { headers, rows: out, encoding };
}

export async function encodingOf(file: StoredFile): Promise<Encoding | 'zip'> {
  const head = await sniff(file.path);
  if (kindOf(head) === 'zip') return 'zip';
  return detectEncoding(head).encoding;
}
