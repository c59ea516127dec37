import { IdParams } from './common.js';
import { endpoint } from './endpoint.js';
import {
  ImportBatch,
  ImportCreate,
  ImportFileParams,
  ImportList,
  ImportListQuery,
  ImportPreview,
  ImportPreviewInput,
  UPLOAD_CONTENT_TYPES,
} from './import.js';

export const importEndpoints = {
  createImport: endpoint({
    method: 'POST',
    path: '/api/v1/imports',
    summary: 'Start an import: say the source (linkedin, google, outlook, csv, vcard), then upload its files',
    tag: 'import',
    body: ImportCreate,
    status: 201,
    response: ImportBatch,
  }),
  uploadImportFile: endpoint({
    method: 'PUT',
    path: '/api/v1/imports/:id/files/:name',
    summary:
      'Upload one file of an import as the raw request body (Content-Type text/csv, application/zip or text/vcard; up to 200 MB), streamed to disk',
    tag: 'import',
    params: ImportFileParams,
    rawBody: [...UPLOAD_CONTENT_TYPES],
    status: 200,
    response: ImportBatch,
  }),
  previewImport: endpoint({
    method: 'POST',
    path: '/api/v1/imports/:id/preview',
    summary:
      'What the import would do: new, updated, unchanged, possible duplicates, rows with errors (and their lines)',
    tag: 'import',
    params: IdParams,
    body: ImportPreviewInput,
    status: 200,
    response: ImportPreview,
  }),
  applyImport: endpoint({
    method: 'POST',
    path: '/api/v1/imports/:id/apply',
    summary: 'Apply a previewed import in batches; GET the import meanwhile for its progress',
    tag: 'import',
    params: IdParams,
    status: 200,
    response: ImportBatch,
  }),
  undoImport: endpoint({
    method: 'POST',
    path: '/api/v1/imports/:id/undo',
    summary: 'Undo an applied import: remove what it created, restore what it changed',
    tag: 'import',
    params: IdParams,
    status: 200,
    response: ImportBatch,
  }),
  getImport: endpoint({
    method: 'GET',
    path: '/api/v1/imports/:id',
    summary: 'One import with its status, report and progress (processedRows of totalRows)',
    tag: 'import',
    params: IdParams,
    status: 200,
    response: ImportBatch,
  }),
  listImports: endpoint({
    method: 'GET',
    path: '/api/v1/imports',
    summary: 'Past imports, newest first',
    tag: 'import',
    query: ImportListQuery,
    status: 200,
    response: ImportList,
  }),
};
