import type { z } from 'zod';
import type {
  DeliveryQuery,
  Webhook,
  WebhookCreated,
  WebhookDelivery,
  WebhookEvent,
  WebhookInput,
  WebhookUpdate,
} from '../contract/sync.js';
import { NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { randomSecret } from '../lib/secrets.js';
import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhooksTable } from '../storage/schema.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';
import { wakeJob } from './signals.js';

/*
 * Outgoing webhooks: a subscription per URL and set of events, and a delivery
 * row per (webhook, event) written when the event happens. The scheduler's
 * `webhook-deliveries` job sends them, signed, with retries
 * (src/jobs/webhooks.ts). The secret is stored as is (it must sign every
 * delivery) and shown once, when the webhook is created.
 */

export const WEBHOOK_JOB = 'webhook-deliveries';

type WebhookRow = Selectable<WebhooksTable>;
type DeliveryRow = Selectable<WebhookDeliveriesTable>;

function parseEvents(raw: string): WebhookEvent[] {
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) ? (v as WebhookEvent[]) : [];
  } catch {
    return [];
  }
}

export function presentDelivery(d: DeliveryRow): WebhookDelivery {
  return {
    id: d.id,
    webhookId: d.webhookId,
    event: d.event,
    status: d.status as WebhookDelivery['status'],
    attempts: d.attempts,
    responseCode: d.responseCode,
    error: d.error,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
  };
}

export interface WebhookEventInput {
  event: WebhookEvent;
  /** Makes the event once-only per webhook (a follow-up due on a date); a fresh id by default. */
  key?: string;
  data: unknown;
}

export function webhooksService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function present(rows: WebhookRow[], workspaceId: string): Promise<Webhook[]> {
    const out: Webhook[] = [];
    for (const w of rows) {
      const last = await k
        .selectFrom('webhookDeliveries')
        .select(['status', 'updatedAt', 'responseCode'])
        .where('workspaceId', '=', workspaceId)
        .where('webhookId', '=', w.id)
        .where('attempts', '>', 0)
        .orderBy('updatedAt', 'desc')
        .limit(1)
        .executeTakeFirst();
      out.push({
        id: w.id,
        url: w.url,
        events: parseEvents(w.events),
        description: w.description,
        active: w.active === 1,
        createdAt: w.createdAt,
        updatedAt: w.updatedAt,
        lastDelivery: last
          ? { status: last.status as WebhookDelivery['status'], at: last.updatedAt, responseCode: last.responseCode }
          : null,
      });
    }
    return out;
  }

  async function row(actor: Actor, id: string): Promise<WebhookRow> {
    const r = await k
      .selectFrom('webhooks')
      .selectAll()
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw NotFoundError('Webhook');
    return r;
  }

  async function one(actor: Actor, id: string): Promise<Webhook> {
    const [w] = await present([await row(actor, id)], actor.workspaceId);
    if (!w) throw NotFoundError('Webhook');
    return w;
  }

  return {
    get: one,

    async list(actor: Actor): Promise<{ items: Webhook[] }> {
      const rows = await k
        .selectFrom('webhooks')
        .selectAll()
        .where('workspaceId', '=', actor.workspaceId)
        .orderBy('id')
        .execute();
      return { items: await present(rows, actor.workspaceId) };
    },

    async create(actor: Actor, input: z.output<typeof WebhookInput>): Promise<WebhookCreated> {
      const id = uuidv7();
      const now = nowIso(clock);
      const secret = `whsec_${randomSecret()}`;
      await k
        .insertInto('webhooks')
        .values({
          workspaceId: actor.workspaceId,
          id,
          url: input.url,
          secret,
          events: JSON.stringify(input.events),
          description: input.description ?? '',
          active: input.active === false ? 0 : 1,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      return { ...(await one(actor, id)), secret };
    },

    async update(actor: Actor, id: string, input: z.output<typeof WebhookUpdate>): Promise<Webhook> {
      await row(actor, id);
      await k
        .updateTable('webhooks')
        .set({
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.events !== undefined ? { events: JSON.stringify(input.events) } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
          updatedAt: nowIso(clock),
        })
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .execute();
      return one(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await row(actor, id);
      await k.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('webhookDeliveries')
          .where('workspaceId', '=', actor.workspaceId)
          .where('webhookId', '=', id)
          .execute();
        await trx.deleteFrom('webhooks').where('workspaceId', '=', actor.workspaceId).where('id', '=', id).execute();
      });
    },

    async deliveries(actor: Actor, q: z.output<typeof DeliveryQuery>) {
      if (q.webhookId) await row(actor, q.webhookId);
      let query = k.selectFrom('webhookDeliveries').selectAll().where('workspaceId', '=', actor.workspaceId);
      if (q.webhookId) query = query.where('webhookId', '=', q.webhookId);
      if (q.status) query = query.where('status', '=', q.status);
      const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
      return { items: rows.map(presentDelivery), nextCursor: null };
    },

    /**
     * Queues a delivery of the event to every active webhook of the workspace
     * that wants it; a key already delivered to a webhook is not queued again.
     * Returns how many deliveries were queued.
     */
    async emit(workspaceId: string, e: WebhookEventInput): Promise<number> {
      const hooks = await k
        .selectFrom('webhooks')
        .select(['id', 'events'])
        .where('workspaceId', '=', workspaceId)
        .where('active', '=', 1)
        .execute();
      const targets = hooks.filter((h) => parseEvents(h.events).includes(e.event));
      if (targets.length === 0) return 0;
      const now = nowIso(clock);
      const eventId = uuidv7();
      let queued = 0;
      for (const h of targets) {
        const payload = JSON.stringify({ id: eventId, type: e.event, createdAt: now, workspaceId, data: e.data });
        const r = await k
          .insertInto('webhookDeliveries')
          .values({
            workspaceId,
            id: uuidv7(),
            webhookId: h.id,
            event: e.event,
            eventKey: e.key ?? eventId,
            payload,
            nextAttemptAt: now,
            leaseUntil: null,
            responseCode: null,
            error: null,
            deliveredAt: null,
            createdAt: now,
            updatedAt: now,
          })
          .onConflict((oc) => oc.columns(['workspaceId', 'webhookId', 'eventKey']).doNothing())
          .executeTakeFirst();
        queued += Number(r.numInsertedOrUpdatedRows ?? 0);
      }
      if (queued > 0) wakeJob(WEBHOOK_JOB);
      return queued;
    },
  };
}

export type WebhooksService = ReturnType<typeof webhooksService>;
