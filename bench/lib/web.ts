/*
 * Web figures in Debian's Chromium (never a downloaded browser), through
 * playwright-core: how soon the people page shows its first rows after
 * navigation, frame times while scrolling the virtualised list, and how soon
 * a person page shows the person. Timings come from the page itself
 * (performance.now() and requestAnimationFrame), not from Playwright's
 * round trips.
 */
import { chromium, type Page } from 'playwright-core';

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

/*
 * Runs in every document before the app: a MutationObserver notes the first person row and each new
 * level-one heading text, each stamped with the next animation frame's time (the frame that paints
 * it); a capture listener notes the latest click. (A string: the server's tsconfig has no DOM types.)
 */
const MARKS_SCRIPT = `(() => {
  const marks = { firstRow: undefined, click: undefined, h1: {} };
  const pending = new Set();
  const seen = () => {
    if (marks.firstRow === undefined && !pending.has('row') && document.querySelector('[id^="person-row-"]')) {
      pending.add('row');
      requestAnimationFrame((t) => { marks.firstRow = t; });
    }
    for (const h of document.querySelectorAll('h1')) {
      const text = (h.textContent || '').trim();
      if (text && marks.h1[text] === undefined && !pending.has('h1:' + text)) {
        pending.add('h1:' + text);
        requestAnimationFrame((t) => { marks.h1[text] = t; });
      }
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('click', (e) => { marks.click = e.timeStamp; }, true);
  marks.stop = () => observer.disconnect();
  marks.reset = () => {
    marks.h1 = {};
    marks.click = undefined;
    pending.clear();
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    seen();
  };
  window.__tendMarks = marks;
})();`;

/** Waits (briefly) for a mark the page sets on its next frame, and returns it. */
async function mark(page: Page, expression: string): Promise<number> {
  const handle = await page.waitForFunction(`${expression} !== undefined ? ${expression} : undefined`, undefined, {
    timeout: 10_000,
  });
  return Number(await handle.jsonValue());
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
    // The page records its own marks (performance.now(), from the document's time origin): when the
    // first person row and each level-one heading text first appear, as the frame after the DOM change
    // that added them (the frame that shows them), and when a click reached the document. So the
    // figures do not include Playwright's polling, actionability checks or round trips.
    await context.addInitScript(MARKS_SCRIPT);
    const page = await context.newPage();
    // Warm the HTTP cache once, as a returning user has it.
    await page.goto('/people');
    await page.locator('[id^="person-row-"]').first().waitFor({ timeout: 60_000 });

    const firstRows: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      await page.goto('about:blank');
      await page.goto('/people', { waitUntil: 'commit' });
      await page.locator('[id^="person-row-"]').first().waitFor({ timeout: 60_000 });
      firstRows.push(await mark(page, 'window.__tendMarks.firstRow'));
    }

    // Scroll the window (the list is window-virtualised) at a steady pace and record frame intervals,
    // with the marks' observer off so it does not cost the frames it measures.
    await page.evaluate('window.__tendMarks.stop()');
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
      person.push(await mark(page, `window.__tendMarks.h1[${JSON.stringify(p.name)}]`));
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
      await page.evaluate('window.__tendMarks.reset()');
      await row.click({ position: { x: 4, y: 4 } });
      await page.getByRole('heading', { level: 1, name }).first().waitFor({ timeout: 60_000 });
      const shown = await mark(page, `window.__tendMarks.h1[${JSON.stringify(name)}]`);
      opened.push(shown - (await mark(page, 'window.__tendMarks.click')));
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
