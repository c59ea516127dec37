/*
 * Screenshots of the network map: light and dark, 1440 px and 360 px, plain and with a warm path drawn.
 *
 *   TEND_SCREENSHOT_PASSWORD=… npx tsx web/scripts/map-screenshots.ts --url http://127.0.0.1:4100 --email E
 *
 * Best on a network with connections: `npm run bench:map -- --size S --no-browser` makes one in
 * bench/.data/tend_bench_map_s.db (owner bench-owner@example.test, password "a long bench password 1");
 * serve it with TEND_DATABASE_URL=sqlite:bench/.data/tend_bench_map_s.db npx tend serve.
 *
 * When the server has no GET /api/v1/paths yet, the path shown is one read off the map's own graph
 * (you → someone close → a colleague of theirs → their organisation), answered with page.route.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import type { NetworkGraph } from '../../src/contract/network.js';
import type { PathResult } from '../../src/contract/paths.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4100' },
    out: { type: 'string', default: 'docs/screenshots' },
    email: { type: 'string', default: 'owner@example.test' },
  },
});
const base = (args.url ?? '').replace(/\/$/, '');
const outDir = path.resolve(args.out ?? 'docs/screenshots');
const password = process.env.TEND_SCREENSHOT_PASSWORD ?? '';

async function api<T>(cookie: string, url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${url}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as T };
}

/** A believable warm path read off the graph, for servers without the paths endpoint. */
function pathFrom(g: NetworkGraph): PathResult | null {
  const byId = new Map(g.people.map((p) => [p.id, p]));
  const yours = new Set(g.edges.filter((e) => e.type === 'you').map((e) => e.target));
  for (const org of g.organisations) {
    for (const e of g.edges) {
      if (e.type !== 'connection') continue;
      for (const [a, b] of [
        [e.source, e.target],
        [e.target, e.source],
      ] as const) {
        const first = byId.get(a);
        const second = byId.get(b);
        if (!first || !second || !yours.has(a) || second.organisationId !== org.id || first.organisationId === org.id)
          continue;
        const hop = (p: typeof first) => ({
          id: p.id,
          fullName: p.label,
          photoUrl: null,
          headline: p.headline,
          organisation: p.organisation,
          role: p.roleTitle,
        });
        return {
          target: { kind: 'org', label: org.label, id: org.id, matchedPeople: org.members },
          paths: [
            {
              score: 0.64,
              hops: [
                { person: hop(first), via: { kind: 'you', strength: first.strength / 100, label: 'you know them' } },
                { person: hop(second), via: { kind: e.kind, strength: e.strength / 5, label: e.kind } },
              ],
              explanation: `Ask ${first.label}: they ${e.kind === 'worked_with' ? 'worked with' : 'know'} ${second.label}, ${second.roleTitle ?? 'who works'} at ${org.label}.`,
            },
          ],
        };
      }
    }
  }
  return null;
}

async function signIn(page: Page) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(args.email ?? '');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const vp of [
      { suffix: '', width: 1440, height: 900, scale: 1 },
      { suffix: '-mobile', width: 360, height: 780, scale: 2 },
    ]) {
      const ctx = await browser.newContext({
        viewport: { width: vp.width, height: vp.height },
        deviceScaleFactor: vp.scale,
        colorScheme: scheme,
      });
      const page = await ctx.newPage();
      await signIn(page);
      const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const graph = await api<NetworkGraph>(cookie, '/api/v1/network/graph');
      let target = graph.body.organisations[0]?.label;
      const probe = await api<unknown>(cookie, '/api/v1/paths?to=org%3Ax');
      if (probe.status === 404 && (probe.body as { code?: string }).code === 'route_not_found') {
        const result = pathFrom(graph.body);
        target = result?.target.label;
        if (result) await page.route('**/api/v1/paths?**', (r) => r.fulfill({ json: result }));
      }
      await page.goto(`${base}/map`);
      await page.waitForSelector('[data-testid="network-map"][data-layout="done"]', { timeout: 90_000 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(outDir, `map-${scheme}${vp.suffix}.png`) });

      if (target) {
        await page.getByRole('combobox', { name: 'Find a way in' }).fill(target);
        await page.getByRole('button', { name: 'Find', exact: true }).click();
        await page.getByTestId('path-option').first().waitFor();
        await page.waitForTimeout(900);
        await page.screenshot({
          path: path.join(outDir, `map-path-${scheme}${vp.suffix}.png`),
          fullPage: vp.scale > 1,
        });
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
}
