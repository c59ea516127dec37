import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

test('add a person, log an interaction, see it on the timeline', async ({ page }) => {
  const name = `Ana Ruiz ${Date.now().toString(36)}`;
  await signIn(page);
  await page.goto('/people');
  await page.getByTestId('add-person').click();
  await page.getByLabel('Full name').fill(name);
  await page.getByRole('button', { name: 'Save person' }).click();

  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}/);

  await page.getByTestId('log-interaction').click();
  await page.getByLabel('Summary').fill('Coffee, talked about her Rust migration');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByText('Coffee, talked about her Rust migration')).toBeVisible();

  // The log survives a reload: it was stored, not only drawn.
  await page.reload();
  await expect(page.getByTestId('timeline').getByText('Coffee, talked about her Rust migration')).toBeVisible();

  // And the person is in the list, found by the search box.
  await page.goto('/people');
  await page
    .getByRole('searchbox')
    .or(page.getByPlaceholder(/search/i))
    .first()
    .fill(name.split(' ')[2] ?? name);
  await expect(page.getByText(name)).toBeVisible();
});
