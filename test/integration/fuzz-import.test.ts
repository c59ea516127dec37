import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportBatch, ImportPreview, ImportSource } from '../../src/contract/import.js';
import { BACKED_UP_TABLES } from '../../src/storage/backup-tables.js';
import { DIALECTS } from '../support/db.js';
import { contentTypeOf, FIXTURES } from '../support/imports.js';
import { recordReliability } from '../support/reliability.js';
import { fillWorkspace } from '../support/rich-workspace.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/*
 * Hostile files through the whole import flow over HTTP (create, upload,
 * preview, apply) and hostile backups through restore. Real fixtures are
 * re-encoded (Latin-1, UTF-16 LE/BE with a BOM), cut at random points,
 * salted with invalid UTF-8, NUL bytes and mixed line endings, blown up with
 * huge fields and thousands of columns, or replaced by random bytes. Each
 * must end in a clear 4xx, or in an import whose report names the bad rows
 * and whose applied count is exactly what was written: never a 5xx, never a
 * half-applied file. A hostile backup is refused whole or restored whole.
 */

const RUNS = Number(process.env.TEND_FUZZ_RUNS ?? 12);

const MAPPING = {
  Name: 'fullName',
  'Work Email': 'email',
  Mobile: 'phone',
  Employer: 'organisation',
  Role: 'roleTitle',
  City: 'location',
  Tags: 'tags',
  'Met on': 'metOn',
  LinkedIn: 'linkedin',
} as const;

const FILES: { source: ImportSource; name: string }[] = [
  { source: 'csv', name: 'generic.csv' },
  { source: 'linkedin', name: 'linkedin-connections-preamble.csv' },
  { source: 'linkedin', name: 'linkedin-export.zip' },
  { source: 'linkedin', name: 'linkedin-messages.csv' },
  { source: 'google', name: 'google-current.csv' },
  { source: 'outlook', name: 'outlook-modern.csv' },
  { source: 'vcard', name: 'contacts.vcf' },
];

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (endian === 'le') return le;
  for (let i = 0; i + 1 < le.length; i += 2) {
    const a = le[i] as number;
    le[i] = le[i + 1] as number;
    le[i + 1] = a;
  }
  return le;
}

/** Ways to spoil a text file; each takes the file and a random number. */
const SPOILERS: Record<string, (bytes: Buffer, r: number) => Buffer> = {
  truncated: (b, r) => b.subarray(0, Math.floor(r * b.length)),
  latin1: (b) => Buffer.from(b.toString('utf8'), 'latin1'),
  'utf-16 le with BOM': (b) => utf16(b.toString('utf8'), 'le'),
  'utf-16 be with BOM': (b) => utf16(b.toString('utf8'), 'be'),
  'invalid utf-8': (b, r) => {
    const at = Math.floor(r * b.length);
    return Buffer.concat([b.subarray(0, at), Buffer.from([0xff, 0xc3, 0x28, 0xa0, 0xe2, 0x82]), b.subarray(at)]);
  },
  'NUL bytes': (b, r) => {
    const out = Buffer.from(b);
    for (let i = Math.floor(r * 7); i < out.length; i += 13) out[i] = 0;
    return out;
  },
  'mixed line endings': (b, r) => {
    let n = Math.floor(r * 100);
    return Buffer.from(b.toString('utf8').replace(/\r?\n/g, () => ['\n', '\r\n', '\r', '\n\r'][n++ % 4] as string));
  },
  'huge field': (b, r) => {
    const text = b.toString('utf8');
    const at = text.indexOf('\n', Math.floor(r * text.length));
    const cut = at < 0 ? text.length : at + 1;
    return Buffer.from(`${text.slice(0, cut)}${'x'.repeat(300_000)},"${'y'.repeat(100_000)}\n${text.slice(cut)}`);
  },
  'many columns': (b) => Buffer.from(`${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n${b}`),
  'control characters': (b, r) => {
    const text = b.toString('utf8');
    const at = Math.floor(r * text.length);
    return Buffer.from(`${text.slice(0, at)}\u0001\u0008\u001b[31m\u007f\u202e=cmd|' /C calc'!A0${text.slice(at)}`);
  },
};

describe.each(DIALECTS)('fuzz: importers and restore over HTTP on %s', (dialect) => {
  let t: WatchedApp;
  const stats = { files: 0, refused: 0, applied: 0, failed: 0, badRows: 0, partialWrites: 0, restores: 0 };
  const problems: string[] = [];
  const started = Date.now();
  let restoreStarted = 0;
  let tables: string[] = [];

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    await fillWorkspace(t.client, 'imp');
    tables = BACKED_UP_TABLES.map((b) => b.sql);
  });
  afterAll(async () => {
    await t?.close();
    const ok = (t?.serverErrors.length ?? 1) === 0 && problems.length === 0;
    const importSeconds = Math.round(((restoreStarted || Date.now()) - started) / 1000);
    recordReliability({
      id: `fuzz-import-${dialect}`,
      area: 'hostile input',
      test: `test/integration/fuzz-import.test.ts (${dialect}): hostile files through upload, preview and apply`,
      tried: `${stats.files} files (${FILES.length} real exports × ${Object.keys(SPOILERS).length} spoilers: truncated, Latin-1, UTF-16 LE/BE with BOM, invalid UTF-8, NUL, mixed line endings, 300 kB fields, 5,000 columns, control characters; plus random bytes) for 5 sources in ${importSeconds} s`,
      result: `${t?.serverErrors.length ?? '?'} × 5xx, ${stats.partialWrites} partial writes; ${stats.refused} refused with a problem code, ${stats.applied} applied with ${stats.badRows} bad rows reported, ${stats.failed} failed whole`,
      ok,
    });
    recordReliability({
      id: `fuzz-restore-${dialect}`,
      area: 'hostile input',
      test: `test/integration/fuzz-import.test.ts (${dialect}): hostile backup documents through restore`,
      tried: `${stats.restores} spoilt backups (cut, values replaced by random JSON, deep nesting, ids and references broken) in ${restoreStarted ? Math.round((Date.now() - restoreStarted) / 1000) : 0} s`,
      result: `${t?.serverErrors.length ?? '?'} × 5xx, ${stats.partialWrites} partial writes; each refused whole or restored whole`,
      ok,
    });
    expect(t?.serverErrors ?? []).toEqual([]);
  });

  async function counts(): Promise<Record<string, number>> {
    const parts = tables.map((name) => `(select count(*) from ${name}) as "${name}"`);
    const { rows } = await sql.raw<Record<string, unknown>>(`select ${parts.join(', ')}`).execute(t.db.kysely);
    return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, n]) => [k, Number(n)]));
  }

  function checkResponse(res: LightMyRequestResponse, what: string): boolean {
    const where = `${what} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
    if (res.statusCode >= 500) problems.push(where);
    expect(res.statusCode, where).toBeLessThan(500);
    if (res.statusCode < 400) return true;
    expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
    expect((res.json() as { code?: string }).code, where).toEqual(expect.any(String));
    return false;
  }

  /** Uploads, previews and applies one file; checks what was written against the report. */
  async function importOne(source: ImportSource, name: string, bytes: Buffer, label: string): Promise<void> {
    stats.files++;
    const what = `${source} ${name} (${label}, ${bytes.length} bytes)`;
    const created = await t.client.createImport({
      body: { source, ...(source === 'csv' ? { mapping: MAPPING } : {}) },
    });
    const before = await counts();
    const refused = async () => {
      stats.refused++;
      const after = await counts();
      if (JSON.stringify(after) !== JSON.stringify(before)) stats.partialWrites++;
      expect(after, `refused but wrote: ${what}`).toEqual(before);
    };
    const up = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/imports/${created.id}/files/${encodeURIComponent(name)}`,
      headers: { 'content-type': contentTypeOf(name) },
      payload: bytes,
    });
    if (!checkResponse(up, `upload ${what}`)) return refused();
    const preview = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${created.id}/preview`, payload: {} });
    if (!checkResponse(preview, `preview ${what}`)) return refused();
    const report = (preview.json() as ImportPreview).report;
    expect(await counts(), `preview wrote: ${what}`).toEqual(before);
    const apply = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${created.id}/apply` });
    if (!checkResponse(apply, `apply ${what}`)) return refused();
    const batch = apply.json() as ImportBatch;
    const after = await counts();
    if (batch.status !== 'applied') {
      stats.failed++;
      expect(batch.error, what).toEqual(expect.any(String));
      expect(after, `a failed import wrote: ${what}`).toEqual(before);
      return;
    }
    stats.applied++;
    stats.badRows += batch.report?.counts.errors ?? 0;
    expect(batch.report?.counts, what).toEqual(report?.counts);
    // Every bad row is named with its line; every person reported created is there, no more.
    for (const e of batch.report?.errors ?? []) expect(e.line, what).toBeGreaterThan(0);
    const createdPeople = (after.people ?? 0) - (before.people ?? 0);
    if (createdPeople !== batch.report?.counts.created) stats.partialWrites++;
    expect(createdPeople, `people written vs reported: ${what}`).toBe(batch.report?.counts.created);
  }

  it.each(Object.keys(SPOILERS))(
    'imports files spoilt by %s',
    async (spoiler) => {
      const spoil = SPOILERS[spoiler] as (b: Buffer, r: number) => Buffer;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...FILES), fc.double({ min: 0, max: 1, noNaN: true }), async (file, r) => {
          const original = fs.readFileSync(path.join(FIXTURES, file.name));
          // A zip is binary: only cutting it and flipping its bytes make sense; the rest spoil its CSV cousin.
          if (file.name.endsWith('.zip') && spoiler !== 'truncated' && spoiler !== 'NUL bytes') return;
          await importOne(file.source, file.name, spoil(original, r), spoiler);
        }),
        { numRuns: RUNS + 4 },
      );
    },
    120_000,
  );

  it('imports random bytes and random text as every source', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES),
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
          fc.string({ unit: 'binary', maxLength: 2000 }).map((s) => Buffer.from(s)),
        ),
        async (file, bytes) => importOne(file.source, file.name, bytes, 'random'),
      ),
      { numRuns: RUNS * 4 },
    );
  }, 120_000);

  it('refuses spoilt backups whole, or restores them whole', async () => {
    restoreStarted = Date.now();
    const backup = (await t.app.inject({ method: 'GET', url: '/api/v1/backup' })).body;
    const doc = JSON.parse(backup) as Record<string, unknown>;
    let target = await t.createUser();
    const restore = async (payload: string, label: string) => {
      stats.restores++;
      const before = await counts();
      const res = await t.anonymousApp.inject({
        method: 'POST',
        url: '/api/v1/restore',
        headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
        payload,
      });
      if (!checkResponse(res, `restore ${label}`)) {
        const after = await counts();
        if (JSON.stringify(after) !== JSON.stringify(before)) stats.partialWrites++;
        expect(after, `a refused restore wrote: ${label}`).toEqual(before);
        return;
      }
      // Restored whole: the next case needs an empty workspace again.
      target = await t.createUser();
    };
    const paths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
      v && typeof v === 'object'
        ? [
            at,
            ...Object.entries(v)
              .slice(0, 6)
              .flatMap(([k, x]) => paths(x, [...at, Array.isArray(v) ? Number(k) : k])),
          ]
        : [at];
    const all = paths(doc).filter((p) => p.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 2 }), async (at, value) => {
        const copy = structuredClone(doc);
        let node = copy as Record<string | number, unknown>;
        for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
        node[at[at.length - 1] as string] = value;
        await restore(JSON.stringify(copy), `${at.join('.')} = ${JSON.stringify(value)?.slice(0, 60)}`);
      }),
      { numRuns: RUNS * 10 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: backup.length - 1 }), async (cut) =>
        restore(backup.slice(0, cut), `cut at ${cut}`),
      ),
      { numRuns: RUNS * 2 },
    );
    await restore(`{"format": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'deep nesting');
    await restore(backup.replace(/"id":"[^"]+"/, '"id":"not-an-id"'), 'a bad id');
    await restore(
      backup.replace(/"personId":"[^"]+"/g, '"personId":"01900000-0000-7000-8000-000000000000"'),
      'dangling',
    );
    await restore(backup.replaceAll('"version":', '"version":"x","v":'), 'wrong types everywhere');
  }, 120_000);
});
