import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * The heart of Tend in a browser: someone is due; log a coffee chat with them
 * from Today; the follow-up Tend creates appears; complete it; they have left
 * the due list.
 */
test('log a coffee chat, see the follow-up, complete it, and the person leaves the due list', async ({ page }) => {
  await signIn(page);
  // The API calls of the set-up go with the signed-in session and its CSRF token, as the web app's do.
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const request = {
    post: (url: string, o: { data: unknown }) => page.request.post(url, { ...o, headers: { 'x-csrf-token': csrf } }),
    get: (url: string) => page.request.get(url),
  };
  const name = `Dana Due ${Date.now().toString(36)}`;
  const created = await request.post('/api/v1/people', { data: { fullName: name, circle: 'inner' } });
  expect(created.status()).toBe(201);
  const person = (await created.json()) as { id: string };
  const old = await request.post('/api/v1/interactions', {
    data: {
      kind: 'call',
      summary: 'Catch-up call',
      participantIds: [person.id],
      occurredAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
    },
  });
  expect(old.status()).toBe(201);

  await page.goto('/');
  const due = page.getByTestId('due-list');
  await expect(due.getByText(name)).toBeVisible();
  await expect(page.getByTestId('nudges').getByText(`No contact with ${name} for 20 days`)).toBeVisible();

  await due.getByRole('button', { name: `Log an interaction with ${name}` }).click();
  await page.getByLabel('Summary').fill('Coffee chat about her new team');
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Coffee' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  // The follow-up Tend created for the coffee shows up, and the person is no longer due.
  const followUps = page.getByTestId('follow-ups');
  const followUp = followUps.getByTestId('follow-up').filter({ hasText: name });
  await expect(followUp.getByText('Send a thank-you')).toBeVisible();
  await expect(page.getByTestId('due-list').getByText(name)).toHaveCount(0);

  await followUp.getByRole('checkbox', { name: `Done: Send a thank-you for ${name}` }).click();
  await expect(followUps.getByText(name)).toHaveCount(0);

  // Stored, not only drawn: after a reload the follow-up is done and the person still not due.
  await page.reload();
  await expect(page.getByTestId('weekly-goal')).toBeVisible();
  await expect(page.getByText('Coffee chat about her new team')).toBeVisible();
  await expect(page.getByTestId('due-list').getByText(name)).toHaveCount(0);
  await expect(page.getByTestId('follow-ups').getByText(name)).toHaveCount(0);
  const open = await request.get(`/api/v1/follow-ups?personId=${person.id}`);
  expect(((await open.json()) as { items: unknown[] }).items).toEqual([]);
});
