/*
 * What an import says about itself: counts, the rows it could not take (with
 * file and line), and a sample of what it will do. The same shape serves the
 * preview and the result of apply.
 */

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  possibleDuplicates: number;
  errors: number;
  skipped: number;
  interactions: number;
  achievements: number;
}

export interface RowProblem {
  file: string;
  line: number;
  message: string;
}

export interface SampleRow {
  file: string;
  line: number;
  action: 'create' | 'update' | 'unchanged' | 'possible_duplicate';
  fullName: string;
  matchedBy: string | null;
  changes: string[];
}

export interface ImportReport {
  counts: ImportCounts;
  errors: RowProblem[];
  skipped: RowProblem[];
  sample: SampleRow[];
}

export const REPORT_LIMITS = { errors: 200, skipped: 100, sample: 25 } as const;

export function emptyReport(): ImportReport {
  return {
    counts: {
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      possibleDuplicates: 0,
      errors: 0,
      skipped: 0,
      interactions: 0,
      achievements: 0,
    },
    errors: [],
    skipped: [],
    sample: [],
  };
}

export function addError(r: ImportReport, p: RowProblem): void {
  r.counts.errors++;
  if (r.errors.length < REPORT_LIMITS.errors) r.errors.push(p);
}

export function addSkipped(r: ImportReport, p: RowProblem): void {
  r.counts.skipped++;
  if (r.skipped.length < REPORT_LIMITS.skipped) r.skipped.push(p);
}

export function addSample(r: ImportReport, s: SampleRow): void {
  if (r.sample.length < REPORT_LIMITS.sample) r.sample.push(s);
}
