import { z } from 'zod';
import { endpoint, type Endpoint } from './endpoint.js';
import {
  BackupCounts,
  ExportQuery,
  RESTORE_BODY_LIMIT,
  RestoreQuery,
  RestoreResult,
  VcardExportQuery,
} from './export.js';

/** Export of people (CSV, vCard) and backup and restore of a whole workspace. */
export const exportEndpoints = {
  exportCsv: endpoint({
    method: 'GET',
    path: '/api/v1/export/people.csv',
    summary: 'People as CSV (streamed); cells that a spreadsheet would run as a formula are neutralised',
    tag: 'export',
    query: ExportQuery,
    status: 200,
    produces: 'text/csv; charset=utf-8',
  }),
  exportVcard: endpoint({
    method: 'GET',
    path: '/api/v1/export/people.vcf',
    summary: 'People as one vCard file, 4.0 or 3.0 (streamed)',
    tag: 'export',
    query: VcardExportQuery,
    status: 200,
    produces: 'text/vcard; charset=utf-8',
  }),
  backup: endpoint({
    method: 'GET',
    path: '/api/v1/backup',
    summary: 'A complete JSON backup of this workspace (streamed); secrets are never included',
    tag: 'backup',
    status: 200,
    produces: 'application/json; charset=utf-8',
  }),
  backupCounts: endpoint({
    method: 'GET',
    path: '/api/v1/backup/counts',
    summary: 'How many rows of each kind a backup of this workspace would hold (0 everywhere: empty)',
    tag: 'backup',
    status: 200,
    response: BackupCounts,
  }),
  restore: endpoint({
    method: 'POST',
    path: '/api/v1/restore',
    summary: 'Restore a backup into this workspace, which must be empty; all or nothing',
    tag: 'backup',
    query: RestoreQuery,
    body: z.unknown().describe('The backup document, as `GET /api/v1/backup` wrote it'),
    status: 200,
    response: RestoreResult,
    bodyLimit: RESTORE_BODY_LIMIT,
  }),
} as const satisfies Record<string, Endpoint>;
