import { z } from 'zod';

/*
 * The workspace backup document: one JSON object, written as a stream.
 *
 *   { "format": "tend-backup", "formatVersion": 1, "createdAt": "...",
 *     "workspace": { "name": "...", "settings": {...} },
 *     "tables": { "organisations": [ {row}, ... ], "people": [...], ... } }
 *
 * Rows carry every column of their table except workspace_id (the workspace
 * restored into supplies it), keys in camelCase and sorted, values as stored:
 * text, numbers and null. Ids are kept, so references stay intact.
 */

export const BACKUP_FORMAT = 'tend-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type CellValue = string | number | null;
export type BackupRow = Record<string, CellValue>;

export const BackupHeader = z.object({
  format: z.string(),
  formatVersion: z.number().int(),
});

export const BackupDocument = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  workspace: z.object({
    name: z.string().min(1).max(200),
    settings: z.record(z.string(), z.unknown()),
  }),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])))),
});
export type BackupDocument = z.infer<typeof BackupDocument>;

/** A row with its keys sorted and bigint/boolean values made portable. */
export function portableRow(row: Record<string, unknown>, drop: string[] = ['workspaceId']): BackupRow {
  const out: BackupRow = {};
  for (const key of Object.keys(row).sort()) {
    if (drop.includes(key)) continue;
    const v = row[key];
    if (v === null || v === undefined) out[key] = null;
    else if (typeof v === 'bigint') out[key] = Number(v);
    else if (typeof v === 'boolean') out[key] = v ? 1 : 0;
    else if (typeof v === 'number' || typeof v === 'string') out[key] = v;
    else out[key] = String(v);
  }
  return out;
}

/** The parts of a document that must be equal after backup → restore → backup. */
export function comparableBackup(doc: BackupDocument) {
  return { format: doc.format, formatVersion: doc.formatVersion, workspace: doc.workspace, tables: doc.tables };
}
