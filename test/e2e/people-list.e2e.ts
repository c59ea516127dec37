import { expect, type Page, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * The people list as a reader uses it: filter by a tag, move with the keyboard and open with
 * Enter, sort by the column header, open from the name, see the exact date of a last contact on
 * hover, and scroll far down a long list whose rows are drawn in reused slots.
 */

async function post(page: Page, url: string, data: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const res = await page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

test('filter, keyboard, sort, open and hover in the people list', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const tag = `row${Math.random().toString(36).slice(2, 7)}`;
  const names = ['Ada Listwood', 'Bruno Listwood', 'Cleo Listwood'];
  const ids: string[] = [];
  for (const fullName of names) ids.push((await post(page, '/api/v1/people', { fullName, tags: [tag] })).id);
  await post(page, '/api/v1/interactions', { kind: 'coffee', summary: 'Coffee', participantIds: [ids[1]] });

  await page.goto(`/people?tag=${tag}`);
  const grid = page.getByRole('grid', { name: 'People' });
  const rows = grid.locator('[id^="person-row-"]');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Ada Listwood');
  await expect(rows.nth(2)).toContainText('Cleo Listwood');
  await expect(rows.nth(1)).toContainText(/ago|just now/);
  await expect(rows.nth(0)).toContainText('Not yet');

  // The exact date of the last contact appears as the title when the pointer reaches it.
  const time = rows.nth(1).locator('time');
  await time.hover();
  await expect(time).toHaveAttribute('title', /\d{4}/);

  // Keyboard: focus selects the first row, ↓ moves, Enter opens.
  await grid.focus();
  await expect(grid).toHaveAttribute('aria-activedescendant', `person-row-${ids[0]}`);
  await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', `person-row-${ids[1]}`);
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/people/${ids[1]}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Bruno Listwood' })).toBeVisible();
  await page.goBack();

  // Sorting from the header: Z to A.
  await grid.getByRole('button', { name: /Name/ }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(rows.nth(0)).toContainText('Cleo Listwood');
  await expect(grid.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');

  // A click on the name opens the person inside the app (no full page load).
  // (Strings: this runs in the page, and the tests' tsconfig has no DOM types.)
  await page.evaluate('window.stayed = true');
  await rows.nth(2).getByRole('link', { name: 'Ada Listwood' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${ids[0]}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Listwood' })).toBeVisible();
  expect(await page.evaluate('window.stayed')).toBe(true);
});

test('a long list scrolls to its end and shows the right people in reused rows', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const tag = `long${Math.random().toString(36).slice(2, 7)}`;
  // 130 people: more than the first page (100), so the end comes from a second page.
  for (let i = 0; i < 130; i++) {
    await post(page, '/api/v1/people', { fullName: `Long ${String(i).padStart(3, '0')} Scroller`, tags: [tag] });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/people?tag=${tag}`);
  const grid = page.getByRole('grid', { name: 'People' });
  await expect(grid.getByText('Long 000 Scroller')).toBeVisible();
  await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  await expect(grid.getByText('Long 129 Scroller')).toBeVisible();
  // Every row drawn shows the person its place says: row index n holds "Long n".
  const shown = await grid
    .locator('[id^="person-row-"]')
    .evaluateAll((els) =>
      els.map((el) => [Number(el.getAttribute('aria-rowindex')) - 2, el.querySelector('a')?.textContent ?? '']),
    );
  expect(shown.length).toBeGreaterThan(5);
  for (const [index, name] of shown) expect(name).toBe(`Long ${String(index).padStart(3, '0')} Scroller`);
  // Back to the top, the first people are there again.
  await page.evaluate('window.scrollTo(0, 0)');
  await expect(grid.getByText('Long 000 Scroller')).toBeVisible();
});

test('a person is on the way before the click that opens them', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const tag = `intent${Math.random().toString(36).slice(2, 7)}`;
  const { id } = await post(page, '/api/v1/people', { fullName: 'Ines Intentwood', tags: [tag] });
  const asks: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === `/api/v1/people/${id}`) asks.push(r.method());
  });

  await page.goto(`/people?tag=${tag}`);
  const row = page.getByRole('grid', { name: 'People' }).locator(`#person-row-${id}`);
  await expect(row).toContainText('Ines Intentwood');
  // With people on screen the person page's code loads while the browser is idle.
  await expect
    .poll(() =>
      page.evaluate(`performance.getEntriesByType('resource').some((e) => /person-page-[^/]*\\.js$/.test(e.name))`),
    )
    .toBe(true);
  expect(asks).toEqual([]);

  // Resting the pointer on the row asks for the person…
  await row.hover({ position: { x: 4, y: 4 } });
  await expect.poll(() => asks.length).toBe(1);
  // …so the click opens the page from what came back, without asking again.
  await row.click({ position: { x: 4, y: 4 } });
  await expect(page.getByRole('heading', { level: 1, name: 'Ines Intentwood' })).toBeVisible();
  expect(asks).toEqual(['GET']);
});

test('the people list and a person show before the schemas (zod) load', async ({ page }) => {
  await signIn(page);
  // A tag of its own, so the list shows this person first whatever other tests left in the database.
  const tag = `cold${Math.random().toString(36).slice(2, 7)}`;
  const { id } = await post(page, '/api/v1/people', { fullName: 'Zed Coldload', tags: [tag] });
  // The page notes when the first row or the person's heading appears (a string: no DOM types here).
  await page.addInitScript(`new MutationObserver(() => {
    if (window.shownAt === undefined && document.querySelector('[id^="person-row-"], h1 + *, main h1')) {
      if (document.querySelector('[id^="person-row-"]') || document.querySelector('main h1')?.textContent === 'Zed Coldload') window.shownAt = performance.now();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });`);
  // Scripts that carry zod (its own property name), and when each was asked for.
  const zodScripts = async () => {
    const entries = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => [e.name, e.startTime])`,
    )) as [string, number][];
    const found: [string, number][] = [];
    for (const [url, at] of entries)
      if ((await (await page.request.get(url)).text()).includes('_zod')) found.push([url, at]);
    return { count: entries.length, found, shownAt: (await page.evaluate('window.shownAt')) as number };
  };
  await page.goto(`/people?tag=${tag}`);
  await expect(page.locator(`#person-row-${id}`)).toBeVisible();
  const list = await zodScripts();
  expect(list.count).toBeGreaterThan(1);
  expect(list.shownAt).toBeGreaterThan(0);
  // The capture dialogs load zod when the browser is idle, after the page has shown; never before.
  for (const [url, at] of list.found) expect(at, url).toBeGreaterThan(list.shownAt);

  await page.goto(`/people/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Zed Coldload' })).toBeVisible();
  const person = await zodScripts();
  expect(person.shownAt).toBeGreaterThan(0);
  for (const [url, at] of person.found) expect(at, url).toBeGreaterThan(person.shownAt);
});
