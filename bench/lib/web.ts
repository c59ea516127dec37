/*
 * Web figures in Debian's Chromium (never a downloaded browser), through
 * playwright-core: how soon the people page shows its first rows after
 * navigation, frame times while scrolling the virtualised list, and how soon
 * a person page shows the person. Timings come from the page itself
 * (performance.now() and requestAnimationFrame), not from Playwright's
 * round trips.
 */
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.TEND_BENCH_CHROMIUM ?? '/usr/bin/chromium';

export interface WebFigures {
  /** From navigation start to the first person row in the DOM, median over the runs. */
  peopleFirstRowsMs: number[];
  /** Frame intervals while scrolling the people list. */
  scrollFrameP50: number;
  scrollFrameP95: number;
  scrollFrames: number;
  /** How far the page scrolled, in CSS pixels. */
  scrolledPx: number;
  /** From navigation start to the person's name in the heading (a cold load of the app). */
  personPageMs: number[];
  /** From a click on a row of the people list to the person's name in the heading (the app loaded). */
  personFromListMs: number[];
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

export async function measureWeb(
  baseUrl: string,
  login: { email: string; password: string },
  people: { id: string; name: string }[],
  opts: { runs: number; scrollSeconds: number },
): Promise<WebFigures> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
    // Password hashing is deliberately slow; on a loaded machine sign-in can take a while.
    const res = await context.request.post('/api/v1/auth/login', {
      data: login,
      headers: { origin: baseUrl },
      timeout: 120_000,
    });
    if (!res.ok()) throw new Error(`sign-in for the web figures failed: ${res.status()} ${await res.text()}`);
    const page = await context.newPage();
    // Warm the HTTP cache once, as a returning user has it.
    await page.goto('/people');
    await page.locator('[id^="person-row-"]').first().waitFor({ timeout: 60_000 });

    const firstRows: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      await page.goto('about:blank');
      await page.goto('/people', { waitUntil: 'commit' });
      await page.locator('[id^="person-row-"]').first().waitFor({ timeout: 60_000 });
      firstRows.push(await page.evaluate(() => performance.now()));
    }

    // Scroll the window (the list is window-virtualised) at a steady pace and record frame intervals.
    // (A string: this runs in the page, and the server's tsconfig has no DOM types.)
    const scroll = (await page.evaluate(`(async (seconds) => {
      const frames = [];
      const total = document.documentElement.scrollHeight - window.innerHeight;
      const start = performance.now();
      let last = start;
      await new Promise((resolve) => {
        const step = (t) => {
          frames.push(t - last);
          last = t;
          const p = Math.min(1, (t - start) / (seconds * 1000));
          window.scrollTo(0, p * total);
          if (p < 1) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      return { frames: frames.slice(1), px: Math.round(total) };
    })(${Number(opts.scrollSeconds)})`)) as { frames: number[]; px: number };

    const person: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const p = people[(i * 7) % people.length] as { id: string; name: string };
      await page.goto('about:blank');
      await page.goto(`/people/${p.id}`, { waitUntil: 'commit' });
      await page.getByRole('heading', { level: 1, name: p.name }).first().waitFor({ timeout: 60_000 });
      person.push(await page.evaluate(() => performance.now()));
    }
    // Opening a person from the list, as a user does: the app is loaded, only the route changes.
    const opened: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      await page.goto('/people');
      const row = page.locator('[id^="person-row-"]').nth(i % 5);
      await row.waitFor({ timeout: 60_000 });
      const id = ((await row.getAttribute('id')) ?? '').slice('person-row-'.length);
      const res = await context.request.get(`/api/v1/people/${id}`);
      const name = ((await res.json()) as { fullName: string }).fullName;
      const t0 = (await page.evaluate(() => performance.now())) as number;
      await row.click({ position: { x: 4, y: 4 } });
      await page.getByRole('heading', { level: 1, name }).first().waitFor({ timeout: 60_000 });
      opened.push(((await page.evaluate(() => performance.now())) as number) - t0);
    }
    return {
      personFromListMs: opened,
      peopleFirstRowsMs: firstRows,
      scrollFrameP50: quantile(scroll.frames, 0.5),
      scrollFrameP95: quantile(scroll.frames, 0.95),
      scrollFrames: scroll.frames.length,
      scrolledPx: scroll.px,
      personPageMs: person,
    };
  } finally {
    await browser.close();
  }
}

export { quantile };
