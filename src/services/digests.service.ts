import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { DigestDelivery, DigestSettings, DigestSettingsUpdate } from '../contract/sync.js';
import { composeDigest, type DigestMail } from '../formats/digest-mail.js';
import { BadRequestError } from '../lib/errors.js';
import { randomSecret } from '../lib/secrets.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';
import { todayService } from './today.service.js';

/*
 * Email digests: each user's choice (off, daily, weekly; local hour; weekday)
 * and the log of what was sent. The sending is the scheduler's `digests` job
 * (src/jobs/digests.ts). The one-click unsubscribe link is signed with a key
 * kept on the user's digest row, so it works without signing in and stops
 * working when the key changes.
 */

export type DigestSettingsView = Omit<DigestSettings, 'mailConfigured'>;

const DEFAULTS = { frequency: 'off' as const, hour: 8, weekday: 1 };

export function unsubscribeSignature(key: string, workspaceId: string, userId: string): string {
  return createHmac('sha256', key).update(`unsubscribe:${workspaceId}:${userId}`).digest('base64url');
}

export function unsubscribeUrl(appUrl: string, key: string, workspaceId: string, userId: string): string {
  const q = new URLSearchParams({ w: workspaceId, u: userId, s: unsubscribeSignature(key, workspaceId, userId) });
  return `${appUrl}/unsubscribe?${q}`;
}

function needsAccount(actor: Actor): string {
  if (!actor.userId) {
    throw BadRequestError(
      'account_required',
      'Digests go to an account',
      'Email digests are sent to an account’s email: sign in (or use an API token) to set them up.',
    );
  }
  return actor.userId;
}

export function digestsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function view(actor: Actor): Promise<DigestSettingsView> {
    const userId = actor.userId ?? '';
    const row = await k
      .selectFrom('digestSettings')
      .selectAll()
      .where('workspaceId', '=', actor.workspaceId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    const user = actor.userId
      ? await k.selectFrom('users').select('email').where('id', '=', actor.userId).executeTakeFirst()
      : undefined;
    const settings = await readSettings(k, actor.workspaceId);
    return {
      frequency: (row?.frequency as DigestSettings['frequency'] | undefined) ?? DEFAULTS.frequency,
      hour: row?.hour ?? DEFAULTS.hour,
      weekday: row?.weekday ?? DEFAULTS.weekday,
      timeZone: settings.timeZone,
      recipient: user?.email ?? null,
    };
  }

  return {
    settings: view,

    async update(actor: Actor, patch: z.output<typeof DigestSettingsUpdate>): Promise<DigestSettingsView> {
      const userId = needsAccount(actor);
      const now = nowIso(clock);
      const current = await view(actor);
      const next = {
        frequency: patch.frequency ?? current.frequency,
        hour: patch.hour ?? current.hour,
        weekday: patch.weekday ?? current.weekday,
      };
      await k
        .insertInto('digestSettings')
        .values({ workspaceId: actor.workspaceId, userId, ...next, unsubscribeKey: randomSecret(), updatedAt: now })
        .onConflict((oc) => oc.columns(['workspaceId', 'userId']).doUpdateSet({ ...next, updatedAt: now }))
        .execute();
      return view(actor);
    },

    async deliveries(actor: Actor): Promise<{ items: DigestDelivery[] }> {
      const rows = await k
        .selectFrom('digestDeliveries')
        .selectAll()
        .where('workspaceId', '=', actor.workspaceId)
        .where('userId', '=', actor.userId ?? '')
        .orderBy('id', 'desc')
        .limit(50)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          period: r.periodKey,
          recipient: r.recipient,
          status: r.status as DigestDelivery['status'],
          items: r.items,
          error: r.error,
          createdAt: r.createdAt,
          sentAt: r.sentAt,
        })),
      };
    },

    async preview(actor: Actor, appUrl: string): Promise<DigestMail> {
      const s = await view(actor);
      const today = await todayService({ db, clock }).today(actor, {});
      return composeDigest(today, s.frequency === 'weekly' ? 'weekly' : 'daily', {
        appUrl,
        unsubscribeUrl: `${appUrl}/settings/sync`,
      });
    },

    /** Turns the digest off when the signature matches; false (and nothing changed) otherwise. */
    async unsubscribe(workspaceId: string, userId: string, signature: string): Promise<boolean> {
      const row = await k
        .selectFrom('digestSettings')
        .select(['unsubscribeKey'])
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .executeTakeFirst();
      if (!row) return false;
      const expected = Buffer.from(unsubscribeSignature(row.unsubscribeKey, workspaceId, userId));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
      await k
        .updateTable('digestSettings')
        .set({ frequency: 'off', updatedAt: nowIso(clock) })
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .execute();
      return true;
    },
  };
}
