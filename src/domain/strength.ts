import type { InteractionKind } from '../contract/common.js';

/*
 * Relationship strength, 0–100, from recency, frequency and depth of
 * interaction. Each interaction adds its depth, halved every `halfLifeDays`;
 * the sum saturates smoothly:
 *
 *   sum(t)      = Σ depth(kind_i) · 0.5^(age_i / halfLifeDays)
 *   strength(t) = 100 · (1 − e^(−sum(t) / scale))
 *
 * Trend compares strength now with `trendWindowDays` ago, from the same history.
 * docs/keep-in-touch.md explains the numbers.
 */

export const STRENGTH = {
  halfLifeDays: 90,
  scale: 4,
  /** Interactions older than this no longer count (they would add < 0.5 %). */
  horizonDays: 1095,
  trendWindowDays: 30,
  /** Points of change over the window that make a trend rather than noise. */
  trendThreshold: 3,
} as const;

/** How much one interaction of a kind says about a relationship. A coffee counts twelve likes. */
export const DEPTH: Record<InteractionKind, number> = {
  meal: 3.5,
  meeting: 3,
  coffee: 3,
  event_encounter: 2,
  video_call: 2,
  call: 2,
  introduction: 1.5,
  check_in: 1,
  congratulation: 1,
  message: 1,
  email: 1,
  article_share: 1,
  other: 1,
  online_engagement: 0.25,
};

/** Meaningful interactions reset the keep-in-touch clock; a like does not. */
export function isMeaningful(kind: InteractionKind): boolean {
  return DEPTH[kind] >= 1;
}

export type Trend = 'warming' | 'cooling' | 'steady';

export interface HistoryItem {
  kind: InteractionKind;
  /** ISO timestamp. */
  occurredAt: string;
}

const DAY_MS = 86_400_000;

function strengthSum(history: readonly HistoryItem[], at: number): number {
  let sum = 0;
  for (const h of history) {
    const age = (at - Date.parse(h.occurredAt)) / DAY_MS;
    if (age < 0 || age > STRENGTH.horizonDays) continue;
    sum += (DEPTH[h.kind] ?? 1) * 0.5 ** (age / STRENGTH.halfLifeDays);
  }
  return sum;
}

/** Strength at an instant, rounded to one decimal. */
export function strengthAt(history: readonly HistoryItem[], at: Date): number {
  const sum = strengthSum(history, at.getTime());
  return Math.round(1000 * (1 - Math.exp(-sum / STRENGTH.scale))) / 10;
}

export function trendAt(history: readonly HistoryItem[], at: Date): Trend {
  const now = strengthAt(history, at);
  const before = strengthAt(history, new Date(at.getTime() - STRENGTH.trendWindowDays * DAY_MS));
  const delta = now - before;
  if (delta >= STRENGTH.trendThreshold) return 'warming';
  if (delta <= -STRENGTH.trendThreshold) return 'cooling';
  return 'steady';
}

export function assessStrength(history: readonly HistoryItem[], at: Date): { strength: number; trend: Trend } {
  return { strength: strengthAt(history, at), trend: trendAt(history, at) };
}
