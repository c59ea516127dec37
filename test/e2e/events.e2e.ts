import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * At the event, on a phone: add three people met in seconds each, see the
 * three follow-ups, complete one, and the event's follow-up rate reads 33%.
 */
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('meet three people at an event on a phone, follow up one, and the rate is 33%', async ({ page }) => {
  // A shared 2-core machine can be slow; the flow itself is measured below.
  test.setTimeout(90_000);
  await signIn(page);
  await page.goto('/events');
  await page.getByRole('button', { name: 'Add event' }).first().click();
  const name = `DevConf ${Date.now().toString(36)}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Add event', exact: true }).last().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  const quick = page.getByRole('form', { name: 'Add someone you met' });
  const people = [
    ['Ana Ruiz', 'Rust payments at Acme'],
    ['Raj Patel', 'Climate data, wants an intro to Sam'],
    ['Li Wei', 'Organises the Brno meetup'],
  ] as const;
  const timings: number[] = [];
  for (const [who, context] of people) {
    const started = Date.now();
    await quick.getByLabel('Name').fill(who);
    await quick.getByLabel('One line of context').fill(context);
    await quick.getByRole('button', { name: 'Add' }).click();
    await expect(page.getByTestId('checklist').getByText(who)).toBeVisible();
    await expect(quick.getByLabel('Name')).toHaveValue('');
    timings.push(Date.now() - started);
  }
  console.log(`quick add, typing to listed (ms): ${timings.join(', ')}`);
  // The form is usable on a phone: nothing sticks out of the 390 px screen.
  const overflow = await page.evaluate(() => {
    const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);

  await expect(page.getByTestId('checklist-item')).toHaveCount(3);
  await expect(page.getByTestId('follow-up-rate')).toContainText('0 of 3 followed up');
  // The tick shows as soon as the request is sent (optimistic); assert it the way a user sees it.
  const raj = page.getByRole('checkbox', { name: 'Followed up with Raj Patel' });
  await raj.click();
  await expect(raj).toBeChecked();
  await expect(page.getByTestId('follow-up-rate')).toContainText('33%');
  await expect(page.getByTestId('follow-up-rate')).toContainText('1 of 3 followed up');

  // After a reload (the server's numbers), and on the list of events.
  await page.reload();
  await expect(page.getByTestId('follow-up-rate')).toContainText('33%');
  await expect(page.getByRole('checkbox', { name: 'Followed up with Raj Patel' })).toBeChecked();
  await page.goto('/events');
  await expect(page.getByTestId('event-card').filter({ hasText: name })).toContainText('33%');

  // "Who did I meet at X" from the person's page.
  await page.getByTestId('event-card').filter({ hasText: name }).click();
  await page.getByTestId('checklist').getByRole('link', { name: 'Ana Ruiz' }).click();
  await page.getByText('About Ana', { exact: true }).click();
  await expect(page.getByTestId('met-at')).toContainText(name);
});
