import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * Networking part B in a browser: propose an introduction from a person's
 * page, walk the double opt-in with the next-step buttons to "introduced", see
 * the connection on the other person's page; then move an opportunity across
 * the board and see it in the report.
 */
test('propose an intro, advance it to introduced, see the connection; move an opportunity across the board', async ({
  page,
}) => {
  // Two flows in one test, on a machine shared with other builds.
  test.setTimeout(90_000);
  await signIn(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const post = (url: string, data: unknown) => page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
  const tag = Date.now().toString(36);
  const ana = (await (await post('/api/v1/people', { fullName: `Ana Intro ${tag}` })).json()) as { id: string };
  const raj = (await (await post('/api/v1/people', { fullName: `Raj Intro ${tag}` })).json()) as { id: string };

  await page.goto(`/people/${ana.id}`);
  const intros = page.getByRole('region', { name: 'Introductions' });
  await intros.getByRole('button', { name: 'Introduce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Propose an introduction' });
  await dialog.getByRole('textbox', { name: 'Would meet' }).fill(`Raj Intro ${tag}`);
  await page.getByRole('option', { name: new RegExp(`Raj Intro ${tag}`) }).click();
  await dialog.getByLabel('Why they should meet').fill('Both build payments in Rust');
  await dialog.getByRole('button', { name: 'Propose' }).click();
  await expect(dialog).toBeHidden();

  const row = intros.getByTestId('introduction');
  await expect(row).toHaveAttribute('data-step', 'proposed');
  await expect(
    row.getByText(`Next: Ask Ana Intro ${tag} whether they would like to meet Raj Intro ${tag}`),
  ).toBeVisible();
  for (const [button, step] of [
    ['I asked Ana', 'asked_a'],
    ['Ana agreed', 'a_agreed'],
    ['I asked Raj', 'asked_b'],
    ['Raj agreed', 'b_agreed'],
    ['Mark introduced', 'introduced'],
  ] as const) {
    await row.getByRole('button', { name: button }).click();
    await expect(row).toHaveAttribute('data-step', step);
  }
  await expect(row.getByRole('button', { name: 'How did it go?' })).toBeVisible();

  // The connection is on Raj's page, made by the introduction.
  await page.goto(`/people/${raj.id}`);
  const connections = page.getByTestId('connections');
  await expect(connections.getByText(`Ana Intro ${tag}`)).toBeVisible();
  await expect(connections.getByText('Introduced by you · introduction')).toBeVisible();

  // An opportunity through Ana, moved from Lead to Won on the board.
  const created = await post('/api/v1/opportunities', {
    title: `Acme contract ${tag}`,
    kind: 'client',
    value: { amount: 12000, currency: 'EUR' },
    people: [{ personId: ana.id, role: 'source' }],
  });
  expect(created.status()).toBe(201);
  await page.goto('/opportunities');
  const lead = page.getByTestId('board-column-lead');
  const won = page.getByTestId('board-column-won');
  await expect(lead.getByText(`Acme contract ${tag}`)).toBeVisible();
  await lead.getByRole('button', { name: `Move Acme contract ${tag}` }).click();
  await page.getByRole('menuitem', { name: 'Won' }).click();
  await expect(won.getByText(`Acme contract ${tag}`)).toBeVisible();
  await expect(lead.getByText(`Acme contract ${tag}`)).toHaveCount(0);

  // Stored: after a reload it is still won, and the report counts it for Ana.
  await page.reload();
  await expect(page.getByTestId('board-column-won').getByText(`Acme contract ${tag}`)).toBeVisible();
  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.getByTestId('opportunity-report');
  await expect(report.getByTestId('report-row').filter({ hasText: `Ana Intro ${tag}` })).toContainText('1 won');
});
