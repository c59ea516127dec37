import { expect, test } from '@playwright/test';
import type { PathResult } from '../../src/contract/paths.js';
import { signIn } from './support.js';

/*
 * The network map in a browser: the canvas draws the network, a tag filter
 * narrows it, and "Find a way in" to an organisation lists the warm paths and
 * draws the chosen one (its nodes are on the map container's
 * data-highlighted, in path order).
 *
 * The expected paths come from GET /api/v1/paths itself; the test checks the
 * map lists and draws exactly those.
 */
test('open the map, filter it, find a way in to an organisation and see the path drawn', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const post = async <T>(url: string, data: unknown) =>
    (await (await page.request.post(url, { data, headers: { 'x-csrf-token': csrf } })).json()) as T;
  const u = Date.now().toString(36);
  const tag = `map-${u}`;
  const org = `Northwind ${u}`;
  type P = { id: string; fullName: string; organisation: { id: string } | null };
  const mara = await post<P>('/api/v1/people', {
    fullName: `Mara Quill ${u}`,
    organisationName: `Lumen Works ${u}`,
    circle: 'inner',
    tags: [tag],
  });
  const teo = await post<P>('/api/v1/people', { fullName: `Teo Brandt ${u}`, organisationName: org, roleTitle: 'CTO' });
  const ines = await post<P>('/api/v1/people', {
    fullName: `Ines Vale ${u}`,
    organisationName: org,
    circle: 'wider',
    tags: [tag],
  });
  const sol = await post<P>('/api/v1/people', { fullName: `Sol Amari ${u}`, tags: [tag] });
  await post('/api/v1/connections', { fromId: mara.id, toId: teo.id, kind: 'knows', strength: 4 });
  await post('/api/v1/connections', { fromId: teo.id, toId: ines.id, kind: 'worked_with' });
  const orgId = teo.organisation?.id ?? '';

  // The paths the API finds for this organisation; the map must list and draw the same ones.
  const expected = (await (
    await page.request.get(`/api/v1/paths?to=${encodeURIComponent(`org:${org}`)}`)
  ).json()) as PathResult;
  const hopIds = (n: number) => (expected.paths[n]?.hops ?? []).map((h) => h.person.id).join(' ');
  expect(expected.paths.length).toBeGreaterThanOrEqual(2);
  expect(expected.paths.map((_, n) => hopIds(n))).toContain(`${mara.id} ${teo.id}`);
  const asked: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname === '/api/v1/paths') asked.push(url.searchParams.get('to') ?? '');
  });

  await page.goto('/map');
  const map = page.getByTestId('network-map');
  // The map's code and sigma load on first visit: generous on a busy machine.
  await expect(map.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  await expect(map).toHaveAttribute('data-people', /^[1-9]\d*$/);
  await expect(page.getByTestId('map-legend')).toBeVisible();

  // Filter by the tag only these people carry: the map redraws with exactly them.
  await page.getByRole('combobox', { name: 'Tag', exact: true }).fill(tag);
  await page.getByRole('option', { name: tag }).click();
  await expect(map).toHaveAttribute('data-people', '3');
  await expect(page.getByTestId('map-status')).toContainText('3 people');

  // Find a way in to the organisation: the paths listed, the warmest drawn.
  await page.getByRole('combobox', { name: 'Find a way in' }).fill(org);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const list = page.getByTestId('path-list');
  await expect(list).toContainText(`Ways in to ${org}`);
  const options = list.getByTestId('path-option');
  await expect(options).toHaveCount(expected.paths.length);
  await expect(options.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(options.first()).toContainText(expected.paths[0]?.explanation ?? '');
  expect(asked).toEqual([`org:${org}`]);
  // People the tag filter left off are drawn all the same when they are on the path.
  await expect(map).toHaveAttribute('data-highlighted', `you ${hopIds(0)} ${orgId}`);

  // Choosing another path draws it instead.
  await options.nth(1).click();
  await expect(options.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(map).toHaveAttribute('data-highlighted', `you ${hopIds(1)} ${orgId}`);

  // Clearing the path and clicking nobody leaves the plain map; a person found by name opens their card.
  await page.getByRole('button', { name: 'Clear the path' }).click();
  await expect(map).toHaveAttribute('data-highlighted', '');
  await page.getByRole('combobox', { name: 'Find a person' }).fill(`Sol Amari ${u}`);
  await page.getByRole('option', { name: `Sol Amari ${u}` }).click();
  const card = page.getByTestId('map-person-card');
  await expect(card).toContainText(`Sol Amari ${u}`);
  await card.getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${sol.id}$`));
});
