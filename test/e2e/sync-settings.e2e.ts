import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * Settings → Sync in a browser: turn the calendar feed on and fetch it, choose
 * a daily digest, add a webhook and see its secret once, then remove it.
 */
test('calendar feed, digest and webhooks from Settings → Sync', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/sync');
  await expect(page.getByRole('tab', { name: 'Sync' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: /Create feed link|New link/ }).click();
  const url = (await page.getByTestId('feed-url').textContent()) ?? '';
  expect(url).toMatch(/\/feeds\/[\w-]+\.ics$/);
  const feed = await page.request.get(new URL(url).pathname);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR\r\n');

  await page.getByText('Daily', { exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Time' })).toHaveValue('08:00');
  await expect(page.getByText('Digest saved: daily at 08:00')).toBeVisible();

  const hookUrl = `https://example.com/hook-${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByLabel('URL').fill(hookUrl);
  await page.getByRole('dialog').getByRole('button', { name: 'Add webhook' }).click();
  await expect(page.getByTestId('webhook-secret')).toHaveText(/^whsec_/);
  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.getByTestId('webhook-row').filter({ hasText: hookUrl });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Person added · Interaction logged');
  await row.getByRole('button', { name: `Remove webhook ${hookUrl}` }).click();
  await expect(row).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Daily' })).toBeChecked();
});
