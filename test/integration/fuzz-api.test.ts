import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/contract/endpoint.js';
import { endpoints } from '../../src/contract/endpoints.js';
import { BODY_LIMIT_BYTES } from '../../src/http/app.js';
import { BACKED_UP_TABLES, EXCLUDED_TABLES } from '../../src/storage/backup-tables.js';
import { TEST_PASSWORD } from '../support/app.js';
import { DIALECTS } from '../support/db.js';
import { recordReliability } from '../support/reliability.js';
import { fillWorkspace } from '../support/rich-workspace.js';
import { MISSING_ID, type WatchedApp, openWatchedApp } from './helpers.js';

/*
 * Hostile input over the whole API, generated from the catalogue: every
 * endpoint that takes a body, a query or a raw upload gets random JSON, the
 * right keys with the wrong types, hostile strings (control characters, lone
 * surrogates, strings over every limit), prototype-pollution keys, JSON nested
 * 10,000 and 200,000 deep, bodies over the size limit, invalid UTF-8 and
 * wrong content types. The server must answer every one with a 2xx or a
 * problem+json 4xx with a code, never a 5xx, and a refused request must leave
 * every table as it was. A new endpoint is covered the day it is declared.
 */

type Ep = Endpoint & { name: string };
const WALKED: Ep[] = Object.entries(endpoints as Record<string, Endpoint>)
  .filter(([, e]) => e.body || e.query || e.rawBody)
  .map(([name, e]) => ({ ...e, name }));

/** Random cases per endpoint and kind; the fixed cases come on top. */
const RUNS = Number(process.env.TEND_FUZZ_RUNS ?? 12);

/** The keys a zod schema of an object knows, through optional/pipe/default wrappers. */
function keysOf(schema: unknown): string[] {
  let s = schema as { def?: Record<string, unknown>; shape?: Record<string, unknown> } | undefined;
  for (let i = 0; i < 8 && s; i++) {
    if (s.shape && typeof s.shape === 'object') return Object.keys(s.shape);
    const def = s.def as { innerType?: unknown; in?: unknown; schema?: unknown; options?: unknown[] } | undefined;
    if (!def) break;
    if (Array.isArray(def.options)) return [...new Set(def.options.flatMap((o) => keysOf(o)))];
    s = (def.innerType ?? def.in ?? def.schema) as typeof s;
  }
  return [];
}

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff lone',
    '\u202eevil',
    '=cmd|" /C calc"!A0',
    '<script>alert(1)</script>',
    "'; drop table people;--",
    '%00%ff',
    '../../etc/passwd',
    '1e309',
    '-0',
    'NaN',
    '9'.repeat(400),
    '2026-02-30',
    'null',
    '__proto__',
  ),
  fc.constant(null).map(() => 'x'.repeat(70_000)),
  fc.constant(null).map(() => '🙂'.repeat(30_000)),
);

const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.constantFrom(1e308, -1, 0, 2 ** 53 + 1, -(2 ** 63), 1.5, true, false, null, [], {}, [null], { $gt: '' }),
);

const protoKeys = fc.constantFrom(
  '{"__proto__": {"isOwner": true, "workspaceId": "x"}}',
  '{"constructor": {"prototype": {"isOwner": true}}}',
  '{"__proto__": null}',
  '[{"__proto__": {"polluted": 1}}]',
);

function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Percent-encodes a string; a lone surrogate becomes the bytes of one, which are not UTF-8. */
function encodeHostile(s: string): string {
  return s.replace(/[\ud800-\udfff]|[^\ud800-\udfff]+/g, (part) =>
    part.length === 1 && part >= '\ud800' && part <= '\udfff' ? '%ed%a0%80' : encodeURIComponent(part),
  );
}

interface Probe {
  label: string;
  method: string;
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
}

describe.each(DIALECTS)('fuzz: every endpoint with a body or query on %s', (dialect) => {
  let t: WatchedApp;
  let session: Record<string, string>;
  const ids: Record<string, string> = {};
  let tables: string[] = [];
  const stats = { requests: 0, refused: 0, accepted: 0, partialWrites: 0, serverErrors: 0, notProblem: 0 };
  const failures: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    await fillWorkspace(t.client, 'fuzz');
    const login = await t.anonymousApp.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: t.owner.user.email, password: TEST_PASSWORD },
    });
    const cookies = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = login.cookies.find((c) => c.name === 'tend_csrf')?.value ?? '';
    session = { cookie: cookies, 'x-csrf-token': csrf };
    const first = async (table: string) => {
      const { rows } = await sql<{ id: string }>`select id from ${sql.table(table)} limit 1`.execute(t.db.kysely);
      return rows[0]?.id;
    };
    const byPath: Record<string, string> = {
      people: 'people',
      organisations: 'organisations',
      interactions: 'interactions',
      tags: 'tags',
      'follow-ups': 'follow_ups',
      achievements: 'achievements',
      connections: 'connections',
      introductions: 'introductions',
      opportunities: 'opportunities',
      events: 'events',
      resources: 'resources',
      webhooks: 'webhooks',
      imports: 'import_batches',
    };
    for (const [segment, table] of Object.entries(byPath)) ids[segment] = (await first(table)) ?? MISSING_ID;
    ids.workspaces = t.owner.user.workspaceId;
    const all = [...BACKED_UP_TABLES.map((b) => b.sql), ...Object.keys(EXCLUDED_TABLES)];
    // A refused sign-in is written to the security log on purpose; everything else must stay.
    // Only the tables this database has (the FTS5 table of the search index is SQLite's alone).
    const existing = new Set((await t.db.kysely.introspection.getTables()).map((x) => x.name));
    tables = all.filter((name) => name !== 'audit_events' && existing.has(name)).sort();
  });
  afterAll(async () => {
    await t?.close();
    stats.serverErrors = t?.serverErrors.length ?? 0;
    recordReliability({
      id: `fuzz-api-${dialect}`,
      area: 'hostile input',
      test: `test/integration/fuzz-api.test.ts (${dialect}): fast-check over every endpoint with a body, query or upload`,
      tried: `${stats.requests.toLocaleString('en')} hostile requests over ${WALKED.length} endpoints (random JSON, wrong types, control characters, 70k strings, __proto__ keys, JSON nested 10,000 and 200,000 deep, > 1 MiB bodies, invalid UTF-8, wrong content types, hostile queries) in ${Math.round((Date.now() - started) / 1000)} s`,
      result: `${stats.serverErrors} × 5xx, ${stats.notProblem} 4xx without problem+json, ${stats.partialWrites} partial writes; ${stats.refused.toLocaleString('en')} refused with a problem code, ${stats.accepted} accepted`,
      ok: stats.serverErrors === 0 && stats.notProblem === 0 && stats.partialWrites === 0 && failures.length === 0,
    });
    expect(t?.serverErrors ?? []).toEqual([]);
  });

  /** Row counts of every table and the version sums of the versioned ones. */
  async function counts(): Promise<string> {
    const parts = tables.map((name) => `(select count(*) from ${name}) as "${name}"`);
    for (const v of ['people', 'organisations', 'interactions', 'follow_ups', 'introductions', 'opportunities']) {
      parts.push(`(select coalesce(sum(version), 0) from ${v}) as "${v}.v"`);
    }
    const { rows } = await sql.raw<Record<string, unknown>>(`select ${parts.join(', ')}`).execute(t.db.kysely);
    return JSON.stringify(Object.entries(rows[0] ?? {}).map(([k, n]) => `${k}=${Number(n)}`));
  }

  function urlOf(ep: Ep): string {
    return ep.path.replace(/:(\w+)/g, (_m, name: string, offset: number) => {
      if (name === 'userId') return t.owner.user.id;
      if (name === 'personId') return ids.people ?? MISSING_ID;
      if (name === 'name') return 'contacts.csv';
      if (name === 'key') return 'reconnect:x';
      if (name === 'token') return MISSING_ID;
      const segment = ep.path.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
      return ids[segment] ?? MISSING_ID;
    });
  }

  let before = '';
  async function probe(ep: Ep, p: Probe): Promise<void> {
    if (!before) before = await counts();
    const headers = { ...(ep.auth === 'session' ? session : {}), ...p.headers };
    let res: LightMyRequestResponse;
    try {
      res = await t.app.inject({
        method: p.method as 'POST',
        url: p.url,
        headers,
        ...(p.payload !== undefined ? { payload: p.payload } : {}),
      });
    } catch (err) {
      failures.push(`${ep.name} ${p.label}: inject threw ${(err as Error).message}`);
      throw err;
    }
    stats.requests++;
    const where = `${ep.name} ${p.label} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
    if (res.statusCode >= 500) {
      failures.push(where);
      expect.fail(where);
    }
    if (res.statusCode >= 400) {
      stats.refused++;
      const isProblem = /^application\/problem\+json/.test(String(res.headers['content-type']));
      const code = isProblem ? (res.json() as { code?: unknown }).code : undefined;
      if (!isProblem || typeof code !== 'string' || !code) {
        stats.notProblem++;
        failures.push(`not a problem: ${where}`);
        expect.fail(`not a problem+json with a code: ${where}`);
      }
      const after = await counts();
      if (after !== before) {
        stats.partialWrites++;
        failures.push(`partial write: ${where}`);
        expect(after, `a refused request wrote: ${where}`).toBe(before);
      }
    } else {
      stats.accepted++;
      before = await counts();
    }
  }

  const bodied = WALKED.filter((e) => e.body);
  const queried = WALKED.filter((e) => e.query);
  const uploads = WALKED.filter((e) => e.rawBody);

  it.each(bodied.map((e) => [e.name, e] as const))(
    'body of %s',
    async (_name, ep) => {
      const url = urlOf(ep);
      const keys = keysOf(ep.body);
      const json = { 'content-type': 'application/json' };
      const send = (label: string, payload: string | Buffer, headers: Record<string, string> = json) =>
        probe(ep, { label, method: ep.method, url, payload, headers });

      // Random JSON of any shape.
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => send('random json', JSON.stringify(v) ?? 'null')),
        { numRuns: RUNS },
      );
      // The endpoint's own keys with the wrong types and hostile strings.
      if (keys.length > 0) {
        const record = fc.dictionary(fc.constantFrom(...keys), wrongValue, { minKeys: 1, maxKeys: keys.length });
        await fc.assert(
          fc.asyncProperty(record, async (v) => send('wrong types', JSON.stringify(v))),
          { numRuns: RUNS * 2 },
        );
      }
      // Every key with a NUL in its string, deterministically (see the query case).
      for (const key of keys) await send(`${key} with NUL`, JSON.stringify({ [key]: 'a\u0000b' }));
      // Prototype pollution, alone and next to the right keys.
      await fc.assert(
        fc.asyncProperty(protoKeys, async (raw) => send('__proto__', raw)),
        { numRuns: 4 },
      );
      if (keys[0]) await send('__proto__ beside a key', `{"${keys[0]}": "x", "__proto__": {"isOwner": true}}`);
      expect(({} as Record<string, unknown>).isOwner).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      // Deep nesting: a parser or validator that recurses would overflow its stack.
      for (const depth of [10_000, 200_000]) {
        await send(`array nested ${depth}`, nested(depth, 'array'));
        await send(`object nested ${depth}`, nested(depth, 'object'));
      }
      if (keys[0]) await send('deep value in a known key', `{"${keys[0]}": ${nested(10_000, 'array')}}`);
      // Over the size limit (the restore endpoint has its own, larger one).
      const limit = ep.bodyLimit ?? BODY_LIMIT_BYTES;
      await send('body over the limit', `{"${keys[0] ?? 'a'}": "${'x'.repeat(limit + 16)}"}`);
      // Bytes that are not UTF-8, a byte-order mark, NUL.
      await send(
        'invalid UTF-8',
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
      );
      await send('UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]));
      await send('UTF-16 with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]));
      await send('NUL byte', Buffer.from('{"a":"\u0000"}\u0000'));
      await send('JSON with a charset', '{}', { 'content-type': 'application/json; charset=latin1' });
      // Wrong content types.
      for (const type of [
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json-patch+json',
        'image/png',
      ]) {
        await send(`content-type ${type}`, 'a=1&b=<x/>', { 'content-type': type });
      }
      await send('no content-type', '{"a":1}', {});
    },
    120_000,
  );

  it.each(queried.map((e) => [e.name, e] as const))(
    'query of %s',
    async (_name, ep) => {
      const base = urlOf(ep);
      const keys = keysOf(ep.query);
      const value = fc.oneof(
        hostileString.map((s) => encodeHostile(s.slice(0, 3000))),
        fc.constantFrom('%', '%zz', '%ff%fe', '%00', '%E0%A4%A', '-1', '1e999', '99999999999999999999', '', 'true'),
        fc.integer().map(String),
      );
      const pair = fc.tuple(fc.constantFrom(...(keys.length ? keys : ['q'])), value);
      const extra = fc.tuple(fc.constantFrom('__proto__', 'constructor', 'a[b]', 'limit[]', '__proto__[x]'), value);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(pair, pair, extra), { minLength: 1, maxLength: 6 }), async (pairs) => {
          const qs = pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${v}`);
          await probe(ep, {
            label: `?${qs.join('&').slice(0, 120)}`,
            method: ep.method,
            url: `${base}?${qs.join('&')}`,
          });
        }),
        { numRuns: RUNS * 3 },
      );
      // Every key with a NUL, deterministically: PostgreSQL cannot store one, so a
      // value that reaches the database unchecked fails there (a random walk missed it once).
      for (const key of keys) {
        for (const v of ['%00', 'a%00b']) {
          await probe(ep, { label: `${key}=${v}`, method: ep.method, url: `${base}?${key}=${v}` });
        }
      }
      if (keys[0]) {
        await probe(ep, { label: 'repeated key', method: ep.method, url: `${base}?${keys[0]}=1&${keys[0]}=2` });
        await probe(ep, { label: 'long query', method: ep.method, url: `${base}?${keys[0]}=${'x'.repeat(60_000)}` });
      }
    },
    120_000,
  );

  it.each(uploads.map((e) => [e.name, e] as const))(
    'upload of %s',
    async (_name, ep) => {
      // An upload goes to an import of its own, so random files never collide with other cases.
      const created = await t.client.createImport({ body: { source: 'csv' } }).catch(() => undefined);
      before = ''; // the import was made on purpose
      const url = created ? urlOf(ep).replace(ids.imports ?? MISSING_ID, (created as { id: string }).id) : urlOf(ep);
      const types = [...(ep.rawBody ?? []), 'application/json', 'text/plain'];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...types), fc.uint8Array({ maxLength: 4096 }), async (type, bytes) =>
          probe(ep, {
            label: `${type} ${bytes.length} random bytes`,
            method: ep.method,
            url,
            payload: Buffer.from(bytes),
            headers: { 'content-type': type },
          }),
        ),
        { numRuns: RUNS * 3 },
      );
      await probe(ep, { label: 'empty', method: ep.method, url, payload: '', headers: { 'content-type': 'text/csv' } });
    },
    120_000,
  );
});
