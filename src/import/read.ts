import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type yauzl from 'yauzl';
import { IMPORT_LIMITS } from './types.js';

/*
 * Reading uploaded files as streams: the encoding is sniffed from the first
 * 64 KiB (BOM, UTF-16, UTF-8 or else Windows-1252), text is decoded chunk by
 * chunk, CSV records come one at a time with their line numbers, and zip
 * entries are read without unpacking the archive. Nothing holds a whole file.
 */

export class BadFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadFileError';
  }
}

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type FileKind = 'zip' | 'text';

const SNIFF_BYTES = 64 * 1024;

export async function sniff(path: string): Promise<Buffer> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function kindOf(head: Buffer): FileKind {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50 ? 'zip' : 'text';
}

/** The encoding of a text file from its first bytes; a binary file is refused. */
export function detectEncoding(head: Buffer): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (head.includes(0)) {
    throw new BadFileError(
      'not_text',
      'This is not a text file (it contains binary data). Upload the CSV or vCard file itself, or the LinkedIn export zip.',
    );
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    // Not UTF-8: old Excel and Outlook exports are Windows-1252 (a superset of Latin-1).
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** A stream of decoded text; invalid UTF-8 later in the file fails it with a BadFileError. */
export function decodeStream(input: Readable, encoding: Encoding, bom: number): Readable {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  let skip = bom;
  let offset = 0;
  const t = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      let c = chunk;
      if (skip > 0) {
        const n = Math.min(skip, c.length);
        c = c.subarray(n);
        skip -= n;
      }
      try {
        const s = decoder.decode(c, { stream: true });
        offset += c.length;
        done(null, s);
      } catch {
        done(
          new BadFileError(
            'bad_encoding',
            `The file is not valid UTF-8 near byte ${offset}. Save it as UTF-8 (or export it again) and retry.`,
          ),
        );
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new BadFileError('truncated', 'The file ends in the middle of a character: it looks cut off.'));
      }
    },
  });
  input.on('error', (e) => t.destroy(e));
  return input.pipe(t);
}

export interface CsvRecord {
  line: number;
  values: string[];
}

/**
 * CSV records of a decoded text stream with the line each starts on. A broken
 * quote or an oversized record ends the stream with a BadFileError naming the line.
 */
export async function* csvRecords(text: Readable, delimiter?: string): AsyncGenerator<CsvRecord> {
  const parser = parse({
    relax_column_count: true,
    // Stray quotes inside unquoted fields (5'10", a "nickname") are common in hand-edited exports.
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: IMPORT_LIMITS.fieldChars * 20,
    ...(delimiter ? { delimiter } : {}),
    // With relax_column_count csv-parse still builds (and drops) a CsvError, stack trace and
    // all, for every record whose length differs from the first one: after a one-column
    // "Notes:" preamble that is every row of a LinkedIn export, a third of its parse time.
    // Taking each record's length as the expected one keeps that to the rows where it changes.
    // (With `info` the hook gets { record, info }; csv-parse's types do not say so.)
    on_record: ((rec: { record: string[] }) => {
      const state = (parser as unknown as { state?: { expectedRecordLength?: number } }).state;
      if (state && state.expectedRecordLength !== rec.record.length) state.expectedRecordLength = rec.record.length;
      return rec;
    }) as never,
  });
  text.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let newlines = 0;
      for (const v of rec.record) for (let i = v.indexOf('\n'); i !== -1; i = v.indexOf('\n', i + 1)) newlines++;
      yield { line: rec.info.lines - newlines, values: rec.record };
    }
  } catch (err) {
    if (err instanceof BadFileError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    const where = e.lines ? ` at line ${e.lines}` : '';
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new BadFileError(
        'bad_csv',
        `A quoted field is never closed${where}: the file looks cut off or is not a CSV.`,
      );
    }
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      throw new BadFileError(
        'too_large',
        `A row is too long${where} (over ${IMPORT_LIMITS.fieldChars * 20} characters).`,
      );
    }
    if (err instanceof CsvError || e.code?.startsWith('CSV_'))
      throw new BadFileError('bad_csv', `The file is not a valid CSV${where}: ${e.message}`);
    throw err;
  } finally {
    parser.destroy();
    text.destroy();
  }
}

/** Decoded text of a file on disk (not a zip). */
export async function openText(path: string): Promise<{ text: Readable; encoding: Encoding }> {
  const head = await sniff(path);
  if (kindOf(head) === 'zip')
    throw new BadFileError('unexpected_zip', 'This is a zip archive; upload the file inside it.');
  const { encoding, bom } = detectEncoding(head);
  return { text: decodeStream(fs.createReadStream(path, { highWaterMark: 256 * 1024 }), encoding, bom), encoding };
}

/** Text of a buffer-less stream (a zip entry). */
export async function openTextStream(input: Readable): Promise<{ text: Readable; encoding: Encoding }> {
  // Peek at the first chunk to sniff, then put it back in front of the rest.
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : (first.value as Buffer);
  const { encoding, bom } = detectEncoding(head.subarray(0, SNIFF_BYTES));
  async function* rest() {
    if (!first.done) yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value as Buffer;
    }
  }
  return { text: decodeStream(Readable.from(rest()), encoding, bom), encoding };
}

export interface ZipEntryRef {
  name: string;
  size: number;
}

async function openZip(path: string): Promise<yauzl.ZipFile> {
  // Loaded on first use: most imports are plain CSV, and the server starts faster without it.
  const { default: unzip } = await import('yauzl');
  return new Promise((resolve, reject) => {
    unzip.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) {
        reject(
          new BadFileError(
            'bad_zip',
            `The zip archive cannot be read (${err?.message ?? 'unknown error'}): it may be cut off. Download the export again.`,
          ),
        );
      } else resolve(zip);
    });
  });
}

/**
 * The entries of a zip whose names the filter accepts, in archive order, each
 * as a stream the caller reads to the end before asking for the next one.
 */
export async function* zipEntries(
  path: string,
  accept: (name: string) => boolean,
): AsyncGenerator<{ entry: ZipEntryRef; stream: Readable }> {
  const zip = await openZip(path);
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const cleanup = () => {
          zip.off('entry', onEntry);
          zip.off('end', onEnd);
          zip.off('error', onError);
        };
        const onEntry = (e: yauzl.Entry) => {
          cleanup();
          resolve(e);
        };
        const onEnd = () => {
          cleanup();
          resolve(null);
        };
        const onError = (e: Error) => {
          cleanup();
          reject(new BadFileError('bad_zip', `The zip archive is damaged (${e.message}). Download the export again.`));
        };
        zip.on('entry', onEntry);
        zip.on('end', onEnd);
        zip.on('error', onError);
        zip.readEntry();
      });
      if (!entry) return;
      if (entry.fileName.endsWith('/') || !accept(entry.fileName)) continue;
      const stream = await new Promise<Readable>((resolve, reject) => {
        zip.openReadStream(entry, (err, s) => {
          if (err || !s)
            reject(
              new BadFileError(
                'bad_zip',
                `Cannot read ${entry.fileName} in the zip: ${err?.message ?? 'unknown error'}`,
              ),
            );
          else resolve(s);
        });
      });
      yield { entry: { name: entry.fileName, size: entry.uncompressedSize }, stream };
    }
  } finally {
    zip.close();
  }
}

/** The names of the entries of a zip, for telling the user what it holds. */
export async function zipEntryNames(path: string): Promise<string[]> {
  const zip = await openZip(path);
  const names: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(new BadFileError('bad_zip', `The zip archive is damaged (${e.message}).`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return names;
}
