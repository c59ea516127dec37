import { expect, test } from '@playwright/test';
import { OWNER } from './support.js';

/*
 * Runs first (files run in name order on one fresh server): the owner account
 * is created here, through the web app.
 */
test('create the owner, sign out, sign in, create a token and revoke it', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });

  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Create the owner account' })).toBeVisible();
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/at least 10 characters/i).first()).toBeVisible();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);

  // Sign out from the account menu.
  await page.getByRole('button', { name: 'Account menu' }).first().click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/people');
  await expect(page).toHaveURL(/\/login\?next=%2Fpeople/);

  // A wrong password is refused, the right one lets us in and back to where we were going.
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not my password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The email or the password is wrong.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/people$/);

  // Create a token: shown once, then listed by its prefix only.
  await page.goto('/settings/tokens');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByLabel('Name').fill('Backup script');
  await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^tend_/);
  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.getByTestId('token-row').filter({ hasText: 'Backup script' });
  await expect(row).toBeVisible();
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(page.getByText(secret)).toHaveCount(0);

  // The token works for a script until it is revoked.
  const api = page.request;
  expect((await api.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);
  await row.getByRole('button', { name: 'Revoke Backup script' }).click();
  await expect(row).toHaveCount(0);
  expect((await api.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);

  // The security log shows what happened.
  await page.goto('/settings/security');
  const log = page.getByTestId('audit-log');
  await expect(log.getByText('Revoked API token “Backup script”')).toBeVisible();
  await expect(log.getByText('Failed sign-in: wrong password')).toBeVisible();
  expect(blocked).toEqual([]);
});
