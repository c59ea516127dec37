import { z } from 'zod';
import { Circle, SearchText } from './common.js';

export const ExportQuery = z.strictObject({
  tag: SearchText.optional().describe('Only people with this tag'),
  circle: Circle.optional().describe('Only people in this circle'),
});
export type ExportQuery = z.input<typeof ExportQuery>;

export const VcardExportQuery = z.strictObject({
  version: z.enum(['4.0', '3.0']).default('4.0').describe('vCard version: 4.0 (RFC 6350) or 3.0 (RFC 2426)'),
  tag: SearchText.optional().describe('Only people with this tag'),
  circle: Circle.optional().describe('Only people in this circle'),
});
export type VcardExportQuery = z.input<typeof VcardExportQuery>;

export const RestoreQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: check the backup and report what it holds, write nothing'),
});

export const RestoreResult = z.object({
  dryRun: z.boolean(),
  workspaceName: z.string(),
  counts: z.record(z.string(), z.number().int()).describe('Rows per table in the backup'),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const BackupCounts = z.object({
  counts: z.record(z.string(), z.number().int()),
});

/** Restores take a whole workspace in one request body. */
export const RESTORE_BODY_LIMIT = 256 * 1024 * 1024;
