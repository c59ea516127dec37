/*
 * Screenshots of the main pages in both themes, at desktop and phone widths.
 *
 *   npx tsx web/scripts/screenshots.ts --url http://127.0.0.1:4100 --email E [--out docs/screenshots] [--only today,people]
 *
 * Needs a running server with some data (`tend demo`), an account to sign in as (the password in
 * TEND_SCREENSHOT_PASSWORD), and Debian's Chromium at /usr/bin/chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4100' },
    out: { type: 'string', default: 'docs/screenshots' },
    only: { type: 'string' },
    suffix: { type: 'string', default: '' },
    email: { type: 'string', default: 'owner@example.test' },
  },
});
const password = process.env.TEND_SCREENSHOT_PASSWORD ?? '';
let cookie = '';

/** Signs in once for the script's own API calls. */
async function signIn() {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: args.email, password }),
  });
  if (!res.ok) throw new Error(`Sign-in as ${args.email} failed: ${res.status} ${await res.text()}`);
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const base = (args.url ?? '').replace(/\/$/, '');
const outDir = path.resolve(args.out ?? 'docs/screenshots');
const only = args.only ? new Set(args.only.split(',')) : null;

const viewports = [
  { name: '', width: 1440, height: 900, scale: 1, mobile: false },
  { name: '-mobile', width: 390, height: 844, scale: 2, mobile: true },
] as const;
const themes = ['light', 'dark'] as const;

interface Shot {
  name: string;
  /** Taken before signing in. */
  anonymous?: boolean;
  path: string;
  fullPage: boolean;
  prepare?: (page: Page, mobile: boolean) => Promise<void>;
}

async function pickPerson(): Promise<string | null> {
  const res = await fetch(`${base}/api/v1/people?sort=-lastContact&limit=20`, { headers: { cookie } });
  if (!res.ok) throw new Error(`listPeople failed: ${res.status} ${await res.text()}`);
  const page = (await res.json()) as { items: { id: string; interactionCount: number; headline: string | null }[] };
  // The richest page makes the best picture: someone with a headline and several conversations.
  const best = [...page.items].sort((a, b) => b.interactionCount - a.interactionCount).find((p) => p.headline);
  const chosen = best ?? page.items[0];
  return chosen?.id ?? null;
}

/** Wait until data has arrived: no skeletons marked busy, fonts and images settled. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, {
    timeout: 60_000,
  });
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
}

/*
 * A bare container renders system-ui as DejaVu Sans, which no reader will ever see. When Inter is
 * installed (Debian: fonts-inter), let it stand in for the system UI fonts of macOS and Windows.
 */
function fontEnv(): Record<string, string> | undefined {
  if (!existsSync('/usr/share/fonts/opentype/inter')) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'tend-fonts-'));
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
      <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
      <match target="pattern"><test qual="any" name="family"><string>sans-serif</string></test>
        <edit name="family" mode="prepend" binding="strong"><string>Inter</string></edit></match>
      <alias binding="strong"><family>system-ui</family><prefer><family>Inter</family></prefer></alias>
    </fontconfig>`,
  );
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, FONTCONFIG_FILE: file };
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  await signIn();
  const personId = await pickPerson();
  if (!personId) console.warn('No people yet: person pages are skipped. Run `tend demo` against this server first.');
  const all: Shot[] = [
    { name: 'login', path: '/login', fullPage: false, anonymous: true },
    { name: 'today', path: '/', fullPage: true },
    { name: 'people', path: '/people', fullPage: false },
    { name: 'person', path: `/people/${personId}`, fullPage: true },
    {
      name: 'add-person',
      path: '/people',
      fullPage: false,
      prepare: async (page) => {
        await page.getByTestId('add-person').click();
        await page.getByLabel('Full name').fill('Ana Lima');
        await page.getByLabel('The one line that matters').fill('Met at DevConf; building Rust payments at Stripe');
        await page.waitForTimeout(500);
      },
    },
    {
      name: 'log-interaction',
      path: `/people/${personId}`,
      fullPage: false,
      prepare: async (page) => {
        await page.getByTestId('log-interaction').click();
        await page.getByLabel('Summary').fill('Coffee near the office: talked about her move to the platform team');
        await page.waitForTimeout(500);
      },
    },
    {
      name: 'palette',
      path: '/',
      fullPage: false,
      prepare: async (page, mobile) => {
        if (mobile) await page.getByRole('button', { name: 'Search', exact: true }).click();
        else await page.keyboard.press('/');
        await page.getByPlaceholder('Search people, or type a command…').waitFor();
        await page.waitForTimeout(400);
        await page.keyboard.type('an', { delay: 80 });
        await page.waitForTimeout(900);
      },
    },
    ...['export', 'backup', 'duplicates'].map((tab) => ({
      name: `import-${tab}`,
      path: `/import/${tab}`,
      fullPage: true,
    })),
    ...['account', 'sync', 'sessions', 'tokens', 'security', 'workspaces'].map((tab) => ({
      name: `settings-${tab}`,
      path: `/settings/${tab}`,
      fullPage: true,
    })),
    {
      name: 'new-token',
      path: '/settings/tokens',
      fullPage: false,
      prepare: async (page: Page) => {
        await page.getByRole('button', { name: 'Create token' }).click();
        await page.getByLabel('Name').fill('Screenshot script');
        await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
        await page.getByTestId('new-token').waitFor();
        await page.waitForTimeout(400);
      },
    },
  ];
  const shots = all.filter((s) => personId || !s.path.includes('null'));

  const env = fontEnv();
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
    ...(env ? { env } : {}),
  });
  try {
    for (const theme of themes) {
      for (const vp of viewports) {
        const context = await browser.newContext({
          viewport: { width: vp.width, height: vp.height },
          deviceScaleFactor: vp.scale,
          isMobile: vp.mobile,
          hasTouch: vp.mobile,
          colorScheme: theme,
          locale: 'en-GB',
          timezoneId: 'Europe/London',
        });
        await context.addInitScript((t) => localStorage.setItem('tend-color-scheme', t), theme);
        context.setDefaultTimeout(60_000);
        const page = await context.newPage();
        page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
        const ordered = [...shots.filter((x) => x.anonymous), ...shots.filter((x) => !x.anonymous)];
        let signedIn = false;
        for (const shot of ordered) {
          if (only && !only.has(shot.name)) continue;
          if (!shot.anonymous && !signedIn) {
            const r = await context.request.post(`${base}/api/v1/auth/login`, {
              data: { email: args.email, password },
            });
            if (!r.ok()) throw new Error(`Sign-in failed: ${r.status()}`);
            signedIn = true;
          }
          await page.goto(base + shot.path);
          await settle(page);
          if (shot.prepare) await shot.prepare(page, vp.mobile);
          const file = path.join(outDir, `${shot.name}-${theme}${vp.name}${args.suffix ?? ''}.png`);
          // Phones show what fits on the screen, bottom bar included; desktops show the whole page.
          const fullPage = shot.fullPage && !shot.prepare && !vp.mobile;
          await page.screenshot({ path: file, fullPage, timeout: 120_000 });
          console.log(`saved ${path.relative(process.cwd(), file)}`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
