import { lastOccurrence } from '../domain/digest-schedule.js';
import { composeDigest } from '../formats/digest-mail.js';
import { uuidv7 } from '../lib/ids.js';
import { unsubscribeUrl } from '../services/digests.service.js';
import { todayService } from '../services/today.service.js';
import type { Db } from '../storage/db.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import type { Mailer } from './mailer.js';
import type { JobDefinition } from './scheduler.js';

/*
 * Sends the digests that are due. A digest is due at the most recent
 * occurrence of its schedule, for up to a day after it (so a server that was
 * down at 08:00 sends it when it starts, and one down for days does not send
 * stale ones). Each (user, period) is claimed by inserting its row in
 * digest_deliveries, which has a unique index on it: with several instances
 * only one insert wins, so a digest goes out once.
 */

const LATE_LIMIT_MS = 24 * 3_600_000;

export interface DigestJobOptions {
  mailer: Mailer | null;
  /** Links in the mail point here (TEND_PUBLIC_URL). */
  appUrl: string;
}

export async function sendDueDigests(db: Db, now: Date, opts: DigestJobOptions): Promise<number> {
  if (!opts.mailer) return 0;
  const k = db.kysely;
  const subs = await k
    .selectFrom('digestSettings as d')
    .innerJoin('users as u', 'u.id', 'd.userId')
    .select([
      'd.workspaceId',
      'd.userId',
      'd.frequency',
      'd.hour',
      'd.weekday',
      'd.unsubscribeKey',
      'd.updatedAt',
      'u.email',
    ])
    .where('d.frequency', 'in', ['daily', 'weekly'])
    .execute();
  let sent = 0;
  for (const s of subs) {
    const settings = await readSettings(k, s.workspaceId);
    const occurrence = lastOccurrence(
      { frequency: s.frequency as 'daily' | 'weekly', hour: s.hour, weekday: s.weekday, timeZone: settings.timeZone },
      now,
    );
    if (!occurrence) continue;
    if (now.getTime() - occurrence.at.getTime() > LATE_LIMIT_MS) continue;
    // Subscribing (or changing the hour) after today's time does not send today's digest at once.
    if (Date.parse(s.updatedAt) > occurrence.at.getTime()) continue;
    const id = uuidv7();
    const claimed = await k
      .insertInto('digestDeliveries')
      .values({
        workspaceId: s.workspaceId,
        id,
        userId: s.userId,
        periodKey: occurrence.period,
        recipient: s.email,
        status: 'sending',
        messageId: null,
        error: null,
        createdAt: now.toISOString(),
        sentAt: null,
      })
      .onConflict((oc) => oc.columns(['workspaceId', 'userId', 'periodKey']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) continue;

    const actor = { workspaceId: s.workspaceId, userId: s.userId };
    const finish = (set: { status: string; items?: number; messageId?: string | null; error?: string | null }) =>
      k
        .updateTable('digestDeliveries')
        .set({ ...set, sentAt: set.status === 'sent' ? now.toISOString() : null })
        .where('workspaceId', '=', s.workspaceId)
        .where('id', '=', id)
        .execute();
    try {
      const today = await todayService({ db, clock: { now: () => now } }).today(actor, {});
      const unsubscribe = unsubscribeUrl(opts.appUrl, s.unsubscribeKey, s.workspaceId, s.userId);
      const mail = composeDigest(today, s.frequency === 'weekly' ? 'weekly' : 'daily', {
        appUrl: opts.appUrl,
        unsubscribeUrl: unsubscribe,
      });
      if (mail.items === 0) {
        await finish({ status: 'skipped', items: 0 });
        continue;
      }
      const info = await opts.mailer.send({
        to: s.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: {
          // RFC 2369 and RFC 8058: mail apps offer a one-click unsubscribe that POSTs to this URL.
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
      await finish({ status: 'sent', items: mail.items, messageId: info.messageId });
      sent++;
    } catch (err) {
      await finish({ status: 'failed', error: String((err as Error).message ?? err).slice(0, 500) });
    }
  }
  return sent;
}

export function digestJob(opts: DigestJobOptions): JobDefinition {
  return {
    name: 'digests',
    // Every 5 minutes: a digest leaves within minutes of its hour.
    everyMs: 5 * 60_000,
    async run({ db, now }) {
      const n = await sendDueDigests(db, now, opts);
      return n > 0 ? `sent ${n} digests` : undefined;
    },
  };
}
