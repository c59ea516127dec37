import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '../../src/contract/client.js';
import type { ImportBatch, ImportPreview, ImportSource } from '../../src/contract/import.js';

/** Uploading the fixture files of test/fixtures/import through the typed client. */

export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'import');

export function contentTypeOf(name: string): string {
  if (name.endsWith('.zip')) return 'application/zip';
  if (name.endsWith('.vcf')) return 'text/vcard';
  if (name.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}

export async function upload(client: Client, source: ImportSource, names: string[], mapping?: Record<string, string>) {
  const batch = await client.createImport({
    body: { source, ...(mapping ? { mapping: mapping as never } : {}) },
  });
  for (const name of names) {
    await client.uploadImportFile({
      params: { id: batch.id, name: path.basename(name) },
      raw: { contentType: contentTypeOf(name), body: fs.readFileSync(path.join(FIXTURES, name)) },
    });
  }
  return batch;
}

export async function importFiles(
  client: Client,
  source: ImportSource,
  names: string[],
  mapping?: Record<string, string>,
): Promise<{ preview: ImportPreview; applied: ImportBatch }> {
  const batch = await upload(client, source, names, mapping);
  const preview = await client.previewImport({ params: { id: batch.id }, body: {} });
  const applied = await client.applyImport({ params: { id: batch.id } });
  return { preview, applied };
}
