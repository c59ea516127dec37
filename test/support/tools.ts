import { spawnSync } from 'node:child_process';

/*
 * Interop tests use Debian tools (python3-icalendar, vdirsyncer, khard,
 * radicale; scripts/test-all.sh installs them). Without them a developer's
 * run skips those tests with a message; in CI (CI set) a missing tool fails.
 */
export function hasTool(what: string, command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  const ok = r.status === 0;
  if (!ok) {
    if (process.env.CI)
      throw new Error(`${what} is missing (${command} ${args.join(' ')}); scripts/test-all.sh installs it`);
    console.warn(`Skipping the ${what} checks: it is not installed (apt-get install it, as scripts/test-all.sh does)`);
  }
  return ok;
}

/** Debian's Python (with its python3-* packages), not whichever python3 is first on PATH. */
export const DEBIAN_PYTHON = '/usr/bin/python3';
