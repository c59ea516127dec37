import { expect, type Page } from '@playwright/test';

/* The owner every e2e test signs in as; created by the first test that needs it. */
export const OWNER = { name: 'Olga Owner', email: 'owner@example.test', password: 'calm river lantern 42' };

/** Opens the app signed in: creates the owner account on a fresh server, else signs in. */
export async function signIn(page: Page) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/(setup|login)/);
  if (page.url().includes('/setup')) {
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Create account' }).click();
  } else {
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page).not.toHaveURL(/\/(setup|login)/);
}
