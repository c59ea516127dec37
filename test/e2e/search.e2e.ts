import { expect, type Page, test } from '@playwright/test';
import { signIn } from './support.js';

/* The command palette searches everything: Ctrl+K, part of a name, Enter, the person's page. */

async function post(page: Page, url: string, data: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tend_csrf')?.value ?? '';
  const res = await page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

test('finds a person from the palette and opens their page', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const tag = Math.random().toString(36).slice(2, 7);
  const name = `Zinnia Quarterhouse${tag}`;
  const person = await post(page, '/api/v1/people', {
    fullName: name,
    roleTitle: 'Founder',
    notes: `Paddles a kayak${tag} every weekend on the Vltava.`,
  });
  await post(page, '/api/v1/interactions', {
    kind: 'coffee',
    summary: `Coffee about kayak${tag} routes`,
    participantIds: [person.id],
  });
  await page.goto('/people');
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('ControlOrMeta+k');
  const box = page.getByRole('textbox', { name: 'Search everything and commands' });
  await expect(box).toBeFocused();
  await box.fill(`kayak${tag}`);
  const hits = page.getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  // A note and an interaction, each with its matched word marked.
  await expect(hits.filter({ hasText: 'Paddles a' })).toHaveCount(1, { timeout: 15_000 });
  await expect(hits.filter({ hasText: 'Coffee about' })).toHaveCount(1);
  await expect(page.locator('mark.tend-search-mark').first()).toHaveText(new RegExp(`kayak${tag}`, 'i'));
  await page.screenshot({ path: test.info().outputPath('palette-text.png') });

  await box.fill(`zinn quarterh`);
  await expect(hits.first()).toContainText(name, { timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('palette-name.png') });
  // The palette selects the first hit as the results change; Enter opens the selected one.
  await expect(hits.first()).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/people/${person.id}$`));
  await expect(page.getByRole('heading', { name })).toBeVisible();
});

test('Enter pressed before the results arrive opens the first hit for what was typed', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const tag = Math.random().toString(36).slice(2, 7);
  const name = `Quillon Marchbanks${tag}`;
  const person = await post(page, '/api/v1/people', { fullName: name, roleTitle: 'Editor' });
  await page.goto('/people');
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('ControlOrMeta+k');
  const box = page.getByRole('textbox', { name: 'Search everything and commands' });
  await expect(box).toBeFocused();
  // The palette opens on its commands, the first one selected ("Add a person").
  await expect(page.locator('[data-action][data-selected]')).toHaveCount(1);
  // Typed and entered at once: the search is still debounced, so the rows on screen are the
  // commands. Enter must wait for the answer and open the person, not run a command.
  await box.fill(`marchbanks${tag}`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/people/${person.id}$`), { timeout: 15_000 });
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Some phone keyboards send Enter without a key code, which Spotlight alone ignores.
  const other = await post(page, '/api/v1/people', { fullName: `Odalys Penhallow${tag}`, roleTitle: 'Curator' });
  await page.keyboard.press('ControlOrMeta+k');
  await box.fill(`penhallow${tag}`);
  const hit = page.getByTestId('search-hit').first();
  await expect(hit).toContainText(`Odalys Penhallow${tag}`, { timeout: 15_000 });
  await expect(hit).toHaveAttribute('data-selected', 'true');
  await box.dispatchEvent('keydown', { key: 'Enter', code: '', bubbles: true });
  await expect(page).toHaveURL(new RegExp(`/people/${other.id}$`), { timeout: 15_000 });
});

test('the palette reads well on a phone, in the dark theme', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  test.setTimeout(90_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await signIn(page);
  await page.goto('/people');
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible({ timeout: 15_000 });
  // On a phone the palette opens from the search button of the top bar.
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('textbox', { name: 'Search everything and commands' }).fill('kayak');
  await expect(page.getByTestId('search-hit').first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('palette-phone-dark.png') });
});
