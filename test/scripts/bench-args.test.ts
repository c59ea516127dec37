import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/* Every benchmark script reads its options through bench/lib/args.ts: --help, and one clear line for a wrong option. */

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SCRIPTS = ['run', 'prepare', 'soak', 'spread', 'search', 'insights', 'map', 'paths', 'export', 'import', 'today'];

function run(script: string, ...args: string[]) {
  const r = spawnSync(TSX, [path.join(ROOT, 'bench', `${script}.ts`), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('benchmark command lines', () => {
  it.each(SCRIPTS)('bench/%s.ts prints its usage for --help and exits 0, touching no database', (script) => {
    const r = run(script, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^(npm run|npx tsx) \S+/);
    expect(r.err).toBe('');
  });

  it.each(SCRIPTS)('bench/%s.ts says which option is wrong, shows the usage and exits 2', (script) => {
    const r = run(script, '--no-such-option');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(/Unknown option '--no-such-option'/);
    expect(r.err).toMatch(/\n(npm run|npx tsx) /);
    expect(r.err).not.toMatch(/ at .*parse_args/);
  });
});
