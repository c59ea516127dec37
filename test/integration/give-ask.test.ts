import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

/*
 * Give and ask on both databases: marking interactions, the implied gives,
 * the balance on a person, the insights numbers, and Today's "give before you
 * ask again" that a give settles.
 */

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

describe.each(DIALECTS)('give and ask on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  const create = () => t.client.createPerson({ body: buildPerson({ circle: 'close' }) });
  const ask = (personId: string, when: string, exchangeKind: 'referral' | 'advice' | 'favour' = 'advice') =>
    t.client.createInteraction({
      body: {
        kind: 'message',
        summary: 'Asked',
        participantIds: [personId],
        occurredAt: when,
        exchange: 'ask',
        exchangeKind,
      },
    });

  it('marks an interaction as a give or an ask, and implies a give for a share, an intro or a congratulation', async () => {
    const p = await create();
    const asked = await ask(p.id, daysAgo(3), 'referral');
    expect(asked).toMatchObject({ exchange: 'ask', exchangeKind: 'referral' });
    const shared = await t.client.createInteraction({
      body: { kind: 'article_share', summary: 'Sent the paper', participantIds: [p.id] },
    });
    expect(shared).toMatchObject({ exchange: 'give', exchangeKind: 'shared' });
    const plain = await t.client.createInteraction({
      body: { kind: 'article_share', summary: 'Just a link', participantIds: [p.id], exchange: null },
    });
    expect(plain).toMatchObject({ exchange: null, exchangeKind: null });
    const helped = await t.client.createInteraction({
      body: { kind: 'call', summary: 'Reviewed her deck', participantIds: [p.id], exchange: 'give' },
    });
    expect(helped).toMatchObject({ exchange: 'give', exchangeKind: 'other' });
    const changed = await t.client.updateInteraction({
      params: { id: helped.id },
      body: { version: helped.version, exchangeKind: 'help' },
    });
    expect(changed).toMatchObject({ exchange: 'give', exchangeKind: 'help' });
    const gives = await t.client.listInteractions({ query: { personId: p.id, exchange: 'give' } });
    expect(gives.items.map((i) => i.id).sort()).toEqual([shared.id, helped.id].sort());
  });

  it('refuses a kind from the other side, or a kind without a side', async () => {
    const p = await create();
    const wrong = await expectApiError(
      t.client.createInteraction({
        body: { kind: 'call', summary: 'x', participantIds: [p.id], exchange: 'ask', exchangeKind: 'shared' },
      }),
      400,
      'validation_failed',
    );
    expect(wrong.errors?.[0]).toMatchObject({ path: 'body.exchangeKind' });
    expect(wrong.errors?.[0]?.message).toContain('referral');
    const sideless = await expectApiError(
      t.client.createInteraction({
        body: { kind: 'call', summary: 'x', participantIds: [p.id], exchangeKind: 'help' },
      }),
      400,
      'validation_failed',
    );
    expect(sideless.errors?.[0]).toMatchObject({
      path: 'body.exchange',
      message: 'say whether it was a give or an ask',
    });
    await expectApiError(
      t.client.createInteraction({
        // biome-ignore lint/suspicious/noExplicitAny: an exchange that does not exist, on purpose
        body: { kind: 'call', summary: 'x', participantIds: [p.id], exchange: 'take' as any },
      }),
      400,
      'validation_failed',
    );
  });

  it('shows the balance of the last 12 months on the person, leaving out older and trashed ones', async () => {
    const p = await create();
    await ask(p.id, daysAgo(10));
    await ask(p.id, daysAgo(20));
    await ask(p.id, daysAgo(400));
    const trashed = await ask(p.id, daysAgo(5));
    await t.client.deleteInteraction({ params: { id: trashed.id } });
    await t.client.createInteraction({
      body: {
        kind: 'email',
        summary: 'Intro to Sam',
        participantIds: [p.id],
        occurredAt: daysAgo(30),
        exchange: 'give',
        exchangeKind: 'introduction',
      },
    });
    const read = await t.client.getPerson({ params: { id: p.id } });
    expect(read.exchange).toMatchObject({ months: 12, gives: 1, asks: 2, mostlyAsks: true });
    expect(read.exchange.lastAskAt).toBe(daysAgo(10).slice(0, 10) + read.exchange.lastAskAt?.slice(10));
    expect(read.exchange.since).toBe(daysAgo(365).slice(0, 10));
  });

  it('flags on Today who you mostly ask, until you give', async () => {
    const p = await create();
    await ask(p.id, daysAgo(2));
    await ask(p.id, daysAgo(1));
    let today = await t.client.getToday({ query: {} });
    const nudge = today.nudges.find((n) => n.kind === 'give_first' && n.people[0]?.id === p.id);
    expect(nudge?.reason).toContain('give before you ask again');
    expect(nudge?.action.type).toBe('offer_help');
    const done = await t.client.completeNudge({ params: { key: nudge?.key ?? '' }, body: { log: {} } });
    const logged = await t.client.getInteraction({ params: { id: done.interactionId ?? '' } });
    expect(logged).toMatchObject({ exchange: 'give', exchangeKind: 'help' });
    today = await t.client.getToday({ query: {} });
    expect(today.nudges.some((n) => n.kind === 'give_first' && n.people[0]?.id === p.id)).toBe(false);
    const read = await t.client.getPerson({ params: { id: p.id } });
    expect(read.exchange).toMatchObject({ gives: 1, asks: 2, mostlyAsks: true });
  });

  it('exposes the numbers for an insights chart', async () => {
    const p = await create();
    await ask(p.id, daysAgo(1));
    await ask(p.id, daysAgo(1));
    await ask(p.id, daysAgo(1));
    const x = await t.client.giveAskInsights({ query: {} });
    expect(x.months).toBe(12);
    expect(x.gives).toBeGreaterThan(0);
    expect(x.asks).toBeGreaterThan(x.gives - 100);
    expect(x.byMonth.reduce((n, m) => n + m.asks, 0)).toBe(x.asks);
    expect(x.askHeavy[0]).toMatchObject({ person: { id: p.id }, gives: 0, asks: 3 });
    await expectApiError(t.client.giveAskInsights({ query: { months: 0 } }), 400, 'validation_failed');
  });
});
