import { BadFileError, type CsvRecord } from '../read.js';
import { IMPORT_LIMITS, type ImportItem } from '../types.js';

/*
 * A CSV with a header row, read by column name: exports add, drop and reorder
 * columns between versions, so nothing here depends on positions.
 */

/** A header as compared: lower case, letters and digits only ("E-mail 1 - Value" → "email1value"). */
export function key(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface Row {
  file: string;
  line: number;
  /** The trimmed value of the first present column among these names, or ''. */
  get(...names: string[]): string;
  has(name: string): boolean;
  headers: string[];
  values: string[];
}

export interface TableOptions {
  file: string;
  /** Whether a record is the header row; records before it (a "Notes:" preamble) are skipped. */
  isHeader: (keys: Set<string>) => boolean;
  /** What the file must have, for the error when no header is found. */
  required: string;
  /** How many leading records may be preamble. */
  maxPreamble?: number;
}

export type TableItem = { type: 'row'; row: Row } | Extract<ImportItem, { type: 'error' }>;

export async function* tableRows(records: AsyncIterable<CsvRecord>, o: TableOptions): AsyncGenerator<TableItem> {
  let index: Map<string, number> | null = null;
  let headers: string[] = [];
  let seen = 0;
  let rows = 0;
  for await (const rec of records) {
    if (!index) {
      seen++;
      const keys = rec.values.map(key);
      if (o.isHeader(new Set(keys))) {
        headers = rec.values.map((h) => h.replace(/^\uFEFF/, '').trim());
        index = new Map();
        keys.forEach((k, i) => {
          if (!index?.has(k)) index?.set(k, i);
        });
      } else if (seen > (o.maxPreamble ?? 10)) {
        break;
      }
      continue;
    }
    if (rec.values.every((v) => v.trim() === '')) continue;
    if (++rows > IMPORT_LIMITS.rows) {
      throw new BadFileError(
        'too_many_rows',
        `The file has more than ${IMPORT_LIMITS.rows.toLocaleString('en')} rows: split it.`,
      );
    }
    const long = rec.values.findIndex((v) => v.length > IMPORT_LIMITS.fieldChars);
    if (long !== -1) {
      yield {
        type: 'error',
        file: o.file,
        line: rec.line,
        message: `column "${headers[long] ?? long + 1}" has more than ${IMPORT_LIMITS.fieldChars.toLocaleString('en')} characters`,
      };
      continue;
    }
    const idx = index;
    const values = rec.values;
    yield {
      type: 'row',
      row: {
        file: o.file,
        line: rec.line,
        headers,
        values,
        has: (name) => idx.has(key(name)),
        get: (...names) => {
          for (const n of names) {
            const i = idx.get(key(n));
            if (i !== undefined) {
              const v = (values[i] ?? '').trim();
              if (v) return v;
            }
          }
          return '';
        },
      },
    };
  }
  if (!index) {
    throw new BadFileError('missing_columns', `${o.file}: no header row found. ${o.required}`);
  }
}

/** "a ::: b" (Google), "a;b" (Outlook categories): the non-empty parts. */
export function splitMulti(value: string, sep: string | RegExp = ' ::: '): string[] {
  return value
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function joinName(...parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ');
}

export function orNull(s: string): string | null {
  return s === '' ? null : s;
}
