import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVcards, vcardToPerson } from '../../src/formats/vcard.js';
import { DIALECTS } from '../support/db.js';
import { fillWorkspace } from '../support/rich-workspace.js';
import { type WatchedApp, expectProblem, openWatchedApp, send } from './helpers.js';

/*
 * CSV and vCard export through the API on both databases: the columns,
 * formula injection neutralised, filters, and vCards that read back through
 * our own parser into the same people.
 */

describe.each(DIALECTS)('export on %s', (dialect) => {
  let t: WatchedApp;
  let ana: Awaited<ReturnType<typeof fillWorkspace>>['ana'];
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    ({ ana } = await fillWorkspace(t.client));
    await t.client.createPerson({ body: { fullName: '@SUM(1+1)', tags: ['formula'], notes: '+1 555 0100' } });
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('writes CSV with a header, one row per live person, and neutralised formulas', async () => {
    const res = await send(t.app, { method: 'GET', url: '/api/v1/export/people.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="tend-people-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.full_name).sort()).toEqual(["'@SUM(1+1)", 'Ana Ruiz x', 'Raj Patel x']);
    const a = rows.find((r) => r.id === ana.id);
    expect(a).toMatchObject({
      headline: `'=cmd|" /C calc"!A0 builds robots`,
      organisation: 'Acme x',
      title: 'CTO',
      primary_email: 'ana.x@acme.example',
      emails: 'ana.x@acme.example (work); ana.x@home.example (Side project)',
      phones: "'+351 912 345 678 (mobile)",
      tags: 'investor; lisbon',
      topics: 'robotics; tea',
      circle: 'close',
      cadence_days: '30',
      last_contacted: '2025-06-01T10:00:00.000Z',
      birthday: '04-15',
      notes: 'Notes with "quotes", commas, and\nnew lines — and ünïcödé 🎉',
    });
    const formula = rows.find((r) => r.full_name === "'@SUM(1+1)");
    expect(formula?.notes).toBe("'+1 555 0100");
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('filters by tag and circle', async () => {
    const byTag = await t.client.exportCsv({ query: { tag: 'Investor' } });
    expect((parse(byTag, { bom: true, columns: true }) as unknown[]).length).toBe(2);
    const byCircle = await t.client.exportCsv({ query: { circle: 'inner' } });
    expect((parse(byCircle, { bom: true, columns: true }) as { full_name: string }[]).map((r) => r.full_name)).toEqual([
      'Raj Patel x',
    ]);
    const none = await t.client.exportVcard({ query: { tag: 'no-such-tag' } });
    expect(none).toBe('');
  });

  it.each(['4.0', '3.0'] as const)('writes vCard %s that reads back into the same people', async (version) => {
    const res = await send(t.app, { method: 'GET', url: `/api/v1/export/people.vcf?version=${version}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/vcard/);
    expect(res.body).toMatch(/^BEGIN:VCARD\r\nVERSION:/);
    const { cards, errors } = parseVcards(res.body);
    expect(errors).toEqual([]);
    expect(cards).toHaveLength(3);
    expect(cards.every((c) => c.version === version)).toBe(true);
    const card = cards.find((c) => c.fn === 'Ana Ruiz x');
    if (!card) throw new Error('no card for Ana');
    const back = vcardToPerson(card);
    if (!back.ok) throw new Error(back.error);
    expect(back.tendId).toBe(ana.id);
    expect(back.person).toMatchObject({
      fullName: ana.fullName,
      givenName: 'Ana',
      familyName: 'Ruiz',
      nickname: 'Anita',
      headline: ana.headline,
      roleTitle: 'CTO',
      organisationName: 'Acme x',
      location: 'Lisbon, Portugal',
      timeZone: 'Europe/Lisbon',
      photoUrl: 'https://example.com/ana.jpg',
      circle: 'close',
      cadenceDays: 30,
      notes: ana.notes,
      tags: ['investor', 'lisbon'],
      topics: ['robotics', 'tea'],
      emails: [
        { value: 'ana.x@acme.example', label: 'work', primary: true },
        { value: 'ana.x@home.example', label: 'Side project' },
      ],
      phones: [{ value: '+351 912 345 678', label: 'mobile', primary: true }],
      links: [{ url: 'https://www.linkedin.com/in/ana-x', label: 'linkedin' }],
      importantDates: [
        { kind: 'birthday', month: 4, day: 15 },
        { kind: 'work_anniversary', month: 9, day: 1, year: 2019 },
      ],
    });
  });

  it('refuses a bad version or circle with a problem', async () => {
    expectProblem(
      await send(t.app, { method: 'GET', url: '/api/v1/export/people.vcf?version=2.1' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await send(t.app, { method: 'GET', url: '/api/v1/export/people.csv?circle=best' }),
      400,
      'validation_failed',
    );
  });
});
