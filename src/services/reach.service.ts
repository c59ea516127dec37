import type { z } from 'zod';
import type { ReachEntry, ReachQuery, ReachResult, StrengthBand } from '../contract/reach.js';
import { type Circle, youWeight } from '../domain/intro-paths.js';
import { escapeLike } from '../domain/text.js';
import { ValidationError } from '../lib/errors.js';
import type { UserRow } from '../storage/schema.js';
import type { ServiceDeps } from './context.js';
import type { Policy } from './policy.js';

/*
 * Team reach. Each member decides, per team, whether colleagues may see whom
 * they know (workspace_members.share_reach). The answer is read live from each
 * sharing member's personal workspace — one query per member, each filtered by
 * that member's workspace_id — selecting only the public face of a contact.
 * Nothing is copied into the team, so opting out (or leaving the team) hides
 * a member's contacts from the next request on, and there is no copy to go
 * stale or to leak. Matching looks only at the columns it returns (name,
 * headline, role, organisation), so a query cannot probe notes or emails.
 */

const PER_MEMBER = 50;
const TOTAL = 100;
const MAX_MEMBERS = 200;

export function strengthBand(p: { circle: string; strength: number }): StrengthBand {
  const w = youWeight({ circle: p.circle as Circle, strength: p.strength });
  if (w >= 0.8) return 'very close';
  if (w >= 0.6) return 'close';
  if (w >= 0.3) return 'knows';
  return 'barely';
}

export function reachService({ db }: ServiceDeps, policy: Policy) {
  const k = db.kysely;

  async function sharingMembers(teamId: string) {
    return k
      .selectFrom('workspaceMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['u.id', 'u.displayName', 'u.workspaceId'])
      .where('m.workspaceId', '=', teamId)
      .where('m.shareReach', '=', 1)
      .orderBy('u.displayName')
      .orderBy('u.id')
      .limit(MAX_MEMBERS)
      .execute();
  }

  async function mine(user: UserRow, teamId: string) {
    const m = await k
      .selectFrom('workspaceMembers')
      .select('shareReach')
      .where('workspaceId', '=', teamId)
      .where('userId', '=', user.id)
      .executeTakeFirst();
    return m?.shareReach === 1;
  }

  return {
    async find(user: UserRow, teamId: string, query: z.output<typeof ReachQuery>): Promise<ReachResult> {
      await policy.requireMember(user, teamId);
      if (query.org === undefined && query.q === undefined) {
        throw ValidationError([
          { path: 'query.org', message: 'say whom to look for: org=<organisation> or q=<words>' },
        ]);
      }
      const members = await sharingMembers(teamId);
      const items: (ReachEntry & { w: number })[] = [];
      const org = query.org?.toLowerCase();
      const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
      for (const m of members) {
        let q = k
          .selectFrom('people as p')
          .leftJoin('organisations as o', (j) =>
            j
              .onRef('o.workspaceId', '=', 'p.workspaceId')
              .onRef('o.id', '=', 'p.organisationId')
              .on('o.deletedAt', 'is', null),
          )
          .select(['p.fullName', 'p.headline', 'p.roleTitle', 'p.circle', 'p.strength', 'o.name as organisation'])
          .where('p.workspaceId', '=', m.workspaceId)
          .where('p.deletedAt', 'is', null);
        if (org) q = q.where((eb) => eb(eb.fn('lower', ['o.name']), 'like', `%${escapeLike(org)}%`));
        for (const w of words) {
          const pat = `%${escapeLike(w)}%`;
          q = q.where((eb) =>
            eb.or([
              eb(eb.fn('lower', ['p.fullName']), 'like', pat),
              eb(eb.fn('lower', [eb.fn.coalesce('p.headline', eb.val(''))]), 'like', pat),
              eb(eb.fn('lower', [eb.fn.coalesce('p.roleTitle', eb.val(''))]), 'like', pat),
              eb(eb.fn('lower', [eb.fn.coalesce('o.name', eb.val(''))]), 'like', pat),
            ]),
          );
        }
        const rows = await q.orderBy('p.strength', 'desc').orderBy('p.sortName').limit(PER_MEMBER).execute();
        for (const r of rows) {
          const p = { circle: r.circle, strength: Number(r.strength) };
          items.push({
            contact: {
              fullName: r.fullName,
              headline: r.headline,
              role: r.roleTitle,
              organisation: r.organisation ?? null,
            },
            connector: { userId: m.id, displayName: m.displayName },
            strength: strengthBand(p),
            w: youWeight({ circle: p.circle as Circle, strength: p.strength }),
          });
        }
      }
      items.sort((a, b) => b.w - a.w || a.contact.fullName.localeCompare(b.contact.fullName));
      return {
        items: items.slice(0, TOTAL).map(({ w: _w, ...e }) => e),
        sharing: await mine(user, teamId),
        sharingMembers: members.length,
      };
    },

    async sharing(user: UserRow, teamId: string) {
      await policy.requireMember(user, teamId);
      return { share: await mine(user, teamId), sharingMembers: (await sharingMembers(teamId)).length };
    },

    async setSharing(user: UserRow, teamId: string, share: boolean) {
      await policy.requireMember(user, teamId);
      await k
        .updateTable('workspaceMembers')
        .set({ shareReach: share ? 1 : 0 })
        .where('workspaceId', '=', teamId)
        .where('userId', '=', user.id)
        .execute();
      return { share, sharingMembers: (await sharingMembers(teamId)).length };
    },
  };
}
