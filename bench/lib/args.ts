import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * A benchmark's command line, read with node's parseArgs: `--help` (or `-h`) prints `usage` and
 * exits 0; an unknown or malformed option prints one line saying what was wrong, then `usage`,
 * and exits 2, instead of a stack trace.
 */
export function benchArgs<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const text = usage.endsWith('\n') ? usage : `${usage}\n`;
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(text);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (err) {
    process.stderr.write(`${(err as Error).message.split('\n')[0]}\n${text}`);
    process.exit(2);
  }
}
