import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * The import wizard: drop a LinkedIn Connections.csv, read the preview (its
 * counts and the bad row with its line), apply, find the people, undo.
 */
const CONNECTIONS = path.join(import.meta.dirname, '..', 'fixtures', 'import', 'linkedin-connections-preamble.csv');

test('import a LinkedIn Connections.csv: preview, apply, see the people, undo', async ({ page }) => {
  await signIn(page);
  await page.goto('/import');
  await expect(page.getByRole('tab', { name: 'Import' })).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('file-input').setInputFiles(CONNECTIONS);

  const counts = page.getByTestId('import-counts');
  await expect(counts.getByTestId('count-new')).toHaveText('5');
  await expect(counts.getByTestId('count-errors')).toHaveText('1');
  await expect(page.getByTestId('import-errors')).toContainText('11');
  await expect(page.getByTestId('import-errors')).toContainText('"31 Foo 2021" is not a date');
  await expect(page.getByTestId('import-sample')).toContainText('Raj Patel');

  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('import-done')).toContainText('5 new');
  await expect(page.getByTestId('past-imports')).toContainText('applied');

  await page.getByRole('link', { name: 'See people' }).click();
  await expect(page.getByText('Chloé Dubois')).toBeVisible();
  await expect(page.getByText('Raj Patel')).toBeVisible();

  await page.goto('/import');
  await page.getByRole('button', { name: /Undo linkedin-connections-preamble.csv import/ }).click();
  await expect(page.getByTestId('past-imports')).toContainText('undone');
  await page.goto('/people');
  await expect(page.getByText('Raj Patel')).toHaveCount(0);
});
