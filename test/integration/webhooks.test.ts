import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookCreated } from '../../src/contract/sync.js';
import { createJobScheduler } from '../../src/jobs/index.js';
import { deliverDueWebhooks, MAX_ATTEMPTS, queueDueFollowUps } from '../../src/jobs/webhooks.js';
import { openTestApp, type TestApp } from '../support/app.js';
import { DAY, TestClock } from '../support/clock.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { startReceiver } from '../support/receiver.js';
import { expectProblem } from './helpers.js';

/* Outgoing webhooks: signed deliveries to a real local receiver, retries with backoff, once-only due events. */

/** What docs/sync.md tells receivers to do. */
function verify(secret: string, header: string, body: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const quiet = { info() {}, error() {} };

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let t: TestApp;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let hook: WebhookCreated;
  beforeAll(async () => {
    t = await openTestApp(dialect);
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx.close();
    await t.close();
  });

  it('refuses URLs that are not http(s), carry credentials, and empty event lists', async () => {
    for (const body of [
      { url: 'ftp://example.com/x', events: ['person.created'] },
      { url: 'file:///etc/passwd', events: ['person.created'] },
      { url: 'https://user:pw@example.com/', events: ['person.created'] },
      { url: 'https://example.com/', events: [] },
      { url: 'https://example.com/', events: ['person.deleted'] },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', payload: body });
      expectProblem(res, 400, 'validation_failed');
    }
  });

  it('shows the secret once and lists the webhook without it', async () => {
    hook = await t.client.createWebhook({
      body: { url: rx.url, events: ['person.created', 'person.updated', 'interaction.logged', 'followup.due'] },
    });
    expect(hook.secret).toMatch(/^whsec_[\w-]{43}$/);
    const list = await t.client.listWebhooks({});
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(hook.secret);
  });

  it('delivers person.created signed, verifiable with the secret', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ fullName: 'Ana Ruiz' }) });
    const queued = await t.client.listWebhookDeliveries({ query: { status: 'pending' } });
    expect(queued.items.map((d) => d.event)).toEqual(['person.created']);
    const now = new Date();
    expect(await deliverDueWebhooks(t.db, now)).toBe(1);
    const got = rx.received.at(-1);
    expect(got?.headers['tend-event']).toBe('person.created');
    expect(got?.headers['content-type']).toBe('application/json');
    const sig = String(got?.headers['tend-signature']);
    expect(verify(hook.secret, sig, got?.body ?? '', Math.floor(now.getTime() / 1000))).toBe(true);
    expect(verify('whsec_wrong', sig, got?.body ?? '', Math.floor(now.getTime() / 1000))).toBe(false);
    expect(verify(hook.secret, sig, `${got?.body} `, Math.floor(now.getTime() / 1000))).toBe(false);
    const event = JSON.parse(got?.body ?? '{}');
    expect(event).toMatchObject({ type: 'person.created', data: { id: p.id, fullName: 'Ana Ruiz' } });
    const [d] = (await t.client.listWebhookDeliveries({ query: {} })).items;
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, responseCode: 200, nextAttemptAt: null });
    expect((await t.client.getWebhook({ params: { id: hook.id } })).lastDelivery).toMatchObject({
      status: 'delivered',
      responseCode: 200,
    });
  });

  it('retries a failed delivery with exponential backoff until it succeeds', async () => {
    rx.answers.push(500, 503);
    const p = await t.client.createPerson({ body: buildPerson() });
    await t.client.createInteraction({ body: { kind: 'coffee', summary: 'Coffee', participantIds: [p.id] } });
    const before = rx.received.length;
    const t0 = new Date(Date.now() + 1000);
    expect(await deliverDueWebhooks(t.db, t0)).toBe(2); // person.created → 500, interaction.logged → 503
    const failing = (await t.client.listWebhookDeliveries({ query: { status: 'pending' } })).items;
    expect(failing.map((d) => [d.attempts, d.responseCode]).sort()).toEqual([
      [1, 500],
      [1, 503],
    ]);
    expect(failing.every((d) => d.nextAttemptAt === new Date(t0.getTime() + 30_000).toISOString())).toBe(true);
    expect(await deliverDueWebhooks(t.db, new Date(t0.getTime() + 29_000))).toBe(0); // not yet
    expect(await deliverDueWebhooks(t.db, new Date(t0.getTime() + 30_000))).toBe(2);
    expect(rx.received.length - before).toBe(4);
    expect((await t.client.listWebhookDeliveries({ query: { status: 'pending' } })).items).toEqual([]);
  });

  it('gives up after the last attempt and records it as failed', async () => {
    rx.answers.push(...Array(MAX_ATTEMPTS).fill(500));
    await t.client.createPerson({ body: buildPerson() });
    let at = Date.now() + 2000;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await deliverDueWebhooks(t.db, new Date(at))).toBe(1);
      at += 3_600_000;
    }
    const [d] = (await t.client.listWebhookDeliveries({ query: { status: 'failed' } })).items;
    expect(d).toMatchObject({ attempts: MAX_ATTEMPTS, responseCode: 500, nextAttemptAt: null, error: 'answered 500' });
  });

  it('announces a due follow-up once, even when the job runs again', async () => {
    const p = await t.client.createPerson({ body: buildPerson() });
    const today = new Date().toISOString().slice(0, 10);
    const f = await t.client.createFollowUp({ body: { title: 'Send the deck', personIds: [p.id], dueOn: today } });
    await deliverDueWebhooks(t.db, new Date(Date.now() + 5000));
    expect(await queueDueFollowUps(t.db, new Date())).toBe(1);
    expect(await queueDueFollowUps(t.db, new Date())).toBe(0);
    await deliverDueWebhooks(t.db, new Date(Date.now() + 5000));
    const got = rx.received.at(-1);
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({ type: 'followup.due', data: { id: f.id, dueOn: today } });
  });

  it('sends the reminder at start when the scheduler was stopped across the due time', async () => {
    const clock = new TestClock(Date.parse('2026-11-26T09:00:00Z'));
    const p = await t.client.createPerson({ body: buildPerson() });
    const f = await t.client.createFollowUp({ body: { title: 'Call back', personIds: [p.id], dueOn: '2026-11-28' } });
    const count = () => rx.received.filter((r) => r.body.includes(f.id) && r.body.includes('followup.due')).length;
    const first = createJobScheduler({ db: t.db, log: quiet, clock, tickMs: 3_600_000 });
    await first.start();
    await first.stop();
    expect(count()).toBe(0);
    clock.advance(2 * DAY); // down across 2026-11-28
    const second = createJobScheduler({ db: t.db, log: quiet, clock, tickMs: 3_600_000 });
    await second.start();
    for (let i = 0; i < 40 && count() === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await second.stop();
    expect(count()).toBe(1);
  });

  it('announces an interaction logged while completing a follow-up', async () => {
    const p = await t.client.createPerson({ body: buildPerson() });
    const f = await t.client.createFollowUp({ body: { title: 'Thank them', personIds: [p.id] } });
    await deliverDueWebhooks(t.db, new Date(Date.now() + 5000));
    await t.client.completeFollowUp({ params: { id: f.id }, body: { log: { summary: 'Sent a thank-you note' } } });
    const pending = (await t.client.listWebhookDeliveries({ query: { status: 'pending' } })).items;
    expect(pending.map((d) => d.event)).toEqual(['interaction.logged']);
    await deliverDueWebhooks(t.db, new Date(Date.now() + 5000));
    expect(JSON.parse(rx.received.at(-1)?.body ?? '{}')).toMatchObject({
      type: 'interaction.logged',
      data: { summary: 'Sent a thank-you note' },
    });
  });

  it('pauses, edits and removes a webhook with its log', async () => {
    const paused = await t.client.updateWebhook({
      params: { id: hook.id },
      body: { active: false, events: ['person.updated'] },
    });
    expect(paused).toMatchObject({ active: false, events: ['person.updated'] });
    await t.client.createPerson({ body: buildPerson() });
    expect((await t.client.listWebhookDeliveries({ query: { status: 'pending' } })).items).toEqual([]);
    await t.client.deleteWebhook({ params: { id: hook.id } });
    expect((await t.client.listWebhooks({})).items).toEqual([]);
    expect((await t.client.listWebhookDeliveries({ query: {} })).items).toEqual([]);
  });

  it('queues a logged interaction for the active webhooks that want it, and only those', async () => {
    const p = await t.client.createPerson({ body: buildPerson() });
    const log = (summary: string) =>
      t.client.createInteraction({ body: { kind: 'message', summary, participantIds: [p.id] } });
    const pending = async () =>
      (await t.client.listWebhookDeliveries({ query: { status: 'pending' } })).items.map((d) => [d.event, d.webhookId]);
    await log('No webhook at all');
    expect(await pending()).toEqual([]);
    const other = await t.client.createWebhook({ body: { url: rx.url, events: ['person.updated'] } });
    await log('A webhook that wants something else');
    expect(await pending()).toEqual([]);
    const wanted = await t.client.createWebhook({ body: { url: rx.url, events: ['interaction.logged'] } });
    await log('Wanted');
    expect(await pending()).toEqual([['interaction.logged', wanted.id]]);
    await deliverDueWebhooks(t.db, new Date(Date.now() + 5000));
    expect(JSON.parse(rx.received.at(-1)?.body ?? '{}')).toMatchObject({
      type: 'interaction.logged',
      data: { summary: 'Wanted' },
    });
    await t.client.updateWebhook({ params: { id: wanted.id }, body: { active: false } });
    await log('Paused');
    expect(await pending()).toEqual([]);
    await t.client.deleteWebhook({ params: { id: wanted.id } });
    await t.client.deleteWebhook({ params: { id: other.id } });
  });
});
