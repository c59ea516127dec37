import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import { ImportFileParams, UPLOAD_CONTENT_TYPES } from '../../contract/import.js';
import type { StoredFile } from '../../import/source.js';
import { IMPORT_LIMITS } from '../../import/types.js';
import { AppError } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { uploadDir } from '../../services/imports.service.js';
import { authorizeEndpoint } from '../../services/policy.js';
import type { Services } from '../../services/index.js';
import { fromZod } from '../errors.js';
import { route } from '../route.js';

/*
 * Imports over HTTP. A file is uploaded as the raw body of a PUT (not
 * multipart), and its content-type parser streams it to a temporary file,
 * counting bytes, after checking who is asking and that the batch takes
 * files: nothing unauthorised reaches the disk, nothing is held in memory.
 */

async function streamToDisk(
  app: FastifyInstance,
  s: Services,
  req: FastifyRequest,
  payload: NodeJS.ReadableStream,
): Promise<StoredFile> {
  authorizeEndpoint(req.principal, e.uploadImportFile);
  await app.authKit.checkCsrf(req, 'PUT');
  const parsed = ImportFileParams.safeParse(req.params);
  if (!parsed.success) throw fromZod(parsed.error, 'params');
  await s.imports.checkUpload(req.actor, parsed.data.id);
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () =>
    new AppError(
      'too_large',
      'upload_too_large',
      'The upload is too large',
      `A file may be at most ${IMPORT_LIMITS.uploadBytes / 1024 / 1024} MB. Split it, or import the zip's files one by one.`,
    );
  if (declared > IMPORT_LIMITS.uploadBytes) throw tooLarge();
  const file = path.join(uploadDir(), `upload-${uuidv7()}`);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > IMPORT_LIMITS.uploadBytes) done(tooLarge());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(payload, counter, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    fs.rm(file, { force: true }, () => {});
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', 'upload_interrupted', 'The upload was interrupted', 'Send the file again.');
  }
  if (size === 0) {
    fs.rm(file, { force: true }, () => {});
    throw new AppError('bad_request', 'empty_file', 'The file is empty', 'Upload a file with contacts in it.');
  }
  return { name: parsed.data.name, path: file, size };
}

export function importRoutes(app: FastifyInstance, s: Services) {
  route(app, e.createImport, ({ actor, body }) => s.imports.create(actor, body));
  route(app, e.listImports, ({ actor, query }) => s.imports.list(actor, query.limit));
  route(app, e.getImport, ({ actor, params }) => s.imports.get(actor, params.id));
  route(app, e.previewImport, ({ actor, params, body }) => s.imports.preview(actor, params.id, body));
  route(app, e.applyImport, ({ actor, params }) => s.imports.apply(actor, params.id));
  route(app, e.undoImport, ({ actor, params }) => s.imports.undo(actor, params.id));
  // Upload parsers live in their own context so JSON stays the only body type everywhere else.
  app.register(async (child) => {
    for (const type of UPLOAD_CONTENT_TYPES) {
      child.addContentTypeParser(type, async (req: FastifyRequest, payload: NodeJS.ReadableStream) =>
        streamToDisk(app, s, req, payload),
      );
    }
    route(child, e.uploadImportFile, async ({ actor, params, req }) => {
      const file = req.body as StoredFile | undefined;
      if (!file || typeof file !== 'object' || !('path' in file)) {
        await s.imports.checkUpload(actor, params.id);
        throw new AppError(
          'unsupported_media_type',
          'unsupported_media_type',
          'Send the file as the raw body',
          `Use Content-Type ${UPLOAD_CONTENT_TYPES.join(', ')}.`,
        );
      }
      return s.imports.attachFile(actor, params.id, file);
    });
  });
}
