/*
 * Screenshots of the Insights page for the docs: `npx tsx scripts/screenshots-insights.ts`
 * (after `npm run build`). It generates a network of 1,000 people and 10,000
 * interactions (bench/lib/dataset.ts) in a temporary SQLite database, writes
 * the strength snapshots half a year of weekly refreshes would have written
 * (each computed from the interactions known that week, with the same domain
 * function), marks some interactions as gives and asks, adds a few
 * opportunities, serves the built app and photographs /insights in both themes
 * at 1,440 px and at 360 px into docs/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { sql } from 'kysely';
import { DEFAULT_SECURITY } from '../src/config.js';
import type { InteractionKind } from '../src/contract/common.js';
import { addDays, startOfWeek } from '../src/domain/dates.js';
import { strengthAt } from '../src/domain/strength.js';
import { buildApp } from '../src/http/app.js';
import { createServices } from '../src/services/index.js';
import { migrateToLatest, openDb } from '../src/storage/db.js';
import { generateNetwork } from '../bench/lib/dataset.js';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'docs/screenshots');
const port = Number(process.env.TEND_E2E_PORT ?? 4184);
const file = path.join(os.tmpdir(), `tend-insights-shots-${process.pid}.db`);
const EMAIL = 'olga@example.test';
const PASSWORD = 'calm river lantern 42';

const db = await openDb(`sqlite:${file}`);
await migrateToLatest(db);
const services = createServices(db, undefined, DEFAULT_SECURITY);
const owner = await services.accounts.createUser({
  email: EMAIL,
  password: PASSWORD,
  isOwner: true,
  displayName: 'Olga',
});
const ws = owner.workspaceId;
await generateNetwork(db, ws, { people: 1000, interactions: 10_000, organisations: 100 }, { seed: 7 });
const k = db.kysely;

// Half a year of weekly snapshots, each from the history known at the start of that week.
const history = await k
  .selectFrom('interactionParticipants as ip')
  .innerJoin('interactions as i', (j) =>
    j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
  )
  .select(['ip.personId', 'i.kind', 'i.occurredAt'])
  .where('ip.workspaceId', '=', ws)
  .execute();
const byPerson = new Map<string, { kind: InteractionKind; occurredAt: string }[]>();
for (const h of history) {
  const list = byPerson.get(h.personId) ?? [];
  list.push({ kind: h.kind as InteractionKind, occurredAt: h.occurredAt });
  byPerson.set(h.personId, list);
}
const people = await k.selectFrom('people').select('id').where('workspaceId', '=', ws).execute();
const thisWeek = startOfWeek(new Date().toISOString().slice(0, 10), 1);
for (const back of [26, 13, 4]) {
  const week = addDays(thisWeek, -7 * back);
  const at = new Date(`${week}T00:00:00Z`);
  const rows = people.map((p) => ({
    workspaceId: ws,
    week,
    personId: p.id,
    score: strengthAt(
      (byPerson.get(p.id) ?? []).filter((h) => h.occurredAt < at.toISOString()),
      at,
    ),
  }));
  for (let i = 0; i < rows.length; i += 500)
    await k
      .insertInto('strengthSnapshots')
      .values(rows.slice(i, i + 500))
      .execute();
}

// Gives and asks: a share of the calls, meetings and messages.
await sql`update interactions set exchange = 'give', exchange_kind = 'help' where workspace_id = ${ws} and kind in ('call', 'meeting') and substr(id, 36, 1) in ('1', '5', '9')`.execute(
  k,
);
await sql`update interactions set exchange = 'ask', exchange_kind = 'advice' where workspace_id = ${ws} and kind in ('message', 'video_call') and substr(id, 36, 1) in ('2', '6')`.execute(
  k,
);

// A few opportunities, each through a person of the inner or close circle.
const sources = await k
  .selectFrom('people')
  .select('id')
  .where('workspaceId', '=', ws)
  .where('circle', 'in', ['inner', 'close'])
  .orderBy('strength', 'desc')
  .limit(5)
  .execute();
const actor = { workspaceId: ws, userId: owner.id };
const today = new Date();
const opened = (daysAgo: number) => new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const opps: [
  string,
  'job_lead' | 'client' | 'referral' | 'speaking',
  'won' | 'lead' | 'in_progress' | 'lost',
  number | null,
  number,
][] = [
  ['Staff engineer role at Northwind', 'job_lead', 'in_progress', null, 40],
  ['Design system contract', 'client', 'won', 18000, 75],
  ['Payments audit', 'client', 'won', 9500, 120],
  ['Talk at RustConf', 'speaking', 'won', null, 30],
  ['Intro to a climate fund', 'referral', 'lead', null, 12],
  ['Data platform rebuild', 'client', 'lost', null, 95],
  ['Advisory seat', 'referral', 'in_progress', null, 60],
];
for (const [i, [title, kind, stage, amount, ago]] of opps.entries()) {
  const src = sources[i % sources.length];
  await services.opportunities.create(actor, {
    title,
    kind,
    stage,
    openedOn: opened(ago),
    value: amount ? { amount, currency: 'EUR' } : null,
    people: src ? [{ personId: src.id, role: 'source' }] : [],
  } as Parameters<typeof services.opportunities.create>[1]);
}
await sql`analyze`.execute(k);

const app = await buildApp({ db, logLevel: 'warn', security: { ...DEFAULT_SECURITY, loginPerMinute: 1000 } });
await app.listen({ port, host: '127.0.0.1' });
const base = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: process.env.TEND_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu'],
});
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const phone of [false, true]) {
      const context = await browser.newContext({
        viewport: phone ? { width: 360, height: 780 } : { width: 1440, height: 900 },
        deviceScaleFactor: phone ? 2 : 1,
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await page.addInitScript(`localStorage.setItem('tend-color-scheme', '${scheme}')`);
      await page.goto(`${base}/login`);
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${base}/insights`);
      await page.getByTestId('cooling-list').waitFor();
      await page.locator('[data-testid="insight-opportunities"] svg.recharts-surface').first().waitFor();
      await page.waitForTimeout(800); // chart animations
      const name = `insights-${scheme}${phone ? '-mobile' : ''}.png`;
      // A phone shows its first screen (the bottom bar and the capture button are fixed to it).
      await page.screenshot({ path: path.join(out, name), fullPage: !phone });
      console.log(`wrote docs/screenshots/${name}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await app.close();
  await db.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}
