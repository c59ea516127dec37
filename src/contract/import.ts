import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/*
 * Imports: a batch per import (source, uploaded files, preview report,
 * progress, status), previewed before it is applied and undoable after.
 */

export const ImportSource = z.enum(['linkedin', 'google', 'outlook', 'csv', 'vcard']);
export type ImportSource = z.infer<typeof ImportSource>;

export const MappableField = z.enum([
  'ignore',
  'fullName',
  'givenName',
  'familyName',
  'nickname',
  'email',
  'phone',
  'linkedin',
  'website',
  'organisation',
  'roleTitle',
  'headline',
  'location',
  'notes',
  'tags',
  'metOn',
  'metContext',
  'birthday',
]);
export type MappableField = z.infer<typeof MappableField>;

export const ColumnMapping = z
  .record(z.string().max(200), MappableField)
  .refine((m) => Object.keys(m).length <= 500, { message: 'at most 500 columns' })
  .describe('Column header → field, for a generic CSV');

export const ImportStatus = z.enum(['uploading', 'previewed', 'applying', 'applied', 'failed', 'undoing', 'undone']);

export const ImportCounts = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  possibleDuplicates: z.number().int().describe('New people who share a name with someone already here'),
  errors: z.number().int(),
  skipped: z.number().int(),
  interactions: z.number().int(),
  achievements: z.number().int(),
});

const RowProblem = z.object({ file: z.string(), line: z.number().int(), message: z.string() });

export const ImportReport = z.object({
  counts: ImportCounts,
  errors: z.array(RowProblem).describe('Rows that cannot be imported, with file and line (the first 200)'),
  skipped: z.array(RowProblem).describe('Rows left out on purpose, e.g. hidden profiles (the first 100)'),
  sample: z.array(
    z.object({
      file: z.string(),
      line: z.number().int(),
      action: z.enum(['create', 'update', 'unchanged', 'possible_duplicate']),
      fullName: z.string(),
      matchedBy: z.string().nullable(),
      changes: z.array(z.string()),
    }),
  ),
});

export const ImportBatch = z.object({
  id: Id,
  source: ImportSource,
  fileName: z.string(),
  status: ImportStatus,
  files: z.array(z.object({ name: z.string(), size: z.number().int() })),
  mapping: z.record(z.string(), MappableField).nullable(),
  report: ImportReport.nullable(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  error: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  appliedAt: Timestamp.nullable(),
  undoneAt: Timestamp.nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const ImportCreate = z.strictObject({
  source: ImportSource,
  fileName: z.string().trim().max(255).optional(),
  mapping: ColumnMapping.optional(),
});

export const ImportPreviewInput = z.strictObject({ mapping: ColumnMapping.optional() }).default({});

export const ImportPreview = z.object({
  batch: ImportBatch,
  report: ImportReport.nullable(),
  columns: z
    .object({
      headers: z.array(z.string()),
      rows: z.array(z.array(z.string())),
      suggested: z.record(z.string(), MappableField),
    })
    .nullable()
    .describe('For a generic CSV: its headers, first rows and a suggested mapping'),
  encoding: z.string().nullable(),
  problem: z.string().nullable().describe('Why there is no report yet, e.g. no column mapped to the name'),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportFileParams = z.strictObject({
  id: Id,
  name: z
    .string()
    .min(1)
    .max(255)
    .refine((s) => !/[/\\\u0000-\u001f]/.test(s), { message: 'must be a file name without slashes' }),
});

export const ImportListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const ImportList = z.object({ items: z.array(ImportBatch) });

/** Content types an upload may carry; anything else is a 415. */
export const UPLOAD_CONTENT_TYPES = [
  'text/csv',
  'application/zip',
  'application/x-zip-compressed',
  'text/vcard',
  'text/x-vcard',
  'application/octet-stream',
] as const;
