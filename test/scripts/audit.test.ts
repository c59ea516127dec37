import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/* scripts/audit.mjs judges npm audit's JSON: high or critical fails, an unreachable endpoint is said plainly. */

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/audit.mjs');

function judge(report: unknown, env: Record<string, string> = {}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tend-audit-')), 'audit.json');
  fs.writeFileSync(file, JSON.stringify(report));
  const run = spawnSync(process.execPath, [SCRIPT, '--from', file], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: run.status, out: run.stdout };
}

const counts = (high: number, critical: number) => ({
  metadata: { vulnerabilities: { info: 0, low: 1, moderate: 2, high, critical, total: 3 + high + critical } },
  vulnerabilities:
    high + critical > 0
      ? {
          'bad-pkg': {
            name: 'bad-pkg',
            severity: critical ? 'critical' : 'high',
            range: '<1.2.3',
            via: [{ title: 'Prototype pollution', url: 'https://example.test/GHSA' }],
            fixAvailable: true,
          },
        }
      : {},
});

describe('scripts/audit.mjs', () => {
  it('passes with only low and moderate advisories', () => {
    const r = judge(counts(0, 0));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no high or critical advisory/);
  });
  it('fails on a high or a critical advisory and names it', () => {
    for (const [h, c] of [
      [1, 0],
      [0, 1],
    ] as const) {
      const r = judge(counts(h, c));
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/bad-pkg <1.2.3 — Prototype pollution/);
    }
  });
  it('says plainly when the audit endpoint is unavailable, and fails only when required', () => {
    const refused = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
    };
    const r = judge(refused);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/audit endpoint is unavailable \(405 Method Not Allowed/);
    expect(r.out).toMatch(/NOT checked/);
    expect(judge(refused, { TEND_AUDIT_REQUIRED: '1' }).code).toBe(1);
  });
});
