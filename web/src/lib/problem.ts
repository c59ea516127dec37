import type { z } from 'zod';
import type { Problem } from '../../../src/contract/common.js';
import { isApiError } from './api';

/**
 * Maps a problem's field errors (paths like `body.emails.0.value`) onto form field names,
 * so the message shows under the input the person typed into. What cannot be placed on a
 * field is returned as `general` for an alert above the form.
 */
export interface FormProblem {
  fields: Record<string, string>;
  general: { title: string; detail?: string; messages: string[] } | null;
  code: string | null;
}

export type PathMap = (path: string) => string | null;

export function problemToForm(problem: Problem, mapPath: PathMap): FormProblem {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const e of problem.errors ?? []) {
    const field = mapPath(e.path.replace(/^body\./, ''));
    if (field && !fields[field]) fields[field] = sentence(e.message);
    else if (!field) unplaced.push(`${humanPath(e.path)} ${e.message}`);
  }
  const hasFieldErrors = Object.keys(fields).length > 0;
  const general =
    unplaced.length > 0 || !hasFieldErrors
      ? {
          title: problem.title,
          ...(problem.detail ? { detail: problem.detail } : {}),
          messages: unplaced,
        }
      : null;
  return { fields, general, code: problem.code };
}

export function errorToForm(error: unknown, mapPath: PathMap): FormProblem {
  if (isApiError(error)) return problemToForm(error.problem, mapPath);
  const message = error instanceof Error ? error.message : String(error);
  return {
    fields: {},
    general: {
      title: 'Could not reach Tend',
      detail: `${message}. Check that the server is running, then try again.`,
      messages: [],
    },
    code: 'network',
  };
}

/** Client-side check with the contract's own schema, in the same shape as a server problem. */
export function zodToProblem(error: z.ZodError): Problem {
  return {
    type: 'about:blank',
    title: 'Some fields need another look',
    status: 400,
    code: 'validation_failed',
    errors: error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
  };
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function humanPath(path: string): string {
  return path
    .replace(/^body\./, '')
    .replace(/\.(\d+)/g, (_, n: string) => ` #${Number(n) + 1}`)
    .replace(/\./g, ' › ');
}
