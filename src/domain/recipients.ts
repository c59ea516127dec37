import { type IsoDate, daysBetween } from './dates.js';
import { WEIGHTS } from './nudges.js';

/*
 * "Who should get this?": people whose topics match a resource, preferring
 * those due for a check-in (sharing something useful is the best check-in).
 * Pure; storage gathers the candidates, minus everyone who already got it.
 */

export interface RecipientCandidate {
  id: string;
  fullName: string;
  matchedTopics: string[];
  nextDueOn: IsoDate | null;
  cadenceDays: number | null;
  strength: number;
}

function topicList(t: string[]): string {
  if (t.length <= 1) return t[0] ?? '';
  return `${t.slice(0, -1).join(', ')} and ${t[t.length - 1]}`;
}

export function rankRecipients<C extends RecipientCandidate>(
  candidates: readonly C[],
  today: IsoDate,
  limit: number,
): (C & { score: number; reason: string })[] {
  const W = WEIGHTS.recipients;
  return candidates
    .map((c) => {
      let score = c.matchedTopics.length * W.perTopic + Math.max(0, Math.min(100, c.strength)) * W.strength;
      let when = '';
      if (c.nextDueOn) {
        const late = daysBetween(c.nextDueOn, today);
        if (late >= 0) {
          score += W.due + Math.min(late / (c.cadenceDays ?? 30), 2) * W.overduePerCadence;
          when =
            late === 0
              ? 'due for a check-in today'
              : `due for a check-in (${late} ${late === 1 ? 'day' : 'days'} overdue)`;
        } else if (-late <= W.soonDays) {
          score += W.soon;
          when = `due for a check-in in ${-late} ${late === -1 ? 'day' : 'days'}`;
        }
      }
      const reason = `Interested in ${topicList(c.matchedTopics)}${when ? `; ${when}` : ''}.`;
      return { ...c, score: Math.round(score * 10) / 10, reason };
    })
    .sort((a, b) => b.score - a.score || a.fullName.localeCompare(b.fullName) || a.id.localeCompare(b.id))
    .slice(0, limit);
}
