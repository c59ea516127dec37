import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadFileError } from './read.js';
import { itemsOf } from './source.js';
import { IMPORT_SOURCES, type ImportSource } from './types.js';

/*
 * No file can crash an importer: random bytes, random CSV-ish text and
 * truncations of real fixtures either yield items (rows and reported
 * errors) or a BadFileError with a message, never any other exception.
 */

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'import');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-fuzz-'));
let n = 0;

async function drain(source: ImportSource, bytes: Uint8Array): Promise<void> {
  const file = path.join(dir, `f${n++}`);
  fs.writeFileSync(file, bytes);
  try {
    for await (const item of itemsOf({
      source,
      files: [{ name: 'upload.csv', path: file, size: bytes.length }],
      mapping: { Name: 'fullName', name: 'fullName', 'First Name': 'givenName', Email: 'email' },
    })) {
      expect(['person', 'message', 'error', 'skip']).toContain(item.type);
      expect(item.line).toBeGreaterThan(0);
    }
  } catch (err) {
    if (!(err instanceof BadFileError)) throw err;
    expect(err.message.length).toBeGreaterThan(10);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const csvish = fc
  .array(
    fc.array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          '"',
          '""',
          ',',
          '\n',
          '\r\n',
          ' ::: ',
          'First Name',
          'Last Name',
          'Connected On',
          'BEGIN:VCARD',
          'END:VCARD',
          '=\r\n',
        ),
      ),
      {
        maxLength: 8,
      },
    ),
    { maxLength: 20 },
  )
  .map((rows) => new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n')));

describe('importers never crash', () => {
  it('on random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...IMPORT_SOURCES), fc.uint8Array({ maxLength: 2000 }), drain), {
      numRuns: 150,
    });
  });

  it('on random CSV-like text', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...IMPORT_SOURCES), csvish, drain), { numRuns: 200 });
  });

  it('on every truncation point of real files', async () => {
    const files: [ImportSource, string][] = [
      ['linkedin', 'linkedin-connections-preamble.csv'],
      ['linkedin', 'linkedin-export.zip'],
      ['linkedin', 'linkedin-messages.csv'],
      ['google', 'google-current.csv'],
      ['google', 'google-utf16.csv'],
      ['outlook', 'outlook-modern.csv'],
      ['vcard', 'contacts.vcf'],
    ];
    for (const [source, name] of files) {
      const bytes = fs.readFileSync(path.join(FIXTURES, name));
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: bytes.length }), (cut) => drain(source, bytes.subarray(0, cut))),
        { numRuns: 40 },
      );
    }
  });
});
