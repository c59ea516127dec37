import { createStyle, type Style, wantsColor } from './style.js';

/*
 * Where a command writes. Commands never touch process.stdout themselves, so
 * tests can run them in-process and read what they printed.
 */

export interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
  hasColors?: () => boolean;
}

export interface Output {
  /** A line of human output to stdout. */
  line(s?: string): void;
  /** Machine output: one JSON document to stdout. */
  json(value: unknown): void;
  /** A line to stderr (progress, warnings, errors). */
  err(s: string): void;
  /** Rewrites the current stderr line; only used when stderr is a terminal. */
  progress(s: string): void;
  style: Style;
  errStyle: Style;
  /** Terminal width when stdout is a terminal, for truncating tables. */
  width: number | undefined;
  stderrIsTTY: boolean;
}

export function createOutput(stdout: Stream, stderr: Stream): Output {
  const stderrIsTTY = stderr.isTTY === true;
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) {
      stderr.write('\r\u001b[2K');
      progressShown = false;
    }
  };
  return {
    line(s = '') {
      clearProgress();
      stdout.write(`${s}\n`);
    },
    json(value) {
      clearProgress();
      stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    err(s) {
      clearProgress();
      stderr.write(`${s}\n`);
    },
    progress(s) {
      if (!stderrIsTTY) return;
      stderr.write(`\r\u001b[2K${s}`);
      progressShown = true;
    },
    style: createStyle(wantsColor(stdout)),
    errStyle: createStyle(wantsColor(stderr)),
    // A pseudo-terminal may report 0 columns: then the width is unknown, not zero.
    width: stdout.isTTY && stdout.columns ? stdout.columns : undefined,
    stderrIsTTY,
  };
}

/** Collects output in memory, for tests. */
export function memoryStream(): Stream & { text(): string } {
  let buf = '';
  return {
    write(s: string) {
      buf += s;
      return true;
    },
    isTTY: false,
    text: () => buf,
  };
}
