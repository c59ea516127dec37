/*
 * Import at scale: writes a LinkedIn export of 30,000 connections (with its
 * "Notes:" preamble, plus a messages.csv) and a 100,000-row generic CSV to a
 * temporary folder, then imports each into a fresh SQLite and PostgreSQL
 * database through the imports service (preview, then apply), and prints
 * rows per second and the peak RSS sampled every 20 ms.
 *
 *   npm run bench:import -- [--connections 30000] [--messages 20000] [--rows 100000]
 *                           [--dialects sqlite,postgres] [--pg postgres://postgres@127.0.0.1:5432/test]
 *
 * The files are written as streams and read as streams: memory should stay
 * flat whatever the size. PostgreSQL gets a database of its own, dropped at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureLocalWorkspace } from '../src/services/workspaces.service.js';
import { type Db, migrateToLatest, openDb } from '../src/storage/db.js';
import { benchArgs } from './lib/args.js';
import { generateImportFiles, type ImportResult, measureImport } from './lib/imports.js';

const USAGE = `npm run bench:import -- [--connections N] [--messages N] [--rows N] [--dialects sqlite,postgres] [--pg URL]

Imports generated files into a fresh database per dialect (then again, as a re-import): a
LinkedIn export of --connections connections and --messages messages, and a CSV of --rows rows.
  --connections  LinkedIn connections (default 30000)
  --messages     LinkedIn messages (default 20000)
  --rows         CSV rows (default 100000)
  --dialects     comma-separated (default sqlite,postgres)
  --pg           a PostgreSQL URL; a database is made beside it and dropped after`;

const { values: args } = benchArgs(USAGE, {
  options: {
    connections: { type: 'string', default: '30000' },
    messages: { type: 'string', default: '20000' },
    rows: { type: 'string', default: '100000' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});

async function openFresh(dialect: string): Promise<{ db: Db; close(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), `tend-bench-import-${process.pid}.db`);
    fs.rmSync(file, { force: true });
    const db = await openDb(`sqlite:${file}`);
    await migrateToLatest(db);
    return {
      db,
      close: async () => {
        await db.close();
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      },
    };
  }
  const name = `tend_bench_import_${process.pid}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: args.pg });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists "${name}"`);
  await admin(`create database "${name}"`);
  const u = new URL(args.pg);
  u.pathname = `/${name}`;
  const db = await openDb(u.toString(), { poolSize: 4 });
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.close();
      await admin(`drop database if exists "${name}"`);
    },
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-bench-import-'));
  console.log(
    `Writing ${args.connections} connections + ${args.messages} messages and a ${args.rows}-row CSV to ${dir}`,
  );
  await generateImportFiles(dir, {
    connections: Number(args.connections),
    messages: Number(args.messages),
    rows: Number(args.rows),
  });
  const results: ImportResult[] = [];
  for (const dialect of args.dialects.split(',')) {
    const { db, close } = await openFresh(dialect);
    try {
      const ws = await ensureLocalWorkspace(db);
      const linkedin = await measureImport(
        db,
        ws,
        'linkedin',
        [path.join(dir, 'Connections.csv'), path.join(dir, 'messages.csv')],
        undefined,
      );
      results.push({ dialect, what: 'LinkedIn export', ...linkedin });
      const again = await measureImport(db, ws, 'linkedin', [path.join(dir, 'Connections.csv')], undefined);
      results.push({ dialect, what: 'LinkedIn re-import (unchanged)', ...again });
      const generic = await measureImport(db, ws, 'csv', [path.join(dir, 'people.csv')], {
        Name: 'fullName',
        Email: 'email',
        Phone: 'phone',
        Company: 'organisation',
        Title: 'roleTitle',
        City: 'location',
        Tags: 'tags',
      });
      results.push({ dialect, what: '100k-row CSV', ...generic });
    } finally {
      await close();
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log('');
  console.log(
    '| database | import | rows | preview s | apply s | apply rows/s | apply CPU s | rows per CPU-second | peak RSS MB (start) |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.dialect} | ${r.what} | ${r.rows.toLocaleString('en')} | ${r.previewSeconds.toFixed(1)} | ${r.applySeconds.toFixed(1)} | ${Math.round(r.rows / r.applySeconds).toLocaleString('en')} | ${r.applyCpuSeconds.toFixed(1)} | ${Math.round(r.rows / r.applyCpuSeconds).toLocaleString('en')} | ${Math.round(r.peakRssMb)} (${Math.round(r.baseRssMb)}) |`,
    );
  }
  console.log(
    `\n${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, Node ${process.version}`,
  );
}

await main();
