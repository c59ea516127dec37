import { BadRequestError } from '../../lib/errors.js';

/*
 * Keyset pagination: a cursor carries the sort key and id of the last row of
 * a page. It is opaque to clients (base64url JSON) and checked when read back.
 */

export interface CursorValue {
  /** Sort key of the last row (string for text keys). */
  k: string;
  /** Id of the last row, the tie-breaker. */
  id: string;
  /** The sort this cursor belongs to; a cursor from another sort is refused. */
  s: string;
}

export function encodeCursor(c: CursorValue): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string | undefined, sort: string): CursorValue | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<CursorValue>;
    if (typeof v.k === 'string' && typeof v.id === 'string' && v.s === sort) return v as CursorValue;
  } catch {
    // reported below
  }
  throw BadRequestError(
    'invalid_cursor',
    'The cursor is not valid',
    'Use the nextCursor of the previous page with the same sort, or leave cursor out to start again.',
  );
}
