/*
 * Import benchmark helpers shared by bench/import.ts and bench/run.ts: a
 * generated LinkedIn export (Connections.csv with its "Notes:" preamble, plus
 * messages.csv) and a generic CSV, written as streams, and one measured import
 * through the imports service.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../src/services/context.js';
import { importsService, uploadDir } from '../../src/services/imports.service.js';
import type { Db } from '../../src/storage/db.js';

let seed = 7;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const FIRST = [
  'Ana',
  'Raj',
  'Li',
  'Sam',
  'Chloé',
  'Omar',
  'Priya',
  'Ken',
  'Maya',
  'Zoe',
  'Bo',
  'Ngozi',
  'Jon',
  'Dana',
  'Łukasz',
];
const LAST = [
  'Ruiz',
  'Patel',
  'Wei',
  "O'Neil",
  'Dubois',
  'Haddad',
  'Nair',
  'Adams',
  'Cohen',
  'Park',
  'Lee',
  'Okafor',
  'Snow',
];
const ORGS = [
  'Acme',
  'Globex, Inc.',
  'Initech',
  'Hooli',
  'Umbrella',
  'Pied Piper',
  'Vandelay',
  'Wayne Enterprises',
  'Stark',
];
const TITLES = ['Engineer', 'Staff Engineer', 'Product Manager', 'Designer', 'CTO', 'Head of Data, EMEA', 'Recruiter'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function writeLines(file: string, header: string, n: number, row: (i: number) => string) {
  const out = fs.createWriteStream(file);
  if (!out.write(header)) await once(out, 'drain');
  for (let i = 0; i < n; i++) {
    if (!out.write(`${row(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export interface ImportFiles {
  connections: number;
  messages: number;
  rows: number;
}

/** Writes Connections.csv, messages.csv and people.csv of the given sizes into `dir`. */
export async function generateImportFiles(dir: string, sizes: ImportFiles) {
  seed = 7;
  const connections = sizes.connections;
  const names: string[] = [];
  await writeLines(
    path.join(dir, 'Connections.csv'),
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n',
    connections,
    (i) => {
      const first = pick(FIRST);
      const last = `${pick(LAST)}${i}`;
      names.push(`${first} ${last}`);
      const url = `https://www.linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}-${i}`;
      const email = rand() < 0.3 ? `${first.toLowerCase()}.${i}@example.com` : '';
      const date = `${1 + Math.floor(rand() * 28)} ${pick(MONTHS)} ${2010 + Math.floor(rand() * 15)}`;
      return [first, last, url, email, pick(ORGS), pick(TITLES), date].map(csv).join(',');
    },
  );
  await writeLines(
    path.join(dir, 'messages.csv'),
    'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n',
    sizes.messages,
    (i) => {
      const k = Math.floor(rand() * connections);
      const name = names[k] ?? 'Nobody';
      const [first, ...rest] = name.split(' ');
      const url = `https://www.linkedin.com/in/${(first ?? '').toLowerCase()}-${rest.join(' ').toLowerCase()}-${k}`;
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1800) * 86_400_000).toISOString().slice(0, 10);
      return [
        `conv-${k}`,
        '',
        name,
        url,
        'Me Myself',
        'https://www.linkedin.com/in/me',
        `${day} 10:${String(i % 60).padStart(2, '0')}:00 UTC`,
        '',
        'Hello, how are you?',
        'INBOX',
      ]
        .map(csv)
        .join(',');
    },
  );
  await writeLines(path.join(dir, 'people.csv'), 'Name,Email,Phone,Company,Title,City,Tags\n', sizes.rows, (i) =>
    [
      `${pick(FIRST)} ${pick(LAST)} ${i}`,
      `person${i}@example.org`,
      `+1 555 ${String(1_000_000 + i).slice(1)}`,
      pick(ORGS),
      pick(TITLES),
      'Berlin',
      'imported;bench',
    ]
      .map(csv)
      .join(','),
  );
}

export interface ImportResult {
  dialect: string;
  what: string;
  rows: number;
  previewSeconds: number;
  applySeconds: number;
  peakRssMb: number;
  baseRssMb: number;
  /** CPU seconds of this process (user + system) during apply: on a busy machine, wall time mostly measures waiting. */
  applyCpuSeconds: number;
}

/** Imports `files` into `workspaceId` through the imports service (preview, then apply), sampling RSS every 20 ms. */
export async function measureImport(
  db: Db,
  workspaceId: string,
  source: 'linkedin' | 'csv',
  files: string[],
  mapping: Record<string, string> | undefined,
): Promise<Omit<ImportResult, 'dialect' | 'what'>> {
  const svc = importsService({ db, clock: systemClock });
  const actor = { workspaceId, userId: null };
  const batch = await svc.create(actor, { source, ...(mapping ? { mapping: mapping as never } : {}) });
  for (const f of files) {
    // The service deletes uploads once applied, and reads only its own upload folder:
    // give it a copy there, as an upload would be.
    const copy = path.join(uploadDir(), `tend-bench-upload-${batch.id}-${path.basename(f)}`);
    fs.copyFileSync(f, copy);
    await svc.attachFile(actor, batch.id, { name: path.basename(f), path: copy, size: fs.statSync(copy).size });
  }
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const preview = await svc.preview(actor, batch.id, {});
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const applied = await svc.apply(actor, batch.id);
  const cpu = process.cpuUsage(cpu0);
  const t2 = performance.now();
  clearInterval(timer);
  if (applied.status !== 'applied') throw new Error(`import ended ${applied.status}: ${applied.error}`);
  return {
    rows: preview.report?.counts.rows ?? 0,
    previewSeconds: (t1 - t0) / 1000,
    applySeconds: (t2 - t1) / 1000,
    peakRssMb: peak / 1024 / 1024,
    baseRssMb: baseRss / 1024 / 1024,
    applyCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
