import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../src/formats/dav-xml.js';
import { openTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';

/* CardDAV (RFC 6352, 6764, 6578) spoken by hand: raw requests with XML bodies. */

const basic = (token: string) => `Basic ${Buffer.from(`me@example.com:${token}`).toString('base64')}`;

const PHONE_CARD = (uid: string, name: string, extra = '') =>
  [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:${uid}`,
    `FN:${name}`,
    `N:${name.split(' ').slice(-1)[0]};${name.split(' ')[0]};;;`,
    'TEL;TYPE=CELL:+44 7700 900123',
    extra,
    'END:VCARD',
    '',
  ]
    .filter((l, i, a) => l !== '' || i === a.length - 1)
    .join('\r\n');

describe.each(DIALECTS)('CardDAV on %s', (dialect) => {
  let t: TestApp;
  let auth: string;
  let userId: string;
  let book: string;
  let ana: string;
  const dav = (method: string, url: string, body?: string, headers: Record<string, string> = {}) =>
    t.anonymousApp.inject({
      method: method as 'GET',
      url,
      headers: {
        authorization: auth,
        ...(body !== undefined ? { 'content-type': 'application/xml' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body } : {}),
    });

  beforeAll(async () => {
    t = await openTestApp(dialect);
    auth = basic(t.owner.token);
    userId = t.owner.user.id;
    book = `/dav/addressbooks/${userId}/contacts/`;
    const a = await t.client.createPerson({
      body: buildPerson({
        fullName: 'Ana Ruiz',
        circle: 'close',
        cadenceDays: 30,
        notes: 'Met at the Lisbon meetup',
        tags: ['design'],
        emails: [{ value: 'ana@example.com', label: 'work' }],
      }),
    });
    ana = a.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('redirects /.well-known/carddav and asks for Basic credentials', async () => {
    const wk = await t.anonymousApp.inject({ method: 'PROPFIND' as 'GET', url: '/.well-known/carddav' });
    expect(wk.statusCode).toBe(301);
    expect(wk.headers.location).toBe('/dav/');
    const anon = await t.anonymousApp.inject({ method: 'PROPFIND' as 'GET', url: '/dav/' });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['www-authenticate']).toMatch(/^Basic realm="Tend"/);
    const bad = await t.anonymousApp.inject({
      method: 'PROPFIND' as 'GET',
      url: '/dav/',
      headers: { authorization: basic('tend_not-a-token') },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toMatch(/^Basic/);
    const opts = await t.anonymousApp.inject({ method: 'OPTIONS', url: book });
    expect(opts.headers.dav).toContain('addressbook');
  });

  it('discovers principal, home and address book with namespace prefixes of any spelling', async () => {
    const root = await dav(
      'PROPFIND',
      '/dav/',
      '<?xml version="1.0"?><x:propfind xmlns:x="DAV:"><x:prop><x:current-user-principal/></x:prop></x:propfind>',
      { depth: '0' },
    );
    expect(root.statusCode).toBe(207);
    expect(root.body).toContain(`<d:current-user-principal><d:href>/dav/principals/${userId}/</d:href>`);

    const principal = await dav(
      'PROPFIND',
      `/dav/principals/${userId}/`,
      '<propfind xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><prop><C:addressbook-home-set/><displayname/><C:unknown-thing/></prop></propfind>',
      { depth: '0' },
    );
    expect(principal.body).toContain(`<card:addressbook-home-set><d:href>/dav/addressbooks/${userId}/</d:href>`);
    expect(principal.body).toMatch(/<card:unknown-thing\/><\/d:prop><d:status>HTTP\/1.1 404 Not Found/);

    const home = await dav(
      'PROPFIND',
      `/dav/addressbooks/${userId}/`,
      `<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:displayname/><x:getctag xmlns:x="http://calendarserver.org/ns/"/><d:sync-token/><d:supported-report-set/></d:prop></d:propfind>`,
      { depth: '1' },
    );
    expect(home.statusCode).toBe(207);
    const xml = parseXml(home.body);
    expect(xml.children.filter((c) => c.name === 'response')).toHaveLength(2);
    expect(home.body).toContain(`<d:href>${book}</d:href>`);
    expect(home.body).toContain('<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>');
    expect(home.body).toMatch(/<cs:getctag>urn:tend:carddav:sync:\d+<\/cs:getctag>/);
    expect(home.body).toContain('<card:addressbook-multiget/>');
    expect(home.body).toContain('<d:sync-collection/>');
  });

  it('lists cards with ETags (Depth 1), serves them, and keeps ETags strong', async () => {
    const list = await dav(
      'PROPFIND',
      book,
      '<propfind xmlns="DAV:"><prop><getetag/><getcontenttype/></prop></propfind>',
      { depth: '1' },
    );
    expect(list.statusCode).toBe(207);
    expect(list.body).toContain(`<d:href>${book}${ana}.vcf</d:href>`);
    const etag = /<d:getetag>([^<]+)<\/d:getetag>/.exec(list.body)?.[1]?.replace(/&quot;/g, '"');
    expect(etag).toMatch(/^"\d+-\d+"$/);
    expect(list.body).toContain('text/vcard; charset=utf-8');

    const get = await dav('GET', `${book}${ana}.vcf`);
    expect(get.statusCode).toBe(200);
    expect(get.headers.etag).toBe(etag);
    expect(get.body).toContain('FN:Ana Ruiz\r\n');
    expect(get.body).toContain('X-TEND-CIRCLE:close');

    const depth0 = await dav('PROPFIND', book, undefined, { depth: '0' });
    expect(parseXml(depth0.body).children).toHaveLength(1);
  });

  it('PUT from a phone updates the fields the card carries and keeps Tend-only ones; If-Match guards it', async () => {
    const url = `${book}${ana}.vcf`;
    const before = await dav('GET', url);
    const stale = await dav('PUT', url, PHONE_CARD(`urn:uuid:${ana}`, 'Ana Ruiz-Lopes'), {
      'content-type': 'text/vcard',
      'if-match': '"1-20000101000000000"',
    });
    expect(stale.statusCode).toBe(412);
    const exists = await dav('PUT', url, PHONE_CARD(`urn:uuid:${ana}`, 'Ana Ruiz-Lopes'), {
      'content-type': 'text/vcard',
      'if-none-match': '*',
    });
    expect(exists.statusCode).toBe(412);
    const put = await dav('PUT', url, PHONE_CARD(`urn:uuid:${ana}`, 'Ana Ruiz-Lopes'), {
      'content-type': 'text/vcard',
      'if-match': String(before.headers.etag),
    });
    expect(put.statusCode).toBe(204);
    const person = await t.client.getPerson({ params: { id: ana } });
    expect(person.fullName).toBe('Ana Ruiz-Lopes');
    expect(person.phones.map((p) => p.value)).toEqual(['+44 7700 900123']);
    // Not on the phone's card: kept.
    expect(person.circle).toBe('close');
    expect(person.cadenceDays).toBe(30);
    expect(person.notes).toBe('Met at the Lisbon meetup');
    expect(person.tags).toEqual(['design']);
    expect(person.emails.map((e) => e.value)).toEqual(['ana@example.com']);
    const after = await dav('GET', url);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('a new card creates a person at the name the client chose; DELETE moves them to the trash', async () => {
    const url = `${book}phone-1234.vcf`;
    const created = await dav('PUT', url, PHONE_CARD('phone-1234', 'Bruno Costa', 'EMAIL:bruno@example.com'), {
      'content-type': 'text/vcard; charset=utf-8',
      'if-none-match': '*',
    });
    expect(created.statusCode).toBe(201);
    const got = await dav('GET', url);
    expect(got.statusCode).toBe(200);
    expect(got.body).toContain('FN:Bruno Costa');
    const id = /X-TEND-ID:(\S+)/.exec(got.body)?.[1] ?? '';
    expect((await t.client.getPerson({ params: { id } })).emails[0]?.value).toBe('bruno@example.com');
    // The client's name is the only address of that card.
    expect((await dav('GET', `${book}${id}.vcf`)).statusCode).toBe(404);

    const wrong = await dav('DELETE', url, undefined, { 'if-match': '"9-1"' });
    expect(wrong.statusCode).toBe(412);
    const del = await dav('DELETE', url, undefined, { 'if-match': String(got.headers.etag) });
    expect(del.statusCode).toBe(204);
    expect((await dav('GET', url)).statusCode).toBe(404);
    const trashed = await t.client.getPerson({ params: { id } });
    expect(trashed.deletedAt).not.toBeNull();
  });

  it('answers addressbook-multiget and addressbook-query (text-match)', async () => {
    await t.client.createPerson({ body: buildPerson({ fullName: 'Carla Mendes' }) });
    const multiget = await dav(
      'REPORT',
      book,
      `<C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/><C:address-data/></D:prop><D:href>${book}${ana}.vcf</D:href><D:href>${book}missing.vcf</D:href></C:addressbook-multiget>`,
      { depth: '1' },
    );
    expect(multiget.statusCode).toBe(207);
    expect(multiget.body).toContain('FN:Ana Ruiz-Lopes');
    expect(multiget.body).toMatch(/missing\.vcf<\/d:href><d:status>HTTP\/1.1 404/);

    const query = await dav(
      'REPORT',
      book,
      `<C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/></D:prop><C:filter><C:prop-filter name="FN"><C:text-match collation="i;unicode-casemap" match-type="contains">mendes</C:text-match></C:prop-filter></C:filter></C:addressbook-query>`,
      { depth: '1' },
    );
    expect(query.statusCode).toBe(207);
    const hrefs = [...query.body.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => m[1]);
    expect(hrefs).toHaveLength(1);
    expect(query.body).not.toContain(ana);
  });

  it('sync-collection: a first sync, then only changes and deletions since the token', async () => {
    const first = await dav(
      'REPORT',
      book,
      '<sync-collection xmlns="DAV:"><sync-token/><sync-level>1</sync-level><prop><getetag/></prop></sync-collection>',
    );
    expect(first.statusCode).toBe(207);
    const token = /<d:sync-token>([^<]+)<\/d:sync-token>/.exec(first.body)?.[1] ?? '';
    expect(token).toMatch(/^urn:tend:carddav:sync:\d+$/);
    expect(first.body).toContain(`${ana}.vcf`);

    await new Promise((r) => setTimeout(r, 5));
    const dora = await t.client.createPerson({ body: buildPerson({ fullName: 'Dora Lima' }) });
    await t.client.deletePerson({ params: { id: ana } });
    const next = await dav(
      'REPORT',
      book,
      `<D:sync-collection xmlns:D="DAV:"><D:sync-token>${token}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>`,
    );
    expect(next.statusCode).toBe(207);
    expect(next.body).toContain(`${dora.id}.vcf</d:href><d:propstat>`);
    expect(next.body).toContain(`${ana}.vcf</d:href><d:status>HTTP/1.1 404 Not Found</d:status>`);
    expect(next.body).not.toContain('Carla');
    const newToken = /<d:sync-token>([^<]+)<\/d:sync-token>/.exec(next.body)?.[1];
    expect(newToken).not.toBe(token);

    const invalid = await dav(
      'REPORT',
      book,
      '<sync-collection xmlns="DAV:"><sync-token>http://other.example/1</sync-token><prop><getetag/></prop></sync-collection>',
    );
    expect(invalid.statusCode).toBe(403);
    expect(invalid.body).toContain('valid-sync-token');
  });

  it('a renamed tag or organisation reaches a synced address book: new ETag, listed as changed', async () => {
    const org = await t.client.createOrganisation({ body: { name: 'Hooli Woodworks' } });
    const tomas = await t.client.createPerson({
      body: buildPerson({ fullName: 'Tomas Berg', tags: ['woodwork'], organisationId: org.id }),
    });
    const card = `${book}${tomas.id}.vcf`;
    const sync = async (token: string) => {
      const res = await dav(
        'REPORT',
        book,
        `<sync-collection xmlns="DAV:"><sync-token>${token}</sync-token><sync-level>1</sync-level><prop><getetag/></prop></sync-collection>`,
      );
      expect(res.statusCode).toBe(207);
      return { body: res.body, token: /<d:sync-token>([^<]+)<\/d:sync-token>/.exec(res.body)?.[1] ?? '' };
    };
    let { token } = await sync('');
    const before = await dav('GET', card);
    await new Promise((r) => setTimeout(r, 5));
    const tag = (await t.client.listTags({})).items.find((x) => x.name === 'woodwork');
    await t.client.updateTag({ params: { id: tag?.id ?? '' }, body: { name: 'Carpentry' } });
    const afterTag = await dav('GET', card);
    expect(afterTag.body).toContain('CATEGORIES:Carpentry');
    expect(afterTag.headers.etag).not.toBe(before.headers.etag);
    const changed = await sync(token);
    expect(changed.body).toContain(`${tomas.id}.vcf</d:href><d:propstat>`);
    token = changed.token;
    await new Promise((r) => setTimeout(r, 5));
    await t.client.updateOrganisation({
      params: { id: org.id },
      body: { name: 'Hooli Joinery', version: org.version },
    });
    const afterOrg = await dav('GET', card);
    expect(afterOrg.body).toContain('ORG:Hooli Joinery');
    expect(afterOrg.headers.etag).not.toBe(afterTag.headers.etag);
    expect((await sync(token)).body).toContain(`${tomas.id}.vcf</d:href><d:propstat>`);
  });

  it('refuses malformed XML, DOCTYPEs and vCards with a 4xx; another user sees only their own book', async () => {
    expect((await dav('PROPFIND', book, '<propfind xmlns="DAV:"><prop>', { depth: '0' })).statusCode).toBe(400);
    expect((await dav('PROPFIND', book, '<x:propfind><x:prop/></x:propfind>', { depth: '0' })).statusCode).toBe(400);
    const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><propfind xmlns="DAV:"/>';
    expect((await dav('PROPFIND', book, xxe, { depth: '0' })).statusCode).toBe(400);
    const junk = await dav('PUT', `${book}junk.vcf`, 'hello', { 'content-type': 'text/vcard' });
    expect(junk.statusCode).toBe(400);

    const other = await t.createUser();
    const theirs = await t.anonymousApp.inject({
      method: 'PROPFIND' as 'GET',
      url: book,
      headers: { authorization: basic(other.token), depth: '1' },
    });
    expect(theirs.statusCode).toBe(404);
    const own = await t.anonymousApp.inject({
      method: 'PROPFIND' as 'GET',
      url: `/dav/addressbooks/${other.user.id}/contacts/`,
      headers: { authorization: basic(other.token), depth: '1' },
    });
    expect(own.statusCode).toBe(207);
    expect(own.body).not.toContain('.vcf');
  });

  it('answers hostile requests with a 4xx or a multistatus, never a 500', async () => {
    const cases: [string, string, string | undefined, Record<string, string>?][] = [
      ['PROPFIND', book, 'garbage'],
      ['PROPFIND', book, '<a:propfind xmlns:a="DAV:"><a:prop><b:x xmlns:b=""/></a:prop></a:propfind>'],
      ['PROPFIND', `${book}%E0%A4%A.vcf`, undefined],
      ['PROPFIND', `/dav/addressbooks/${userId}/contacts/a/b/c`, undefined],
      [
        'REPORT',
        book,
        '<sync-collection xmlns="DAV:"><sync-token>urn:tend:carddav:sync:99999999999999999999</sync-token></sync-collection>',
      ],
      [
        'REPORT',
        book,
        '<sync-collection xmlns="DAV:"><sync-token>urn:tend:carddav:sync:-1</sync-token></sync-collection>',
      ],
      ['REPORT', book, '<unknown-report xmlns="x:"/>'],
      ['REPORT', book, undefined],
      ['REPORT', `/dav/principals/${userId}/`, '<sync-collection xmlns="DAV:"/>'],
      [
        'REPORT',
        book,
        `<C:addressbook-multiget xmlns:D="DAV:" xmlns:C="${'urn:ietf:params:xml:ns:carddav'}"><D:href>%%%</D:href><D:href>http://[bad</D:href></C:addressbook-multiget>`,
      ],
      [
        'REPORT',
        book,
        '<C:addressbook-query xmlns:C="urn:ietf:params:xml:ns:carddav"><C:filter test="allof"><C:prop-filter><C:text-match/></C:prop-filter></C:filter><C:limit><C:nresults>x</C:nresults></C:limit></C:addressbook-query>',
      ],
      ['PUT', `${book}no-name.vcf`, 'BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n', { 'content-type': 'text/vcard' }],
      ['PUT', `${book}two.vcf`, PHONE_CARD('a', 'A B') + PHONE_CARD('b', 'C D'), { 'content-type': 'text/vcard' }],
      ['PUT', `${book}${'x'.repeat(300)}.vcf`, PHONE_CARD('long', 'Long Name'), { 'content-type': 'text/vcard' }],
      [
        'PUT',
        `${book}bad-email.vcf`,
        PHONE_CARD('e', 'Eve Bad', 'EMAIL:not-an-email\r\nBDAY:2026-13-45'),
        { 'content-type': 'text/vcard' },
      ],
      ['PUT', book, 'x', { 'content-type': 'text/plain' }],
      ['DELETE', book, undefined],
      ['MKCOL', `/dav/addressbooks/${userId}/other/`, undefined],
      [
        'PROPPATCH',
        book,
        '<propertyupdate xmlns="DAV:"><set><prop><displayname>Mine</displayname></prop></set></propertyupdate>',
      ],
    ];
    for (const [method, url, body, headers] of cases) {
      const res = await dav(method, url, body, headers ?? {});
      expect(res.statusCode, `${method} ${url} ${body?.slice(0, 60)}`).toBeLessThan(500);
    }
  });

  it('a read-only token reads but cannot write', async () => {
    const ro = await t.client.createToken({ body: { name: 'phone', scope: 'read' } });
    const headers = { authorization: basic(ro.token) };
    const read = await t.anonymousApp.inject({ method: 'PROPFIND' as 'GET', url: book, headers });
    expect(read.statusCode).toBe(207);
    const write = await t.anonymousApp.inject({
      method: 'PUT',
      url: `${book}x.vcf`,
      headers: { ...headers, 'content-type': 'text/vcard' },
      payload: PHONE_CARD('x', 'Eva Nunes'),
    });
    expect(write.statusCode).toBe(403);
  });
});
