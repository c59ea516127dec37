import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * Backup and restore in a browser: the owner downloads a backup; a new
 * account (whose workspace starts empty) chooses the file, sees the dry-run
 * summary, restores, and finds the people.
 */
test('download a backup, then restore it into an empty workspace after a dry-run summary', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const post = (url: string, data: unknown) => page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
  const tag = Date.now().toString(36);
  expect((await post('/api/v1/people', { fullName: `Backup Person ${tag}`, tags: ['backed-up'] })).status()).toBe(201);

  await page.goto('/import/backup');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download backup' }).click();
  const download = await downloading;
  const file = path.join(os.tmpdir(), `tend-e2e-backup-${process.pid}-${Date.now()}.json`);
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);

  // A second account: invited to a team, its own workspace is empty.
  const team = await (await post('/api/v1/workspaces', { name: `Team ${tag}` })).json();
  const invitation = await (await post(`/api/v1/workspaces/${team.id}/invitations`, {})).json();
  const other = await browser.newContext();
  const page2 = await other.newPage();
  const signup = await page2.request.post('/api/v1/auth/signup', {
    data: { email: `restorer-${tag}@example.test`, password: 'quiet harbour maple 77', invitation: invitation.token },
  });
  expect(signup.status()).toBe(201);

  await page2.goto('/import/backup');
  await expect(page2.getByText('This workspace is empty: ready to restore.')).toBeVisible({ timeout: 20_000 });
  const choosing = page2.waitForEvent('filechooser');
  await page2.getByRole('button', { name: 'Choose a backup file…' }).click();
  await (await choosing).setFiles(file);
  const preview = page2.getByTestId('restore-preview');
  await expect(preview.getByText('checks out')).toBeVisible({ timeout: 20_000 });
  await expect(preview.getByRole('row', { name: /People/ })).toBeVisible();
  await preview.getByRole('button', { name: 'Restore into this workspace' }).click();
  await expect(page2.getByText(/Restored \d+ people/)).toBeVisible({ timeout: 20_000 });
  await page2.goto('/people');
  await expect(page2.getByText(`Backup Person ${tag}`)).toBeVisible({ timeout: 20_000 });
  await other.close();
});
