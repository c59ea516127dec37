import { createHmac } from 'node:crypto';
import { addDays, localDate } from '../domain/dates.js';
import { version } from '../lib/package.js';
import type { Clock } from '../services/context.js';
import { followUpsService } from '../services/follow-ups.service.js';
import { WEBHOOK_JOB, webhooksService } from '../services/webhooks.service.js';
import type { Db } from '../storage/db.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import type { JobDefinition } from './scheduler.js';

/*
 * Sending webhook deliveries, and queuing followup.due events.
 *
 * Each delivery is a POST of the JSON event with
 *   Tend-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 * (docs/sync.md shows how to verify it). A 2xx answer delivers it; anything
 * else (another status, a redirect, a timeout, a refused connection) is
 * retried with exponential backoff: 30 s, 1, 2, 4, 8, 16, 32 min, then the
 * delivery is marked failed (8 attempts in about an hour). A delivery is
 * claimed with a lease in a conditional UPDATE before it is sent, so two
 * instances never send the same one.
 */

export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
const BATCH = 100;
/** A follow-up that fell due while the server was down is still announced, up to this many days late. */
const DUE_CATCH_UP_DAYS = 7;

export type Fetch = typeof fetch;

/** The value of the Tend-Signature header for a body sent at `unixSeconds`. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export function retryDelayMs(attempts: number): number {
  return BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1);
}

/** Sends every due delivery; returns how many were attempted. */
export async function deliverDueWebhooks(db: Db, now: Date, fetchImpl: Fetch = fetch): Promise<number> {
  const k = db.kysely;
  const nowIso = now.toISOString();
  let attempted = 0;
  const workspaces = await k.selectFrom('webhooks').select('workspaceId').distinct().execute();
  for (const { workspaceId } of workspaces) {
    const due = await k
      .selectFrom('webhookDeliveries as d')
      .innerJoin('webhooks as w', (j) =>
        j.onRef('w.workspaceId', '=', 'd.workspaceId').onRef('w.id', '=', 'd.webhookId'),
      )
      .select(['d.id', 'd.event', 'd.payload', 'd.attempts', 'w.url', 'w.secret', 'w.active'])
      .where('d.workspaceId', '=', workspaceId)
      .where('d.status', '=', 'pending')
      .where('d.nextAttemptAt', '<=', nowIso)
      .where((eb) => eb.or([eb('d.leaseUntil', 'is', null), eb('d.leaseUntil', '<', nowIso)]))
      .orderBy('d.nextAttemptAt')
      .limit(BATCH)
      .execute();
    for (const d of due) {
      if (d.active !== 1) continue; // paused: kept pending until it is switched on again
      const claimed = await k
        .updateTable('webhookDeliveries')
        .set({ leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', d.id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', nowIso)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      attempted++;
      const result = await send(d, now, fetchImpl);
      const attempts = d.attempts + 1;
      const finalFailure = !result.ok && attempts >= MAX_ATTEMPTS;
      await k
        .updateTable('webhookDeliveries')
        .set({
          status: result.ok ? 'delivered' : finalFailure ? 'failed' : 'pending',
          attempts,
          responseCode: result.status,
          error: result.error,
          nextAttemptAt:
            result.ok || finalFailure ? null : new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
          leaseUntil: null,
          deliveredAt: result.ok ? nowIso : null,
          updatedAt: nowIso,
        })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', d.id)
        .execute();
    }
  }
  return attempted;
}

async function send(
  d: { id: string; event: string; payload: string; url: string; secret: string },
  now: Date,
  fetchImpl: Fetch,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  let url: URL;
  try {
    url = new URL(d.url);
  } catch {
    return { ok: false, status: null, error: 'invalid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, status: null, error: 'only http and https URLs are called' };
  }
  const t = Math.floor(now.getTime() / 1000);
  try {
    const res = await fetchImpl(url, {
      method: 'POST',
      body: d.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': `Tend-Webhooks/${version}`,
        'tend-event': d.event,
        'tend-delivery': d.id,
        'tend-signature': signWebhook(d.secret, d.payload, t),
      },
    });
    await res.arrayBuffer().catch(() => undefined); // drain, and never keep what the receiver said
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? null : `answered ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const reason = e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.message);
    return { ok: false, status: null, error: reason.slice(0, 300) };
  }
}

/** Queues followup.due for open follow-ups due today (or in the last few days, after downtime). */
export async function queueDueFollowUps(db: Db, now: Date, clock?: Clock): Promise<number> {
  const k = db.kysely;
  const deps = { db, clock: clock ?? { now: () => now } };
  const webhooks = webhooksService(deps);
  const followUps = followUpsService(deps);
  const workspaces = await k
    .selectFrom('webhooks')
    .select('workspaceId')
    .distinct()
    .where('active', '=', 1)
    .where('events', 'like', '%followup.due%')
    .execute();
  let queued = 0;
  for (const { workspaceId } of workspaces) {
    const settings = await readSettings(k, workspaceId);
    const today = localDate(now, settings.timeZone);
    const due = await k
      .selectFrom('followUps')
      .select(['id', 'dueOn'])
      .where('workspaceId', '=', workspaceId)
      .where('status', '=', 'open')
      .where('dueOn', '<=', today)
      .where('dueOn', '>=', addDays(today, -DUE_CATCH_UP_DAYS))
      .limit(1000)
      .execute();
    for (const f of due) {
      const data = await followUps.get({ workspaceId, userId: null }, f.id);
      queued += await webhooks.emit(workspaceId, {
        event: 'followup.due',
        key: `followup.due:${f.id}:${f.dueOn}`,
        data,
      });
    }
  }
  return queued;
}

export function webhookJobs(fetchImpl: Fetch = fetch): JobDefinition[] {
  return [
    {
      name: WEBHOOK_JOB,
      everyMs: 30_000,
      async run({ db, now }) {
        const n = await deliverDueWebhooks(db, now, fetchImpl);
        return n > 0 ? `attempted ${n} webhook deliveries` : undefined;
      },
    },
    {
      name: 'follow-ups-due',
      everyMs: 15 * 60_000,
      async run({ db, now }) {
        const n = await queueDueFollowUps(db, now);
        return n > 0 ? `queued ${n} followup.due webhooks` : undefined;
      },
    },
  ];
}
