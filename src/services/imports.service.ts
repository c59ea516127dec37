import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { ImportBatch, ImportCreate, ImportPreview, ImportPreviewInput } from '../contract/import.js';
import type { ImportReport } from '../import/report.js';
import type { StoredFile } from '../import/source.js';
import type { Mapping } from '../import/sources/generic.js';
import { IMPORT_LIMITS, type ImportSource } from '../import/types.js';
import { AppError, BadRequestError, ConflictError, NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import type { Database } from '../storage/schema.js';
import type { Selectable } from 'kysely';
import { type Actor, type ServiceDeps, nowIso } from './context.js';

/*
 * Import batches: create one for a source, upload its files (streamed to
 * temporary files by the HTTP layer), preview, apply, undo. The files stay
 * on this server's disk until the batch is applied or undone.
 */

type BatchRow = Selectable<Database['importBatches']>;

/** Uploads of imports never applied are removed after this long. */
const UPLOAD_TTL_MS = 24 * 3600 * 1000;
let swept = false;

/** Where uploads wait to be imported; the first call of a process sweeps out day-old leftovers. */
export function uploadDir(): string {
  const dir = path.join(os.tmpdir(), 'tend-imports');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!swept) {
    swept = true;
    const cutoff = Date.now() - UPLOAD_TTL_MS;
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      fs.stat(file, (err, st) => {
        if (!err && st.mtimeMs < cutoff) fs.rm(file, { force: true }, () => {});
      });
    }
  }
  return dir;
}

interface StoredMeta {
  files: StoredFile[];
  report: ImportReport | null;
  columns: ImportPreview['columns'];
  encoding: string | null;
}

function parseJson<T>(s: string | null, fallback: T): T {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

function present(r: BatchRow): ImportBatch {
  const files = parseJson<StoredFile[]>(r.files, []);
  const counts = parseJson<Partial<StoredMeta>>(r.counts, {});
  return {
    id: r.id,
    source: r.source as ImportSource,
    fileName: r.fileName,
    status: r.status as ImportBatch['status'],
    files: files.map((f) => ({ name: f.name, size: f.size })),
    mapping: parseJson<Mapping | null>(r.mapping, null),
    report: counts.report ?? null,
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    error: r.error,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    appliedAt: r.appliedAt,
    undoneAt: r.undoneAt,
  };
}

/**
 * An apply or undo writes a heartbeat (updated_at) at least this often; one
 * whose heartbeat is older than INTERRUPTED_AFTER_MS was interrupted (the
 * server was killed or lost power) and is shown as failed, so it can be undone
 * or imported again. Each chunk of CHUNK_ROWS rows commits on its own, with the
 * batch's processed_rows in the same transaction: what an interrupted import
 * wrote is whole chunks, exactly processed_rows rows, all recorded for undo.
 */
export const IMPORT_HEARTBEAT_MS = 2_000;
export const INTERRUPTED_AFTER_MS = 15_000;

/** The import pipeline, loaded at first use (src/import/pipeline.ts). */
const pipeline = () => import('../import/pipeline.js');

/** The error to throw for a failed preview or apply: a bad file becomes a problem the user can act on. */
async function badFile(err: unknown): Promise<unknown> {
  const { BadFileError } = await pipeline();
  if (err instanceof BadFileError) {
    return new AppError(
      err.code === 'too_large' || err.code === 'too_many_rows' ? 'too_large' : 'bad_request',
      err.code,
      'The file cannot be imported',
      err.message,
    );
  }
  return err;
}

/**
 * Uploaded files wait on the disk of the instance that received them. With
 * several instances behind a balancer, a preview or apply that lands on another
 * one cannot read them: say so (409) instead of failing on a missing file.
 */
function requireFilesHere(files: StoredFile[]) {
  const here = uploadDir();
  if (files.every((f) => path.dirname(path.resolve(f.path)) === here && fs.existsSync(f.path))) return;
  throw ConflictError(
    'upload_elsewhere',
    'The uploaded file is not on this server',
    'Another Tend instance received the upload (several instances behind a load balancer?), or it was removed after a day. Route one import’s requests to one instance (sticky sessions on /api/v1/imports), then upload the file again.',
  );
}

function removeFiles(files: StoredFile[]) {
  for (const f of files) fs.rm(f.path, { force: true }, () => {});
}

export function importsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  /** Marks this workspace's imports whose apply or undo stopped beating as failed (see INTERRUPTED_AFTER_MS). */
  async function recoverInterrupted(workspaceId: string): Promise<void> {
    const cutoff = new Date(clock.now().getTime() - INTERRUPTED_AFTER_MS).toISOString();
    for (const [status, error] of [
      [
        'applying',
        'Interrupted: the server stopped while applying this import. The rows counted as processed were saved in whole chunks and can be undone; import the file again to add the rest (people already imported are matched, not duplicated).',
      ],
      [
        'undoing',
        'Interrupted: the server stopped while undoing this import. Nothing was undone (undo runs in one transaction); undo it again.',
      ],
    ] as const) {
      await k
        .updateTable('importBatches')
        .set({ status: 'failed', error, updatedAt: nowIso(clock) })
        .where('workspaceId', '=', workspaceId)
        .where('status', '=', status)
        .where('updatedAt', '<', cutoff)
        .execute();
    }
  }

  /** Keeps a running apply or undo visibly alive (updated_at) until `done` settles. */
  async function withHeartbeat<T>(actor: Actor, id: string, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => {
      k.updateTable('importBatches')
        .set({ updatedAt: nowIso(clock) })
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .where('status', 'in', ['applying', 'undoing'])
        .execute()
        .catch(() => {
          // A missed beat only matters if many are missed in a row; the next one retries.
        });
    }, IMPORT_HEARTBEAT_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  async function row(actor: Actor, id: string): Promise<BatchRow> {
    await recoverInterrupted(actor.workspaceId);
    const r = await k
      .selectFrom('importBatches')
      .selectAll()
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw NotFoundError('Import');
    return r;
  }

  async function setStatus(actor: Actor, id: string, set: Partial<BatchRow>) {
    await k
      .updateTable('importBatches')
      .set({ ...set, updatedAt: nowIso(clock) })
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  const service = {
    async create(actor: Actor, input: z.output<typeof ImportCreate>): Promise<ImportBatch> {
      const now = nowIso(clock);
      const id = uuidv7();
      await k
        .insertInto('importBatches')
        .values({
          id,
          workspaceId: actor.workspaceId,
          source: input.source,
          fileName: input.fileName ?? '',
          status: 'uploading',
          files: '[]',
          mapping: input.mapping ? JSON.stringify(input.mapping) : null,
          counts: '{}',
          error: null,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          appliedAt: null,
          undoneAt: null,
        })
        .execute();
      return present(await row(actor, id));
    },

    async get(actor: Actor, id: string): Promise<ImportBatch> {
      return present(await row(actor, id));
    },

    async list(actor: Actor, limit: number): Promise<{ items: ImportBatch[] }> {
      await recoverInterrupted(actor.workspaceId);
      const rows = await k
        .selectFrom('importBatches')
        .selectAll()
        .where('workspaceId', '=', actor.workspaceId)
        .where('status', '<>', 'uploading')
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return { items: rows.map(present) };
    },

    /** Checks that a file may be added before the upload is streamed to disk. */
    async checkUpload(actor: Actor, id: string): Promise<void> {
      const r = await row(actor, id);
      if (r.status !== 'uploading' && r.status !== 'previewed') {
        throw ConflictError(
          'import_started',
          'This import has already been applied',
          'Start a new import to add files.',
        );
      }
      const files = parseJson<StoredFile[]>(r.files, []);
      if (files.length >= IMPORT_LIMITS.filesPerBatch) {
        throw new AppError(
          'too_large',
          'too_many_files',
          'Too many files',
          `An import takes at most ${IMPORT_LIMITS.filesPerBatch} files.`,
        );
      }
    },

    /** Adds an uploaded file (already on disk) to a batch; a file of the same name replaces the old one. */
    async attachFile(actor: Actor, id: string, file: StoredFile): Promise<ImportBatch> {
      try {
        const r = await row(actor, id);
        await service.checkUpload(actor, id);
        const files = parseJson<StoredFile[]>(r.files, []);
        const total = files.reduce((n, f) => n + (f.name === file.name ? 0 : f.size), 0) + file.size;
        if (total > IMPORT_LIMITS.uploadBytes) {
          throw new AppError(
            'too_large',
            'upload_too_large',
            'The upload is too large',
            `An import takes at most ${IMPORT_LIMITS.uploadBytes / 1024 / 1024} MB in all.`,
          );
        }
        const old = files.filter((f) => f.name === file.name);
        removeFiles(old);
        const next = [...files.filter((f) => f.name !== file.name), file];
        await setStatus(actor, id, {
          files: JSON.stringify(next),
          status: 'uploading',
          counts: '{}',
          fileName: r.fileName || file.name,
        });
        return present(await row(actor, id));
      } catch (err) {
        removeFiles([file]);
        throw err;
      }
    },

    async preview(actor: Actor, id: string, input: z.output<typeof ImportPreviewInput>): Promise<ImportPreview> {
      const r = await row(actor, id);
      if (r.status !== 'uploading' && r.status !== 'previewed') {
        throw ConflictError('import_started', 'This import has already been applied', 'Its result is in the batch.');
      }
      const files = parseJson<StoredFile[]>(r.files, []);
      if (files.length === 0) throw BadRequestError('no_files', 'Upload a file first', 'This import has no files yet.');
      requireFilesHere(files);
      const source = r.source as ImportSource;
      let mapping = input.mapping ?? parseJson<Mapping | null>(r.mapping, null);
      const { csvSample, checkMapping, encodingOf, itemsOf, runImport, suggestMapping } = await pipeline();
      let columns: ImportPreview['columns'] = null;
      let encoding: string | null = null;
      try {
        encoding = await encodingOf(files[0] as StoredFile);
        if (source === 'csv') {
          const sample = await csvSample(files[0] as StoredFile);
          const suggested = suggestMapping(sample.headers);
          columns = { headers: sample.headers, rows: sample.rows, suggested };
          mapping ??= suggested;
          const problem = checkMapping(mapping);
          if (problem) {
            await setStatus(actor, id, { mapping: JSON.stringify(mapping), status: 'uploading' });
            return { batch: present(await row(actor, id)), report: null, columns, encoding, problem };
          }
        }
        const report = await runImport(itemsOf({ source, files, mapping }), {
          db: k,
          // For the run's scratch tables only: a preview writes nothing else.
          sqlite: db.sqlite,
          workspaceId: actor.workspaceId,
          batchId: id,
          clock,
          mode: 'preview',
        });
        await setStatus(actor, id, {
          status: 'previewed',
          mapping: mapping ? JSON.stringify(mapping) : null,
          totalRows: report.counts.rows,
          processedRows: 0,
          counts: JSON.stringify({ report }),
        });
        return { batch: present(await row(actor, id)), report, columns, encoding, problem: null };
      } catch (err) {
        throw await badFile(err);
      }
    },

    async apply(actor: Actor, id: string): Promise<ImportBatch> {
      const r = await row(actor, id);
      if (r.status === 'previewed') requireFilesHere(parseJson<StoredFile[]>(r.files, []));
      const claimed = await k
        .updateTable('importBatches')
        .set({ status: 'applying', processedRows: 0, updatedAt: nowIso(clock) })
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .where('status', '=', 'previewed')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        if (r.status === 'uploading')
          throw ConflictError(
            'preview_first',
            'Preview the import first',
            'Ask for the preview, check it, then apply.',
          );
        throw ConflictError('import_started', 'This import has already been applied', `Its status is ${r.status}.`);
      }
      const files = parseJson<StoredFile[]>(r.files, []);
      try {
        const { itemsOf, runImport } = await pipeline();
        const report = await withHeartbeat(actor, id, () =>
          runImport(
            itemsOf({ source: r.source as ImportSource, files, mapping: parseJson<Mapping | null>(r.mapping, null) }),
            {
              db: k,
              sqlite: db.sqlite,
              workspaceId: actor.workspaceId,
              batchId: id,
              clock,
              mode: 'apply',
              progress: (processed) => setStatus(actor, id, { processedRows: processed }),
            },
          ),
        );
        const now = nowIso(clock);
        await setStatus(actor, id, {
          status: 'applied',
          appliedAt: now,
          processedRows: report.counts.rows,
          totalRows: report.counts.rows,
          counts: JSON.stringify({ report }),
        });
        removeFiles(files);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // What was committed stays recorded: the batch can still be undone.
        await setStatus(actor, id, { status: 'failed', error: message.slice(0, 1000) });
        throw await badFile(err);
      }
      return present(await row(actor, id));
    },

    async undo(actor: Actor, id: string): Promise<ImportBatch> {
      const r = await row(actor, id);
      const claimed = await k
        .updateTable('importBatches')
        .set({ status: 'undoing', updatedAt: nowIso(clock) })
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .where('status', 'in', ['applied', 'failed'])
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        throw ConflictError(
          'not_undoable',
          'This import cannot be undone',
          r.status === 'undone'
            ? 'It was already undone.'
            : `Only an applied import can be undone; this one is ${r.status}.`,
        );
      }
      try {
        const { undoBatch } = await pipeline();
        await withHeartbeat(actor, id, () => undoBatch(k, actor.workspaceId, id, clock));
      } catch (err) {
        await setStatus(actor, id, { status: r.status });
        throw err;
      }
      await k
        .deleteFrom('importChanges')
        .where('workspaceId', '=', actor.workspaceId)
        .where('batchId', '=', id)
        .execute();
      await setStatus(actor, id, { status: 'undone', undoneAt: nowIso(clock) });
      removeFiles(parseJson<StoredFile[]>(r.files, []));
      return present(await row(actor, id));
    },
  };
  return service;
}
