import { sql } from 'kysely';
import type { z } from 'zod';
import type { GiveAskInsights, GiveAskQuery } from '../contract/exchange.js';
import { mostlyAsks } from '../domain/exchange.js';
import { exchangeCounts, windowStart } from '../storage/repos/exchange.repo.js';
import type { Actor, ServiceDeps } from './context.js';

/** Give and ask across the network: the numbers an insights chart draws. */
export function exchangeService({ db, clock }: ServiceDeps) {
  const k = db.kysely;
  return {
    async insights(actor: Actor, q: z.output<typeof GiveAskQuery>): Promise<GiveAskInsights> {
      const ws = actor.workspaceId;
      const w = windowStart(clock.now(), Math.round((q.months * 365) / 12));
      const month = sql<string>`substr(i.occurred_at, 1, 7)`;
      const [byMonth, askers] = await Promise.all([
        k
          .selectFrom('interactions as i')
          .select((eb) => [month.as('month'), 'i.exchange', eb.fn.countAll<string | number>().as('n')])
          .where('i.workspaceId', '=', ws)
          .where('i.exchange', 'in', ['give', 'ask'])
          .where('i.occurredAt', '>=', w.at)
          .where('i.deletedAt', 'is', null)
          .groupBy([month, 'i.exchange'])
          .execute(),
        // Everyone you asked in the window (bounded: asks are few next to all interactions).
        k
          .selectFrom('interactions as i')
          .innerJoin('interactionParticipants as ip', (j) =>
            j.onRef('ip.workspaceId', '=', 'i.workspaceId').onRef('ip.interactionId', '=', 'i.id'),
          )
          .innerJoin('people as p', (j) =>
            j.onRef('p.workspaceId', '=', 'ip.workspaceId').onRef('p.id', '=', 'ip.personId'),
          )
          .select(['p.id', 'p.fullName', 'p.photoUrl'])
          .distinct()
          .where('i.workspaceId', '=', ws)
          .where('i.exchange', '=', 'ask')
          .where('i.occurredAt', '>=', w.at)
          .where('i.deletedAt', 'is', null)
          .where('p.deletedAt', 'is', null)
          .limit(500)
          .execute(),
      ]);
      const months = new Map<string, { month: string; gives: number; asks: number }>();
      let gives = 0;
      let asks = 0;
      for (const r of byMonth) {
        const m = months.get(r.month) ?? { month: r.month, gives: 0, asks: 0 };
        const n = Number(r.n);
        if (r.exchange === 'give') {
          m.gives += n;
          gives += n;
        } else {
          m.asks += n;
          asks += n;
        }
        months.set(r.month, m);
      }
      const counts = await exchangeCounts(
        k,
        ws,
        askers.map((p) => p.id),
        w.at,
      );
      const askHeavy = askers
        .map((p) => ({ person: p, ...(counts.get(p.id) ?? { gives: 0, asks: 0 }) }))
        .filter((x) => mostlyAsks(x.gives, x.asks))
        .sort((a, b) => b.asks - b.gives - (a.asks - a.gives) || a.person.fullName.localeCompare(b.person.fullName))
        .slice(0, 20)
        .map((x) => ({ person: x.person, gives: x.gives, asks: x.asks }));
      return {
        months: q.months,
        since: w.on,
        gives,
        asks,
        byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
        askHeavy,
      };
    },
  };
}
