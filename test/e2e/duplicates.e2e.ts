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

test('a dismissed or merged pair leaves the list at once, while the suggestions are recomputed', async ({ page }) => {
  await signIn(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const post = (url: string, data: unknown) => page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
  const tag = Date.now().toString(36);
  for (const [given, email] of [
    ['Dana', `dana.${tag}@example.com`],
    ['Danny', `dana.${tag}@example.com`],
    ['Mia', `mia.${tag}@example.com`],
    ['Mina', `mia.${tag}@example.com`],
  ] as const) {
    const r = await post('/api/v1/people', { fullName: `${given} Holt${tag}`, emails: [{ value: email }] });
    expect(r.status()).toBe(201);
  }

  // Once the page has its list, every new list request waits until the test lets it through.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  let holding = false;
  await page.route('**/api/v1/duplicates?**', async (route) => {
    if (holding) await held;
    await route.continue();
  });
  try {
    await page.goto('/import/duplicates');
    const dana = page.getByTestId('duplicate-pair').filter({ hasText: `Dana Holt${tag}` });
    const mia = page.getByTestId('duplicate-pair').filter({ hasText: `Mia Holt${tag}` });
    await expect(dana).toBeVisible();
    await expect(mia).toBeVisible();
    holding = true;

    await dana.getByRole('button', { name: 'Not the same' }).click();
    await expect(dana).toHaveCount(0);
    await mia.getByRole('button', { name: /^Merge into/ }).click();
    await expect(page.getByText(/^Merged Mi\w+ Holt/)).toBeVisible();
    await expect(mia).toHaveCount(0);
  } finally {
    release();
  }
  // The recomputed list agrees.
  await page.reload();
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: `Holt${tag}` })).toHaveCount(0);
});
