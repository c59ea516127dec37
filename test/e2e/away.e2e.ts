import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * Settings → Keep in touch → Away in a browser: a bad range shows the server's
 * message under the field, a good one is listed, and removing it empties the list.
 */
test('record and remove an away period from Settings → Keep in touch', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/keep-in-touch');
  const away = page.getByRole('region', { name: 'Away' });
  await expect(away.getByText('No away periods coming up.')).toBeVisible();

  await away.getByLabel('Away from').fill('2099-12-20');
  await away.getByLabel('to', { exact: true }).fill('2099-12-01');
  await away.getByRole('button', { name: 'Add away period' }).click();
  await expect(away.getByText(/on or after from/)).toBeVisible();

  await away.getByLabel('to', { exact: true }).fill('2100-01-03');
  await away.getByLabel('Label (optional)').fill('Holidays');
  await away.getByRole('button', { name: 'Add away period' }).click();
  const row = away.getByTestId('away-period');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Holidays');

  await page.reload();
  await expect(page.getByRole('region', { name: 'Away' }).getByTestId('away-period')).toHaveCount(1);
  await page
    .getByRole('region', { name: 'Away' })
    .getByRole('button', { name: /Remove the away period/ })
    .click();
  await expect(page.getByRole('region', { name: 'Away' }).getByText('No away periods coming up.')).toBeVisible();
});
