import fs from 'node:fs';
import path from 'node:path';

/*
 * Reliability tests (hostile input, crash safety, concurrency, load, many
 * instances, backups) record what they tried and what happened, one JSON file
 * per record under reports/reliability/. `npm run reliability` runs them and
 * turns the records into the table in docs/reliability.md.
 */

export interface ReliabilityRecord {
  /** Stable id, e.g. "fuzz-api-schemas" or "crash-import-sqlite". */
  id: string;
  /** Which part of the reliability issue it belongs to: "hostile input", "crash safety", ... */
  area: string;
  /** The test in one line. */
  test: string;
  /** What it tried, with numbers: "4,000 random bodies over 93 endpoints". */
  tried: string;
  /** What happened, with numbers: "0 × 500, 0 partial writes; all 4xx problem+json". */
  result: string;
  /** Whether it passed; a failing test also fails in vitest. */
  ok: boolean;
}

export const RELIABILITY_DIR = path.resolve(import.meta.dirname, '../../reports/reliability');

export function recordReliability(r: ReliabilityRecord): void {
  fs.mkdirSync(RELIABILITY_DIR, { recursive: true });
  const file = path.join(RELIABILITY_DIR, `${r.id.replace(/[^a-z0-9-]/gi, '_')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ ...r, at: new Date().toISOString() }, null, 2)}\n`);
}
