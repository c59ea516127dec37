import { expect, test } from '@playwright/test';
import { signIn } from './support.js';

/*
 * Insights in a browser: with a few people, interactions (online and in
 * person, a give and an ask) and an opportunity, every chart card draws its
 * chart, the cooling list names the inner-circle friend not seen for months
 * and links to them, and the range selector changes the window.
 */
test('shows every insight as a chart, and the cooling relationships with a link to each', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as { id: string };
  };
  const tag = Date.now().toString(36);
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const friend = await post('/api/v1/people', { fullName: `Ines Insight ${tag}`, circle: 'inner' });
  const peer = await post('/api/v1/people', {
    fullName: `Paul Insight ${tag}`,
    circle: 'close',
    howWeMet: { date: daysAgo(40).slice(0, 10) },
  });
  // Not seen for 300 days: far past the inner circle's two weeks.
  await post('/api/v1/interactions', {
    kind: 'coffee',
    summary: 'Coffee long ago',
    participantIds: [friend.id],
    occurredAt: daysAgo(300),
  });
  await post('/api/v1/interactions', {
    kind: 'video_call',
    summary: 'Asked about hiring',
    participantIds: [peer.id],
    occurredAt: daysAgo(9),
    exchange: 'ask',
    exchangeKind: 'advice',
  });
  await post('/api/v1/interactions', {
    kind: 'meeting',
    summary: 'Reviewed his talk',
    participantIds: [peer.id],
    occurredAt: daysAgo(20),
    exchange: 'give',
    exchangeKind: 'help',
  });
  await post('/api/v1/opportunities', {
    title: `Contract ${tag}`,
    kind: 'client',
    people: [{ personId: peer.id, role: 'source' }],
  });

  await page.goto('/insights');
  await expect(page.getByRole('heading', { name: 'Insights', level: 1 })).toBeVisible();
  for (const id of ['growth', 'weekly', 'channels', 'strength', 'give-ask', 'opportunities']) {
    const card = page.getByTestId(`insight-${id}`);
    await expect(card.locator('svg.recharts-surface').first()).toBeVisible();
    await expect(card.getByTestId('takeaway')).not.toBeEmpty();
  }
  await expect(page.getByTestId('insight-channels').getByTestId('takeaway')).toContainText('% of your interactions');

  const cooling = page.getByTestId('cooling-list');
  const row = cooling.getByRole('link', { name: new RegExp(`Ines Insight ${tag}`) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('days past due');
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/people/${friend.id}$`));

  await page.goto('/insights');
  await page.getByText('12 months', { exact: true }).click();
  await expect(page).toHaveURL(/months=12/);
  await expect(page.getByTestId('insight-growth').getByTestId('takeaway')).toContainText('in the last year');
});
