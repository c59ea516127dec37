/*
 * Export, backup and duplicate detection at scale: generates N people (two
 * emails or phones each, a tag, a few planted duplicates) straight into a
 * fresh database and times the CSV and vCard exports, the backup stream and
 * the duplicate suggestions, sampling peak memory while each runs.
 *
 *   npx tsx bench/export.ts --people 100000 [--database URL]
 */
import os from 'node:os';
import path from 'node:path';
import { en, Faker } from '@faker-js/faker';
import { fold } from '../src/domain/text.js';
import { uuidv7 } from '../src/lib/ids.js';
import { createServices } from '../src/services/index.js';
import { ensureLocalWorkspace } from '../src/services/workspaces.service.js';
import { migrateToLatest, openDb } from '../src/storage/db.js';
import { benchArgs } from './lib/args.js';

const USAGE = `npx tsx bench/export.ts [--people N] [--database URL]

Exports a generated network of N people (default 100000) from a new SQLite file in the temporary
directory, or from the database at URL.`;

const { values: args } = benchArgs(USAGE, {
  options: {
    people: { type: 'string', default: '100000' },
    database: { type: 'string' },
  },
});
const n = Number(args.people);
const url = args.database ?? `sqlite:${path.join(os.tmpdir(), `tend-bench-export-${process.pid}.db`)}`;
const faker = new Faker({ locale: [en], seed: 6 });

const db = await openDb(url);
await migrateToLatest(db);
const ws = await ensureLocalWorkspace(db);
const actor = { workspaceId: ws, userId: null };
const now = new Date().toISOString();
const k = db.kysely;

const t0 = performance.now();
const tagId = uuidv7();
await k
  .insertInto('tags')
  .values({ id: tagId, workspaceId: ws, name: 'bench', normalized: 'bench', color: null, createdAt: now })
  .execute();
const BATCH = 500;
for (let start = 0; start < n; start += BATCH) {
  await k.transaction().execute(async (trx) => {
    const people = [];
    const points = [];
    const tags = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      const id = uuidv7();
      // Every 1000th person is planted twice: a duplicate to find.
      const seedIndex = i % 1000 === 999 ? i - 1 : i;
      const given = faker.person.firstName();
      const family = faker.person.lastName();
      const name = `${given} ${family}`;
      people.push({
        id,
        workspaceId: ws,
        fullName: name,
        givenName: given,
        familyName: family,
        sortName: fold(name),
        searchText: fold(name),
        headline: faker.person.jobTitle(),
        notes: i % 7 === 0 ? '=HYPERLINK("http://example.com")' : '',
        createdAt: now,
        updatedAt: now,
      });
      points.push({
        id: uuidv7(),
        workspaceId: ws,
        personId: id,
        kind: 'email' as const,
        label: 'work',
        value: `p${seedIndex}@bench.example`,
        normalized: `p${seedIndex}@bench.example`,
        isPrimary: 1,
        position: 0,
      });
      points.push({
        id: uuidv7(),
        workspaceId: ws,
        personId: id,
        kind: 'phone' as const,
        label: 'mobile',
        value: `+1 415 ${String(1_000_000 + i).slice(1, 4)} ${String(1_000_000 + i).slice(4)}`,
        normalized: `+1415${String(1_000_000 + i).slice(1)}`,
        isPrimary: 0,
        position: 1,
      });
      if (i % 3 === 0) tags.push({ workspaceId: ws, personId: id, tagId });
    }
    await trx.insertInto('people').values(people).execute();
    await trx.insertInto('contactPoints').values(points).execute();
    if (tags.length > 0) await trx.insertInto('personTags').values(tags).execute();
  });
}
console.log(`generated ${n} people on ${db.dialect} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const s = createServices(db);

async function measure(label: string, run: () => Promise<number>) {
  if (global.gc) global.gc();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  const size = await run();
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${label.padEnd(22)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(n / (ms / 1000))
      .toLocaleString('en')
      .padStart(9)} people/s  ${(size / 1024 / 1024).toFixed(1).padStart(6)} MiB out  rss +${Math.round(
      (peak - base) / 1024 / 1024,
    )} MiB (peak ${Math.round(peak / 1024 / 1024)} MiB)`,
  );
}

async function drain(gen: AsyncIterable<string>) {
  let bytes = 0;
  for await (const chunk of gen) bytes += Buffer.byteLength(chunk);
  return bytes;
}

await measure('CSV export', () => drain(s.exports.csv(actor, {})));
await measure('vCard 4.0 export', () => drain(s.exports.vcard(actor, {}, '4.0')));
await measure('backup stream', () => drain(s.backup.stream(actor)));
await measure('duplicate suggestions', async () => {
  const r = await s.dedupe.list(actor, { limit: 50, minScore: 0.4 });
  console.log(`  ${r.total} suggestions`);
  return 0;
});
await db.close();
