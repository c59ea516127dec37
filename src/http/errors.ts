import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodError } from 'zod';
import type { Problem } from '../contract/common.js';
import { AppError, BusyError, type ErrorKind, ValidationError } from '../lib/errors.js';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export function fromZod(error: ZodError, where: 'body' | 'query' | 'params'): AppError {
  const errors = error.issues.map((i) => {
    const path = [where, ...i.path.map(String)].join('.');
    if (i.code === 'unrecognized_keys') {
      return { path, message: `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}: remove it` };
    }
    return { path, message: i.message };
  });
  return ValidationError(errors);
}

function problemOf(err: AppError, instance: string): Problem {
  return {
    type: `urn:tend:problem:${err.code}`,
    title: err.title,
    status: STATUS[err.kind],
    code: err.code,
    ...(err.detail ? { detail: err.detail } : {}),
    instance,
    ...(err.errors ? { errors: err.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, err: AppError, instance: string) {
  const problem = problemOf(err, instance);
  const retry = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (retry) reply.header('retry-after', String(retry));
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) in Tend's words. */
function translateFastifyError(err: FastifyError): AppError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(
        'bad_request',
        'malformed_json',
        'The body is not valid JSON',
        `${err.message}. Send a JSON object.`,
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(
        'too_large',
        'body_too_large',
        'The body is too large',
        'Requests are limited to 1 MiB. Send less at once, or use the import endpoints for files.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        'unsupported_media_type',
        'unsupported_media_type',
        'Unsupported content type',
        'Send the body as application/json.',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('bad_request', 'bad_content_length', 'Content-Length does not match the body', err.message);
    default:
      if (err.statusCode === 400 && err.message) {
        return new AppError('bad_request', 'bad_request', 'The request is not valid', err.message);
      }
      return undefined;
  }
}

/**
 * A unique index refused a row: two requests created the same thing at the same
 * moment and this one lost. Services check names first, so only races get here.
 */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The database could not take this write now: SQLite stayed locked past its busy
 * timeout, or PostgreSQL chose this transaction as a deadlock victim or could
 * not serialise it. Nothing was written; the client may simply try again.
 */
function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return (
    (typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))) ||
    code === 'SQLITE_LOCKED' ||
    code === '40P01' ||
    code === '40001'
  );
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return sendProblem(reply, err, req.url);
  if (isBusy(err)) {
    req.log.warn({ err }, 'database busy');
    return sendProblem(reply, BusyError(), req.url);
  }
  if (isUniqueViolation(err)) {
    return sendProblem(
      reply,
      new AppError(
        'conflict',
        'already_exists',
        'It already exists',
        'Something with the same name was created at the same moment. Reload to see it, or pick another name.',
      ),
      req.url,
    );
  }
  const translated = 'code' in err ? translateFastifyError(err as FastifyError) : undefined;
  if (translated) return sendProblem(reply, translated, req.url);
  req.log.error({ err }, 'unhandled error');
  return reply
    .status(500)
    .type('application/problem+json')
    .send({
      type: 'urn:tend:problem:internal',
      title: 'Something went wrong on our side',
      status: 500,
      code: 'internal',
      detail: 'The error was logged. Try again; if it persists, report it with the time it happened.',
      instance: req.url,
    } satisfies Problem);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return sendProblem(
    reply,
    new AppError(
      'not_found',
      'route_not_found',
      'No such endpoint',
      `${req.method} ${req.url.split('?')[0]} does not exist. See /api/docs.`,
    ),
    req.url,
  );
}
