import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectRefused, fieldErrors, openWatchedApp, send } from './helpers.js';

/*
 * Strings that are valid but unfriendly: markup, SQL, emoji, right-to-left
 * text, combining marks, long text. Within the limits they are stored and
 * given back exactly as sent; one character over a limit is a 400.
 */

const HOSTILE = {
  script: '<script>alert("x")</script>',
  sql: "Robert'); DROP TABLE people;--",
  emoji: 'Zoë 👩🏽‍💻 Chen 🇵🇹',
  rtl: 'مريم \u202eevil\u202c שלום',
  zeroWidth: 'Ze\u200bro\u200dWidth',
  combining: 'Jose\u0301 Decomposed',
  json: '{"fullName": "nested"} \\" \\u0000',
  percentEncoded: '%00 %27 %3Cscript%3E',
};

describe.each(DIALECTS)('hostile strings on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  it.each(Object.entries(HOSTILE))('stores a %s name verbatim and finds it again', async (_kind, value) => {
    const created = await t.client.createPerson({
      body: buildPerson({ fullName: value, headline: value, tags: [value.slice(0, 60)], notes: value }),
    });
    const read = await t.client.getPerson({ params: { id: created.id } });
    expect(read).toMatchObject({ fullName: value, headline: value, notes: value, tags: [value.slice(0, 60)] });
    const listed = await t.client.listPeople({ query: { q: value, limit: 500 } });
    expect(listed.items.map((p) => p.id)).toContain(created.id);
    expect(listed.items.find((p) => p.id === created.id)?.fullName).toBe(value);
  });

  it('keeps tabs and newlines in notes, and markdown as written', async () => {
    const notes = '# Title\n\n\t- item with `code` and <b>html</b>\r\n> quote\n';
    const p = await t.client.createPerson({ body: buildPerson({ notes }) });
    expect((await t.client.getPerson({ params: { id: p.id } })).notes).toBe(notes);
  });

  it('stores 10 kB of text where the limit allows it', async () => {
    const tenKb = 'Ωmega 🙂 '.repeat(1024).slice(0, 10 * 1024);
    const p = await t.client.createPerson({ body: buildPerson({ notes: tenKb }) });
    expect((await t.client.getPerson({ params: { id: p.id } })).notes).toBe(tenKb);
    const learning = await t.client.createLearning({ params: { id: p.id }, body: { body: tenKb.slice(0, 5000) } });
    expect(learning.body).toBe(tenKb.slice(0, 5000));
    const i = await t.client.createInteraction({
      body: { kind: 'meeting', summary: 's', notes: tenKb, participantIds: [p.id] },
    });
    expect((await t.client.getInteraction({ params: { id: i.id } })).notes).toBe(tenKb);
    const o = await t.client.createOrganisation({ body: { name: 'Ten KB Co', notes: tenKb } });
    expect((await t.client.getOrganisation({ params: { id: o.id } })).notes).toBe(tenKb);
  });

  it('refuses a 10 kB name, and names one character over the limit', async () => {
    const tenKbName = 'N'.repeat(10 * 1024);
    const problem = await expectRefused(
      t,
      { method: 'POST', url: '/api/v1/people', body: { fullName: tenKbName } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(problem)['body.fullName']).toMatch(/at most 200/);
    const atLimit = await t.client.createPerson({ body: { fullName: 'x'.repeat(200) } });
    expect(atLimit.fullName).toHaveLength(200);
    for (const [url, body, path] of [
      ['/api/v1/people', { fullName: 'x'.repeat(201) }, 'body.fullName'],
      ['/api/v1/people', { fullName: 'ok', headline: 'h'.repeat(301) }, 'body.headline'],
      ['/api/v1/people', { fullName: 'ok', notes: 'n'.repeat(100_001) }, 'body.notes'],
      ['/api/v1/people', { fullName: 'ok', tags: ['t'.repeat(61)] }, 'body.tags.0'],
      ['/api/v1/organisations', { name: 'o'.repeat(201) }, 'body.name'],
      ['/api/v1/tags', { name: 't'.repeat(61) }, 'body.name'],
      [
        '/api/v1/interactions',
        { kind: 'call', summary: 's'.repeat(501), participantIds: [atLimit.id] },
        'body.summary',
      ],
    ] as const) {
      const p = await expectRefused(t, { method: 'POST', url, body }, 400, 'validation_failed');
      expect(Object.keys(fieldErrors(p))).toEqual([path]);
    }
  });

  it('trims surrounding whitespace but keeps inner spacing', async () => {
    const p = await t.client.createPerson({ body: { fullName: '  Ana   Maria  ', tags: ['  spaced  tag '] } });
    expect(p.fullName).toBe('Ana   Maria');
    expect(p.tags).toEqual(['spaced  tag']);
  });

  it('treats hostile search input as text', async () => {
    for (const q of ["' or 1=1 --", '"; select * from people; --', '\\', '*', '(', ':*', '%_%', '$$']) {
      const res = await send(t.app, { method: 'GET', url: `/api/v1/people?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, q).toBe(200);
    }
    const sql = await t.client.listPeople({ query: { q: 'DROP TABLE people;--' } });
    expect(sql.items.map((p) => p.fullName)).toEqual([HOSTILE.sql]);
  });
});
