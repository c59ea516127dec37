/*
 * Errors a user can act on. Services throw these; the HTTP layer turns them
 * into application/problem+json and the CLI into a one-line message. The
 * `code` is stable: clients may branch on it.
 */

export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'AppError';
  }
}

export function NotFoundError(what: string, detail?: string) {
  return new AppError(
    'not_found',
    'not_found',
    `${what} not found`,
    detail ?? `No ${what.toLowerCase()} with that id exists in this workspace. Check the id, or list to find it.`,
  );
}

export function ValidationError(errors: FieldError[], detail?: string) {
  const first = errors[0];
  return new AppError(
    'bad_request',
    'validation_failed',
    'The request is not valid',
    detail ?? (first ? `${first.path || 'body'}: ${first.message}` : undefined),
    errors,
  );
}

export function StaleVersionError(current: number) {
  return new AppError(
    'precondition_failed',
    'stale_version',
    'Someone changed this since you read it',
    `The current version is ${current}. Read it again, reapply your change and send version ${current}.`,
  );
}

/** The database stayed busy (locked by another writer) longer than it waits: worth retrying. */
export function BusyError() {
  const err = new AppError(
    'unavailable',
    'busy',
    'Tend is busy',
    'The database was busy with other changes for too long. Nothing was saved; try again in a moment.',
  );
  return Object.assign(err, { retryAfterSeconds: 1 });
}

export function VersionRequiredError() {
  return new AppError(
    'precondition_required',
    'version_required',
    'Say which version you are changing',
    'Send the version you read, as "version" in the body or as an If-Match header, so concurrent edits are not lost.',
  );
}

export function ConflictError(code: string, title: string, detail: string) {
  return new AppError('conflict', code, title, detail);
}

export function BadRequestError(code: string, title: string, detail: string) {
  return new AppError('bad_request', code, title, detail);
}

const UNAUTHORIZED_TITLES: Record<string, string> = {
  invalid_credentials: 'Wrong email or password',
  invalid_token: 'The API token was refused',
};

export function UnauthorizedError(code = 'unauthenticated', detail?: string) {
  return new AppError(
    'unauthorized',
    code,
    UNAUTHORIZED_TITLES[code] ?? 'Sign in first',
    detail ?? 'Send the session cookie (sign in on the web) or an API token as "Authorization: Bearer tend_...".',
  );
}

export function ForbiddenError(code: string, title: string, detail: string) {
  return new AppError('forbidden', code, title, detail);
}

export function RateLimitedError(code: string, title: string, detail: string, retryAfterSeconds: number) {
  const err = new AppError('rate_limited', code, title, detail);
  return Object.assign(err, { retryAfterSeconds });
}
