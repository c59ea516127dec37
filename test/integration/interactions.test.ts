import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction, InteractionCreate } from '../../src/contract/interactions.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import {
  MISSING_ID,
  type WatchedApp,
  expectApiError,
  expectRefused,
  fieldErrors,
  openWatchedApp,
  snapshot,
} from './helpers.js';

describe.each(DIALECTS)('interactions on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  const person = async () => (await t.client.createPerson({ body: buildPerson() })).id;
  const log = (body: Partial<InteractionCreate> & { participantIds: string[] }) =>
    t.client.createInteraction({ body: { kind: 'call', summary: 'Caught up', ...body } });
  const contact = async (id: string) => {
    const p = await t.client.getPerson({ params: { id } });
    return { last: p.lastInteractionAt, count: p.interactionCount };
  };
  const change = (i: Interaction, body: Record<string, unknown>) =>
    t.client.updateInteraction({ params: { id: i.id }, body: { version: i.version, ...body } });

  it('logs an interaction with several people and updates their last contact', async () => {
    const [a, b, c] = [await person(), await person(), await person()];
    const coffee = await log({
      kind: 'coffee',
      summary: 'Coffee at the market',
      occurredAt: '2025-05-01T09:30:00+01:00',
      durationMinutes: 45,
      notes: 'Talked about *Rust*',
      participantIds: [a, b, c],
    });
    expect(coffee).toMatchObject({
      version: 1,
      kind: 'coffee',
      channel: 'in_person',
      platform: null,
      occurredAt: '2025-05-01T08:30:00.000Z',
      durationMinutes: 45,
      summary: 'Coffee at the market',
      notes: 'Talked about *Rust*',
      deletedAt: null,
    });
    expect(coffee.participants.map((p) => p.id).sort()).toEqual([a, b, c].sort());
    expect(await t.client.getInteraction({ params: { id: coffee.id } })).toEqual(coffee);
    for (const id of [a, b, c]) expect(await contact(id)).toEqual({ last: '2025-05-01T08:30:00.000Z', count: 1 });

    const email = await log({ kind: 'email', occurredAt: '2025-04-01T00:00:00Z', participantIds: [a] });
    expect(email.channel).toBe('online');
    const zoomCoffee = await log({ kind: 'coffee', channel: 'online', platform: 'Zoom', participantIds: [b] });
    expect(zoomCoffee).toMatchObject({ channel: 'online', platform: 'Zoom' });
    // An older interaction counts but does not move the last contact back.
    expect(await contact(a)).toEqual({ last: '2025-05-01T08:30:00.000Z', count: 2 });
    // Without occurredAt it happened now.
    expect(Date.now() - Date.parse(zoomCoffee.occurredAt)).toBeLessThan(60_000);
    expect(await contact(b)).toEqual({ last: zoomCoffee.occurredAt, count: 2 });
  });

  it("walks a person's timeline newest first with a cursor", async () => {
    const a = await person();
    const other = await person();
    const made: string[] = [];
    for (const day of [3, 1, 5, 2, 4]) {
      made.push((await log({ occurredAt: `2025-01-0${day}T12:00:00Z`, participantIds: [a] })).id);
    }
    // Same moment twice: the id breaks the tie, and both are still listed once.
    made.push((await log({ occurredAt: '2025-01-03T12:00:00Z', participantIds: [a, other] })).id);
    await log({ occurredAt: '2025-01-09T12:00:00Z', participantIds: [other] });

    const seen: Interaction[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.client.listPersonInteractions({ params: { id: a }, query: { limit: 2, cursor } });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((i) => i.id).sort()).toEqual([...made].sort());
    expect(seen.map((i) => i.occurredAt.slice(0, 10))).toEqual([
      '2025-01-05',
      '2025-01-04',
      '2025-01-03',
      '2025-01-03',
      '2025-01-02',
      '2025-01-01',
    ]);
    await expectApiError(t.client.listPersonInteractions({ params: { id: MISSING_ID }, query: {} }), 404, 'not_found');
  });

  it('recomputes old and new participants when the date or the people change', async () => {
    const [a, b, c] = [await person(), await person(), await person()];
    await log({ occurredAt: '2025-02-01T10:00:00Z', participantIds: [a] });
    let i = await log({ occurredAt: '2025-03-01T10:00:00Z', participantIds: [a, b] });
    expect(await contact(a)).toEqual({ last: '2025-03-01T10:00:00.000Z', count: 2 });

    i = await change(i, { occurredAt: '2025-03-15T10:00:00Z' });
    expect(i.version).toBe(2);
    expect(await contact(a)).toEqual({ last: '2025-03-15T10:00:00.000Z', count: 2 });
    expect(await contact(b)).toEqual({ last: '2025-03-15T10:00:00.000Z', count: 1 });

    i = await change(i, { participantIds: [b, c], occurredAt: '2025-04-01T10:00:00Z' });
    expect(i.participants.map((p) => p.id).sort()).toEqual([b, c].sort());
    expect(await contact(a)).toEqual({ last: '2025-02-01T10:00:00.000Z', count: 1 });
    expect(await contact(b)).toEqual({ last: '2025-04-01T10:00:00.000Z', count: 1 });
    expect(await contact(c)).toEqual({ last: '2025-04-01T10:00:00.000Z', count: 1 });
    const timeline = await t.client.listPersonInteractions({ params: { id: c }, query: {} });
    expect(timeline.items.map((x) => x.occurredAt)).toEqual(['2025-04-01T10:00:00.000Z']);

    i = await change(i, { kind: 'meeting', summary: 'Quarterly review', durationMinutes: null });
    expect(i).toMatchObject({ kind: 'meeting', channel: 'in_person', summary: 'Quarterly review' });
  });

  it('takes a deleted interaction out of the counts and puts it back on restore', async () => {
    const [a, b] = [await person(), await person()];
    await log({ occurredAt: '2025-02-01T10:00:00Z', participantIds: [a] });
    const i = await log({ occurredAt: '2025-03-01T10:00:00Z', participantIds: [a, b] });

    await t.client.deleteInteraction({ params: { id: i.id } });
    expect(await contact(a)).toEqual({ last: '2025-02-01T10:00:00.000Z', count: 1 });
    expect(await contact(b)).toEqual({ last: null, count: 0 });
    expect((await t.client.listPersonInteractions({ params: { id: b }, query: {} })).items).toEqual([]);
    const trash = await t.client.listInteractions({ query: { deleted: 'only', personId: b } });
    expect(trash.items.map((x) => x.id)).toEqual([i.id]);
    await expectApiError(change(i, { summary: 'x' }), 404, 'not_found');
    await expectApiError(t.client.deleteInteraction({ params: { id: i.id } }), 404, 'not_found');

    const back = await t.client.restoreInteraction({ params: { id: i.id } });
    expect(back.deletedAt).toBeNull();
    expect(await contact(a)).toEqual({ last: '2025-03-01T10:00:00.000Z', count: 2 });
    expect(await contact(b)).toEqual({ last: '2025-03-01T10:00:00.000Z', count: 1 });
  });

  it('filters by kind, channel and time range', async () => {
    const a = await person();
    const made = [
      await log({ kind: 'call', occurredAt: '2024-06-01T00:00:00Z', participantIds: [a] }),
      await log({ kind: 'coffee', occurredAt: '2024-06-02T00:00:00Z', participantIds: [a] }),
      await log({ kind: 'coffee', channel: 'online', occurredAt: '2024-06-03T00:00:00Z', participantIds: [a] }),
      await log({ kind: 'email', occurredAt: '2024-06-04T00:00:00Z', participantIds: [a] }),
    ];
    const ids = async (query: Record<string, string>) =>
      (await t.client.listInteractions({ query: { personId: a, ...query } })).items.map((i) => i.id);
    const [call, coffee, onlineCoffee, email] = made.map((i) => i.id);
    expect(await ids({ kind: 'coffee' })).toEqual([onlineCoffee, coffee]);
    expect(await ids({ channel: 'in_person' })).toEqual([coffee]);
    expect(await ids({ channel: 'online' })).toEqual([email, onlineCoffee, call]);
    // from is inclusive, to exclusive; offsets are honoured.
    expect(await ids({ from: '2024-06-02T00:00:00Z', to: '2024-06-04T00:00:00Z' })).toEqual([onlineCoffee, coffee]);
    expect(await ids({ from: '2024-06-02T02:00:00+02:00' })).toEqual([email, onlineCoffee, coffee]);
    expect(await ids({ to: '2024-06-01T00:00:00Z' })).toEqual([]);
    const all = await t.client.listInteractions({
      query: { kind: 'email', from: '2024-06-04T00:00:00Z', to: '2024-06-05T00:00:00Z' },
    });
    expect(all.items.map((i) => i.id)).toEqual([email]);
  });

  it('refuses unknown, repeated and trashed participants without writing anything', async () => {
    const [a, b] = [await person(), await person()];
    const gone = await person();
    await t.client.deletePerson({ params: { id: gone } });
    const post = (participantIds: string[]) => ({
      method: 'POST' as const,
      url: '/api/v1/interactions',
      body: { kind: 'call', summary: 'x', participantIds },
    });

    const unknown = await expectRefused(t, post([a, b, MISSING_ID]), 400, 'validation_failed');
    expect(fieldErrors(unknown)).toEqual({ 'body.participantIds.2': 'no such person in this workspace' });
    const twice = await expectRefused(t, post([a, b, a]), 400, 'validation_failed');
    expect(Object.keys(fieldErrors(twice))).toEqual(['body.participantIds']);
    const trashed = await expectRefused(t, post([gone, a]), 400, 'validation_failed');
    expect(fieldErrors(trashed)).toEqual({ 'body.participantIds.0': 'no such person in this workspace' });
    await expectRefused(t, post([]), 400, 'validation_failed');
    expect(await contact(a)).toEqual({ last: null, count: 0 });

    // The same checks apply when changing the participants of an existing interaction.
    const i = await log({ participantIds: [a] });
    const before = await snapshot(t.db);
    const res = await expectApiError(change(i, { participantIds: [b, MISSING_ID] }), 400, 'validation_failed');
    expect(fieldErrors(res)).toEqual({ 'body.participantIds.1': 'no such person in this workspace' });
    await expectApiError(change(i, { participantIds: [gone] }), 400, 'validation_failed');
    expect(await snapshot(t.db)).toEqual(before);
    expect(await contact(b)).toEqual({ last: null, count: 0 });
  });
});
