/*
 * Colours for a terminal, without a dependency. Off unless the stream is a TTY
 * that wants colour: Node's hasColors() already honours NO_COLOR, FORCE_COLOR
 * and TERM=dumb, so the CLI never reads the environment itself.
 */

export interface Style {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  magenta(s: string): string;
  cyan(s: string): string;
}

function sgr(open: number, close: number) {
  return (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
}

const identity = (s: string) => s;

export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    return {
      enabled,
      bold: identity,
      dim: identity,
      red: identity,
      green: identity,
      yellow: identity,
      blue: identity,
      magenta: identity,
      cyan: identity,
    };
  }
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    magenta: sgr(35, 39),
    cyan: sgr(36, 39),
  };
}

/** Whether to colour what goes to this stream. */
export function wantsColor(stream: { isTTY?: boolean; hasColors?: () => boolean }): boolean {
  return stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors();
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Width on screen: ANSI codes take none; wide characters are rare enough in names to count as one. */
export function visibleLength(s: string): number {
  return [...stripAnsi(s)].length;
}
