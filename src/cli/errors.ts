import { ApiError } from '../contract/client.js';

/*
 * Every failure ends as one line on stderr, "tend: what went wrong — what to do",
 * and an exit code: 1 for errors the user can fix, 2 for usage errors (commander's).
 */

export const EXIT_USER = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    /** Extra lines after the message, e.g. the candidates of an ambiguous name. */
    readonly details: readonly string[] = [],
    readonly exitCode: number = EXIT_USER,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Maps API field paths (body.emails.0.value) to what the user typed (--email). Longest prefix wins. */
export type FieldNames = Readonly<Record<string, string>>;

export function apiErrorMessage(err: ApiError, fields: FieldNames = {}): string {
  const { title, detail, errors } = err.problem;
  if (errors && errors.length > 0) {
    const parts = errors.map((e) => `${fieldName(e.path, fields)}: ${e.message}`);
    return `${title}: ${parts.join('; ')}`;
  }
  return detail ? `${title}: ${detail}` : title;
}

function fieldName(path: string, fields: FieldNames): string {
  let best: string | undefined;
  for (const prefix of Object.keys(fields)) {
    if ((path === prefix || path.startsWith(`${prefix}.`)) && (!best || prefix.length > best.length)) best = prefix;
  }
  return best ? (fields[best] ?? path) : path;
}

/** Runs an API call and words its validation errors in terms of the command's flags. */
export async function explain<T>(call: Promise<T>, fields: FieldNames): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ApiError) throw new CliError(apiErrorMessage(err, fields));
    throw err;
  }
}

export interface Rendered {
  lines: string[];
  exitCode: number;
}

/** Turns anything thrown by a command into what the user sees. */
export function renderError(err: unknown, debug: boolean): Rendered {
  if (err instanceof CliError) {
    return { lines: [`tend: ${oneLine(err.message)}`, ...err.details], exitCode: err.exitCode };
  }
  if (err instanceof ApiError) {
    return { lines: [`tend: ${oneLine(apiErrorMessage(err))}`], exitCode: EXIT_USER };
  }
  const message = err instanceof Error ? err.message : String(err);
  if (debug && err instanceof Error && err.stack) {
    return { lines: [`tend: unexpected error: ${oneLine(message)}`, err.stack], exitCode: EXIT_USER };
  }
  return {
    lines: [`tend: unexpected error: ${oneLine(message)} (rerun with TEND_LOG_LEVEL=debug to see the stack trace)`],
    exitCode: EXIT_USER,
  };
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
