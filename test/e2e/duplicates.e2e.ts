import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * Duplicates review in a browser: two records of one person are shown side by
 * side with the reasons; merge keeps the chosen one and moves the other's
 * details; undo brings the other back.
 */
test('review a duplicate pair, merge it, then undo the merge', async ({ page }) => {
  await signIn(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const post = (url: string, data: unknown) => page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
  const tag = Date.now().toString(36);
  const a = await post('/api/v1/people', {
    fullName: `Robert Quill${tag}`,
    givenName: 'Robert',
    familyName: `Quill${tag}`,
    emails: [{ value: `robert.${tag}@example.com` }],
  });
  expect(a.status()).toBe(201);
  const b = await post('/api/v1/people', {
    fullName: `Bob Quill${tag}`,
    givenName: 'Bob',
    familyName: `Quill${tag}`,
    emails: [{ value: `ROBERT.${tag}@example.com` }, { value: `bob.${tag}@home.example` }],
    phones: [{ value: '+44 20 7946 0958', label: 'mobile' }],
  });
  expect(b.status()).toBe(201);
  const bob = (await b.json()) as { id: string };

  await page.goto('/import/duplicates');
  const pair = page.getByTestId('duplicate-pair').filter({ hasText: `Robert Quill${tag}` });
  await expect(pair).toBeVisible();
  await expect(pair.getByText(`same email robert.${tag}@example.com`)).toBeVisible();
  await expect(pair.getByText(/\d+% likely/)).toBeVisible();

  // Keep Robert; Bob's home email and phone move over.
  await pair.getByRole('button', { name: `keep Robert Quill${tag}` }).click();
  await pair.getByRole('button', { name: 'Merge into Robert' }).click();
  await expect(page.getByText(`Merged Bob Quill${tag} into Robert Quill${tag}.`)).toBeVisible();
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: `Robert Quill${tag}` })).toHaveCount(0);
  const row = page.getByTestId('merge-row').filter({ hasText: `Bob Quill${tag} → Robert Quill${tag}` });
  await expect(row).toBeVisible();

  const merged = await page.request.get(`/api/v1/people/${bob.id}`);
  expect(((await merged.json()) as { deletedAt: string | null }).deletedAt).not.toBeNull();

  await row.getByRole('button', { name: `Undo merge of Bob Quill${tag}` }).click();
  await expect(page.getByText(`Bob Quill${tag} is back.`)).toBeVisible();
  await expect(row.getByText(/undone/)).toBeVisible();
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: `Bob Quill${tag}` })).toBeVisible();
  const back = (await (await page.request.get(`/api/v1/people/${bob.id}`)).json()) as {
    deletedAt: string | null;
    emails: { value: string }[];
    phones: unknown[];
  };
  expect(back.deletedAt).toBeNull();
  expect(back.emails.map((e) => e.value)).toEqual([`ROBERT.${tag}@example.com`, `bob.${tag}@home.example`]);
  expect(back.phones).toHaveLength(1);
});
