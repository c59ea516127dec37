import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * Sharing a resource: the suggested recipients leave out the person who
 * already got it; sharing with a suggested one moves them to the share log.
 */
test('suggested recipients exclude who already got it, and sharing moves them to the log', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as { id: string };
  };
  const tag = Date.now().toString(36);
  const got = await post('/api/v1/people', { fullName: `Greta Got ${tag}`, topics: [`Rust-${tag}`] });
  const next = await post('/api/v1/people', { fullName: `Nina Next ${tag}`, topics: [`Rust-${tag}`] });
  await post('/api/v1/people', { fullName: `Olly Other ${tag}`, topics: ['Knitting'] });
  const r = await post('/api/v1/resources', {
    url: `https://example.com/async-rust-${tag}`,
    title: `Async Rust ${tag}`,
    kind: 'talk',
    topics: [`Rust-${tag}`],
  });
  await post(`/api/v1/resources/${r.id}/shares`, { personIds: [got.id] });

  await page.goto('/resources');
  await page
    .getByTestId('resource-card')
    .filter({ hasText: `Async Rust ${tag}` })
    .click();
  const suggestions = page.getByTestId('suggestions');
  await expect(suggestions.getByText(`Nina Next ${tag}`)).toBeVisible();
  await expect(suggestions.getByText(`Greta Got ${tag}`)).toHaveCount(0);
  await expect(suggestions.getByText(`Olly Other ${tag}`)).toHaveCount(0);
  await expect(page.getByTestId('share-log').getByText(`Greta Got ${tag}`)).toBeVisible();

  await suggestions.getByRole('button', { name: `Share with Nina Next ${tag}` }).click();
  await expect(page.getByTestId('share-log').getByText(`Nina Next ${tag}`)).toBeVisible();
  await expect(suggestions.getByText(`Nina Next ${tag}`)).toHaveCount(0);
  // The share is on Nina's timeline as a give.
  const timeline = await page.request.get(`/api/v1/interactions?personId=${next.id}`);
  const items = ((await timeline.json()) as { items: { kind: string; exchange: string }[] }).items;
  expect(items).toEqual([expect.objectContaining({ kind: 'article_share', exchange: 'give' })]);
});
