import fs from 'node:fs';
import path from 'node:path';
import { createServices } from '../services/index.js';
import type { Db } from '../storage/db.js';
import { copySqliteOnline } from '../storage/online-backup.js';
import type { JobDefinition } from './scheduler.js';

/*
 * Scheduled backups with rotation. Each run writes one folder under the
 * backup directory, named by the time (tend-20261126T120000Z), holding
 *
 * - tend.db: on SQLite, an online copy of the whole database (SQLite's backup
 *   API; the server keeps running), checked with PRAGMA integrity_check;
 * - <workspace id>.json: every workspace as the JSON backup `tend backup`
 *   writes, restorable with `tend restore` on either database.
 *
 * A run is written under a temporary name and renamed when complete, so a
 * crash never leaves a half backup that looks whole. Then the oldest folders
 * beyond `keep` are deleted. With several instances on one PostgreSQL the
 * job runs once, on whichever instance claims it, into that instance's folder.
 */

export interface BackupSchedule {
  every: 'off' | 'hourly' | 'daily' | 'weekly';
  keep: number;
  dir: string;
}

export const BACKUP_PERIOD_MS: Record<Exclude<BackupSchedule['every'], 'off'>, number> = {
  hourly: 3_600_000,
  daily: 24 * 3_600_000,
  weekly: 7 * 24 * 3_600_000,
};

const RUN_NAME = /^tend-\d{8}T\d{6}Z$/;

export interface BackupRun {
  folder: string;
  files: string[];
  bytes: number;
  workspaces: number;
  removed: string[];
}

function stamp(now: Date): string {
  return `tend-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}`;
}

/** Writes one backup folder now and rotates the old ones; returns what it did. */
export async function runBackup(
  db: Db,
  schedule: Pick<BackupSchedule, 'dir' | 'keep'>,
  now = new Date(),
): Promise<BackupRun> {
  const dir = path.resolve(schedule.dir);
  fs.mkdirSync(dir, { recursive: true });
  let name = stamp(now);
  // Two runs in one second (a manual run beside the scheduled one) must not collide.
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++) name = `${stamp(now)}-${i}`;
  const work = path.join(dir, `.${name}.partial`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work);
  const files: string[] = [];
  let bytes = 0;
  try {
    if (db.dialect === 'sqlite' && db.sqlite && db.sqlite.name !== ':memory:') {
      const copy = await copySqliteOnline(db.sqlite, path.join(work, 'tend.db'));
      files.push('tend.db');
      bytes += copy.bytes;
    }
    const services = createServices(db);
    const workspaces = await db.kysely.selectFrom('workspaces').select('id').orderBy('id').execute();
    for (const { id } of workspaces) {
      const file = path.join(work, `${id}.json`);
      const out = fs.createWriteStream(file);
      for await (const chunk of services.backup.stream({ workspaceId: id, userId: null })) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      files.push(`${id}.json`);
      bytes += fs.statSync(file).size;
    }
    fs.renameSync(work, path.join(dir, name));
    return {
      folder: path.join(dir, name),
      files,
      bytes,
      workspaces: workspaces.length,
      removed: rotate(dir, schedule.keep),
    };
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

/** Deletes the oldest backup folders beyond `keep` (only folders this job named); returns their names. */
export function rotate(dir: string, keep: number): string[] {
  const runs = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && RUN_NAME.test(e.name.replace(/-\d+$/, '')))
    .map((e) => e.name)
    .sort();
  const old = runs.slice(0, Math.max(0, runs.length - Math.max(1, keep)));
  for (const name of old) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  return old;
}

/** The scheduler's backup job, or none when backups are off. */
export function backupJobs(schedule: BackupSchedule | undefined): JobDefinition[] {
  if (!schedule || schedule.every === 'off') return [];
  return [
    {
      name: 'backup',
      everyMs: BACKUP_PERIOD_MS[schedule.every],
      async run({ db, now }) {
        const r = await runBackup(db, schedule, now);
        const kib = Math.ceil(r.bytes / 1024);
        return `backed up ${r.workspaces} workspaces (${kib} KiB) to ${r.folder}${r.removed.length ? `, removed ${r.removed.length} old` : ''}`;
      },
    },
  ];
}
