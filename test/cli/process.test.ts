import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/contract/people.js';

/*
 * The real executable in a child process, on a temporary SQLite database:
 * argv, exit codes, streams and the environment as a user meets them.
 */

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-cli-'));

function tend(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TEND_DATA_DIR: dataDir, NO_COLOR: '1' };
  delete env.TEND_DATABASE_URL;
  delete env.TEND_SERVER;
  delete env.TEND_LOG_LEVEL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'src/cli/index.ts'), ...args],
      // Generous: tsx compiles the whole CLI on start, which takes long on a loaded machine.
      { cwd: root, env, timeout: 90_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the tend executable', { timeout: 180_000 }, () => {
  it('prints help with examples', async () => {
    const help = await tend('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tend [options] [command]');
    expect(help.stdout).toContain('$ tend log "coffee, talked about her Rust migration"');
  });

  it('adds people to the data directory, and exits non-zero on errors', async () => {
    const added = await tend('people', 'add', 'Ana Ruiz', '--org', 'Fernwood Labs', '--circle', 'close', '--json');
    expect(added.code).toBe(0);
    expect((JSON.parse(added.stdout) as Person).organisation?.name).toBe('Fernwood Labs');
    expect(fs.existsSync(path.join(dataDir, 'tend.db'))).toBe(true);

    const unknown = await tend('people', 'show', 'Zed');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      'tend: Person not found: No person named "Zed" — add them with: tend people add "Zed"\n',
    );
  });
});
