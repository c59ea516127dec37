import type { Kysely } from 'kysely';
import type { ExchangeBalance } from '../../contract/exchange.js';
import { mostlyAsks } from '../../domain/exchange.js';
import { WEIGHTS } from '../../domain/nudges.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database>;

export interface ExchangeCounts {
  gives: number;
  asks: number;
  lastGiveAt: string | null;
  lastAskAt: string | null;
}

/**
 * The instant a balance window of `days` opens, and its calendar date: the start
 * of the UTC day `days` ago. Whole days, so that a balance says what its `since`
 * date says, and stays the same all day (the person page and Today are cached
 * by calendar date, src/http/read-cache.ts).
 */
export function windowStart(now: Date, days: number = WEIGHTS.giveFirst.windowDays) {
  const on = new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  return { at: `${on}T00:00:00.000Z`, on };
}

/**
 * Gives and asks per person since an instant, read through each person's
 * participant rows (indexed by person and time), live interactions only.
 */
export async function exchangeCounts(
  db: Q,
  workspaceId: string,
  personIds: readonly string[],
  sinceIso: string,
): Promise<Map<string, ExchangeCounts>> {
  const out = new Map<string, ExchangeCounts>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('interactionParticipants as ip')
    .innerJoin('interactions as i', (j) =>
      j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
    )
    .select((eb) => [
      'ip.personId',
      'i.exchange',
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.max('ip.occurredAt').as('last'),
    ])
    .where('ip.workspaceId', '=', workspaceId)
    .where('ip.personId', 'in', [...personIds])
    .where('ip.occurredAt', '>=', sinceIso)
    .where('i.deletedAt', 'is', null)
    .where('i.exchange', 'is not', null)
    .groupBy(['ip.personId', 'i.exchange'])
    .execute();
  for (const id of personIds) out.set(id, { gives: 0, asks: 0, lastGiveAt: null, lastAskAt: null });
  for (const r of rows) {
    const c = out.get(r.personId);
    if (!c) continue;
    if (r.exchange === 'give') {
      c.gives = Number(r.n);
      c.lastGiveAt = (r.last as string | null) ?? null;
    } else if (r.exchange === 'ask') {
      c.asks = Number(r.n);
      c.lastAskAt = (r.last as string | null) ?? null;
    }
  }
  return out;
}

export async function exchangeBalance(
  db: Q,
  workspaceId: string,
  personId: string,
  now: Date,
): Promise<ExchangeBalance> {
  const w = windowStart(now);
  const c = (await exchangeCounts(db, workspaceId, [personId], w.at)).get(personId) ?? {
    gives: 0,
    asks: 0,
    lastGiveAt: null,
    lastAskAt: null,
  };
  return { months: 12, since: w.on, ...c, mostlyAsks: mostlyAsks(c.gives, c.asks) };
}
