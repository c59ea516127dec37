import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type RawRequest, type WatchedApp, expectRefused, fieldErrors, openWatchedApp } from './helpers.js';

/*
 * Field by field: unknown fields, wrong types, malformed values and control
 * characters. Each case names the path the error must point at; every
 * refusal is problem+json and writes nothing (expectRefused).
 */

type Case = [label: string, body: Record<string, unknown>, path: string, message?: RegExp];

describe.each(DIALECTS)('bad input: fields on %s', (dialect) => {
  let t: WatchedApp;
  let personId = '';
  let ids: { interaction: string; organisation: string; tag: string };

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    personId = (await t.client.createPerson({ body: buildPerson() })).id;
    ids = {
      interaction: (
        await t.client.createInteraction({ body: { kind: 'call', summary: 's', participantIds: [personId] } })
      ).id,
      organisation: (await t.client.createOrganisation({ body: { name: 'Fields Co' } })).id,
      tag: (await t.client.createTag({ body: { name: 'fields' } })).id,
    };
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  async function refuse(req: (body: Record<string, unknown>) => RawRequest, cases: Case[]) {
    for (const [label, body, path, message] of cases) {
      const problem = await expectRefused(t, req(body), 400, 'validation_failed');
      const errors = fieldErrors(problem);
      expect(Object.keys(errors), label).toContain(path);
      if (message) expect(errors[path], label).toMatch(message);
      expect(problem.detail, label).toContain(path);
    }
  }
  const createPerson = (body: Record<string, unknown>): RawRequest => ({
    method: 'POST',
    url: '/api/v1/people',
    body: { fullName: 'Valid Name', ...body },
  });
  const updatePerson = (body: Record<string, unknown>): RawRequest => ({
    method: 'PATCH',
    url: `/api/v1/people/${personId}`,
    body: { version: 1, ...body },
  });
  const createInteraction = (body: Record<string, unknown>): RawRequest => ({
    method: 'POST',
    url: '/api/v1/interactions',
    body: { kind: 'call', summary: 'Valid', participantIds: [personId], ...body },
  });

  it('names unknown fields, at the top and nested', async () => {
    const unknown = (field: string) => new RegExp(`unknown field.*\\b${field}\\b`);
    await refuse(createPerson, [
      ['top level', { nickName: 'typo' }, 'body', unknown('nickName')],
      ['read-only', { id: personId, createdAt: '2025-01-01T00:00:00Z' }, 'body', /id, createdAt/],
      ['in an email', { emails: [{ value: 'a@example.com', type: 'work' }] }, 'body.emails.0', unknown('type')],
      ['in how we met', { howWeMet: { introducedBy: personId } }, 'body.howWeMet', unknown('introducedBy')],
      [
        'in a date',
        { importantDates: [{ kind: 'birthday', month: 1, day: 1, when: 'x' }] },
        'body.importantDates.0',
        unknown('when'),
      ],
    ]);
    await refuse(updatePerson, [['update', { organisation: { name: 'x' } }, 'body', unknown('organisation')]]);
    await refuse(createInteraction, [['interaction', { participants: [] }, 'body', unknown('participants')]]);
    await refuse(
      (body) => ({ method: 'PATCH', url: `/api/v1/interactions/${ids.interaction}`, body }),
      [['interaction update', { version: 1, deletedAt: null }, 'body', unknown('deletedAt')]],
    );
    await refuse(
      (body) => ({ method: 'POST', url: '/api/v1/organisations', body: { name: 'N', ...body } }),
      [['organisation', { peopleCount: 3 }, 'body', unknown('peopleCount')]],
    );
    await refuse(
      (body) => ({ method: 'PATCH', url: `/api/v1/organisations/${ids.organisation}`, body }),
      [['organisation update', { version: 1, sortName: 'x' }, 'body', unknown('sortName')]],
    );
    await refuse(
      (body) => ({ method: 'POST', url: '/api/v1/tags', body: { name: 'n', ...body } }),
      [['tag', { colour: '#ffffff' }, 'body', unknown('colour')]],
    );
    await refuse(
      (body) => ({ method: 'PATCH', url: `/api/v1/tags/${ids.tag}`, body }),
      [['tag update', { version: 1 }, 'body', unknown('version')]],
    );
    await refuse(
      (body) => ({ method: 'POST', url: `/api/v1/people/${personId}/learnings`, body }),
      [['learning', { body: 'x', kind: 'goal' }, 'body', unknown('kind')]],
    );
  });

  it('refuses wrong types', async () => {
    await refuse(createPerson, [
      ['name as number', { fullName: 123 }, 'body.fullName'],
      ['name null', { fullName: null }, 'body.fullName'],
      ['circle', { circle: 'best' }, 'body.circle'],
      ['cadence as string', { cadenceDays: '7' }, 'body.cadenceDays'],
      ['cadence fraction', { cadenceDays: 1.5 }, 'body.cadenceDays'],
      ['cadence zero', { cadenceDays: 0 }, 'body.cadenceDays'],
      ['tags as string', { tags: 'rust' }, 'body.tags'],
      ['tag as number', { tags: [1] }, 'body.tags.0'],
      ['empty tag', { tags: ['  '] }, 'body.tags.0'],
      ['emails as string', { emails: 'a@example.com' }, 'body.emails'],
      ['email value', { emails: [{ value: 1 }] }, 'body.emails.0.value'],
      ['primary as string', { emails: [{ value: 'a@example.com', primary: 'yes' }] }, 'body.emails.0.primary'],
      ['purpose', { purposes: ['spy'] }, 'body.purposes.0'],
      ['how we met as string', { howWeMet: 'conference' }, 'body.howWeMet'],
      ['met channel', { howWeMet: { channel: 'telepathy' } }, 'body.howWeMet.channel'],
      [
        'month as string',
        { importantDates: [{ kind: 'birthday', month: '2', day: 1 }] },
        'body.importantDates.0.month',
      ],
      ['date kind', { importantDates: [{ kind: 'nameday', month: 2, day: 1 }] }, 'body.importantDates.0.kind'],
      ['photo as number', { photoUrl: 42 }, 'body.photoUrl'],
      ['organisation id', { organisationId: 'acme' }, 'body.organisationId'],
      ['too many tags', { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, 'body.tags'],
    ]);
    await refuse(updatePerson, [
      ['version as string', { version: '1' }, 'body.version'],
      ['version zero', { version: 0 }, 'body.version'],
    ]);
    await refuse(createInteraction, [
      ['kind', { kind: 'telepathy' }, 'body.kind'],
      ['channel', { channel: 'carrier_pigeon' }, 'body.channel'],
      ['participants as string', { participantIds: personId }, 'body.participantIds'],
      ['participant id', { participantIds: ['someone'] }, 'body.participantIds.0'],
      ['duration as string', { durationMinutes: '30' }, 'body.durationMinutes'],
      ['negative duration', { durationMinutes: -1 }, 'body.durationMinutes'],
      ['epoch timestamp', { occurredAt: 1_700_000_000 }, 'body.occurredAt'],
      ['empty summary', { summary: '' }, 'body.summary'],
    ]);
    await refuse(
      (body) => ({ method: 'POST', url: '/api/v1/organisations', body }),
      [
        ['org name null', { name: null }, 'body.name'],
        ['org without name', {}, 'body.name'],
        ['domain', { name: 'N', domain: 42 }, 'body.domain'],
      ],
    );
    await refuse(
      (body) => ({ method: 'POST', url: '/api/v1/tags', body }),
      [
        ['tag name list', { name: ['a'] }, 'body.name'],
        ['tag colour', { name: 'n', color: 'red' }, 'body.color'],
      ],
    );
  });

  it('refuses invalid emails, phones, URLs and time zones', async () => {
    await refuse(createPerson, [
      ['email', { emails: [{ value: 'not-an-email' }] }, 'body.emails.0.value', /email/],
      ['email with space', { emails: [{ value: 'a b@example.com' }] }, 'body.emails.0.value'],
      ['phone', { phones: [{ value: 'call me maybe' }] }, 'body.phones.0.value', /phone/],
      ['javascript link', { links: [{ url: 'javascript:alert(1)' }] }, 'body.links.0.url', /http/],
      ['data link', { links: [{ url: 'data:text/html,<script>alert(1)</script>' }] }, 'body.links.0.url'],
      ['ftp link', { links: [{ url: 'ftp://example.com/file' }] }, 'body.links.0.url'],
      ['not a URL', { links: [{ url: 'linkedin.com/in/someone' }] }, 'body.links.0.url'],
      ['javascript photo', { photoUrl: 'javascript:alert(1)' }, 'body.photoUrl'],
      ['time zone', { timeZone: 'Mars/Olympus_Mons' }, 'body.timeZone', /IANA/],
      ['empty time zone', { timeZone: '' }, 'body.timeZone'],
      ['offset as zone', { timeZone: '+25:00' }, 'body.timeZone'],
    ]);
    await refuse(
      (body) => ({ method: 'POST', url: '/api/v1/organisations', body: { name: 'N', ...body } }),
      [
        ['website', { website: 'javascript:alert(1)' }, 'body.website'],
        ['domain', { domain: 'not a domain' }, 'body.domain'],
      ],
    );
  });

  it('refuses dates that do not exist', async () => {
    const date = (d: Record<string, unknown>) => ({ importantDates: [{ kind: 'birthday', ...d }] });
    await refuse(createPerson, [
      ['Feb 30', date({ month: 2, day: 30 }), 'body.importantDates.0.day'],
      ['Apr 31', date({ month: 4, day: 31 }), 'body.importantDates.0.day'],
      ['Feb 29 in 2023', date({ month: 2, day: 29, year: 2023 }), 'body.importantDates.0.day', /leap/],
      ['month 13', date({ month: 13, day: 1 }), 'body.importantDates.0.month'],
      ['day 0', date({ month: 1, day: 0 }), 'body.importantDates.0.day'],
      ['met on Feb 30', { howWeMet: { date: '2025-02-30' } }, 'body.howWeMet.date'],
      ['met in month 13', { howWeMet: { date: '2025-13-01' } }, 'body.howWeMet.date'],
      ['met as date-time', { howWeMet: { date: '2025-01-01T00:00:00Z' } }, 'body.howWeMet.date'],
    ]);
    await refuse(
      (body) => ({ method: 'POST', url: `/api/v1/people/${personId}/learnings`, body }),
      [['learned Feb 29 2023', { body: 'x', learnedOn: '2023-02-29' }, 'body.learnedOn']],
    );
    await refuse(createInteraction, [
      ['occurred Feb 30', { occurredAt: '2025-02-30T10:00:00Z' }, 'body.occurredAt'],
      ['occurred without time', { occurredAt: '2025-02-28' }, 'body.occurredAt'],
      ['occurred in words', { occurredAt: 'yesterday' }, 'body.occurredAt'],
    ]);
    // Feb 29 without a year (and in a leap year) is a real birthday.
    const leap = await t.client.createPerson({
      body: buildPerson({
        importantDates: [
          { kind: 'birthday', month: 2, day: 29 },
          { kind: 'custom', month: 2, day: 29, year: 2024 },
        ],
      }),
    });
    expect(leap.importantDates.map((d) => [d.month, d.day, d.year])).toEqual([
      [2, 29, null],
      [2, 29, 2024],
    ]);
  });

  it('refuses control characters in text fields', async () => {
    await refuse(createPerson, [
      ['bell in name', { fullName: 'Ana\u0007 Bell' }, 'body.fullName', /control/],
      ['escape in name', { fullName: '\u001b[31mRed' }, 'body.fullName', /control/],
      ['NUL in name', { fullName: 'Ana\u0000' }, 'body.fullName', /control/],
      ['NUL in tag', { tags: ['ok', 'bad\u0000'] }, 'body.tags.1'],
      ['backspace in headline', { headline: 'x\b' }, 'body.headline'],
      ['NUL in email label', { emails: [{ value: 'a@example.com', label: 'w\u0000' }] }, 'body.emails.0.label'],
    ]);
    await refuse(createInteraction, [['vertical tab', { summary: 'a\u000bb' }, 'body.summary', /control/]]);
    await refuse(
      (body) => ({ method: 'POST', url: '/api/v1/organisations', body }),
      [['org name', { name: 'Evil\u0000 Corp' }, 'body.name', /control/]],
    );
    await refuse(
      (body) => ({ method: 'POST', url: '/api/v1/tags', body }),
      [['tag', { name: 'x\u001f' }, 'body.name']],
    );
    await refuse(
      (body) => ({ method: 'POST', url: `/api/v1/people/${personId}/learnings`, body }),
      [['learning', { body: 'likes\u0000 tea' }, 'body.body']],
    );
  });

  // PostgreSQL cannot store U+0000 in text (it answers 500 today) and SQLite
  // stores it silently: both must refuse it as bad input, like every other text field.
  it.each([
    ['person', '/api/v1/people', { fullName: 'Nul Person' }],
    ['interaction', '/api/v1/interactions', { kind: 'call', summary: 'Nul' }],
    ['organisation', '/api/v1/organisations', { name: 'Nul Co' }],
  ] as const)('refuses NUL characters in %s notes', async (_what, url, body) => {
    const extra = url === '/api/v1/interactions' ? { participantIds: [personId] } : {};
    await refuse(
      (b) => ({ method: 'POST', url, body: { ...body, ...extra, ...b } }),
      [['notes', { notes: 'a\u0000b' }, 'body.notes']],
    );
  });

  it.each([
    ['/api/v1/people', 'q'],
    ['/api/v1/people', 'tag'],
    ['/api/v1/people', 'topic'],
    ['/api/v1/organisations', 'q'],
  ])('refuses NUL characters in %s?%s=', async (url, param) => {
    const problem = await expectRefused(t, { method: 'GET', url: `${url}?${param}=a%00b` }, 400, 'validation_failed');
    expect(Object.keys(fieldErrors(problem))).toEqual([`query.${param}`]);
  });

  it('reports every invalid field at once', async () => {
    const problem = await expectRefused(
      t,
      createPerson({ fullName: '', circle: 'best', emails: [{ value: 'x' }], bogus: 1 }),
      400,
      'validation_failed',
    );
    expect(Object.keys(fieldErrors(problem)).sort()).toEqual([
      'body',
      'body.circle',
      'body.emails.0.value',
      'body.fullName',
    ]);
  });
});
