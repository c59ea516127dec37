import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * The import wizard: drop a LinkedIn Connections.csv, read the preview (its
 * counts and the bad row with its line), apply, find the people, undo.
 */
const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'import', 'linkedin-connections-preamble.csv');

/*
 * The browser tests share one server and database, and others add people with
 * the same names: a copy of the fixture with this run's own surnames, profile
 * URLs and emails keeps the counts about this import alone.
 */
const RUN = `x${Date.now().toString(36)}`;
const CONNECTIONS = path.join(
  fs.mkdtempSync(path.join(os.tmpdir(), 'tend-e2e-import-')),
  'linkedin-connections-preamble.csv',
);
fs.writeFileSync(
  CONNECTIONS,
  fs
    .readFileSync(FIXTURE, 'utf8')
    .split('\r\n')
    .map((line, i, lines) =>
      i <= lines.findIndex((l) => l.startsWith('First Name,'))
        ? line
        : line.replace(/^([^,\r\n]+),([^,]+),([^,]*),([^,]*),/, (_all, first, last, url, email) =>
            [first, `${last}${RUN}`, url ? `${url}-${RUN}` : '', email ? email.replace('@', `+${RUN}@`) : '', ''].join(
              ',',
            ),
          ),
    )
    .join('\r\n'),
);

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
  await expect(page.getByTestId('import-sample')).toContainText(`Raj Patel${RUN}`);

  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('import-done')).toContainText('5 new');
  await expect(page.getByTestId('past-imports')).toContainText('applied');

  await page.getByRole('link', { name: 'See people' }).click();
  await expect(page.getByText(`Chloé Dubois${RUN}`)).toBeVisible();
  await expect(page.getByText(`Raj Patel${RUN}`)).toBeVisible();

  await page.goto('/import');
  await page.getByRole('button', { name: /Undo linkedin-connections-preamble.csv import/ }).click();
  await expect(page.getByTestId('past-imports')).toContainText('undone');
  await page.goto('/people');
  await expect(page.getByText(`Raj Patel${RUN}`)).toHaveCount(0);
});
