import type { MetChannel } from '../contract/common.js';
import type { OpportunityStage } from '../contract/opportunities.js';

/*
 * Which channel an opportunity came through, for the report, from the most
 * specific fact to the least: the conversation it came from (its channel is
 * in_person or online); else the event it came through (a virtual event is
 * online, every other kind in person); else how you met the source person (a
 * conference, meetup, coffee, work or school is in person; LinkedIn, an online
 * community or a virtual event online). An introduction or "other" says
 * nothing, so: unknown.
 */
const MET_CHANNEL: Record<MetChannel, 'in_person' | 'online' | 'unknown'> = {
  conference: 'in_person',
  seminar: 'in_person',
  meetup: 'in_person',
  coffee_chat: 'in_person',
  work: 'in_person',
  school: 'in_person',
  introduction: 'unknown',
  linkedin: 'online',
  online_community: 'online',
  virtual_event: 'online',
  other: 'unknown',
};

export function opportunityChannel(
  interactionChannel: string | null,
  sourceMetChannel: string | null,
  eventKind: string | null = null,
): 'in_person' | 'online' | 'unknown' {
  if (interactionChannel === 'in_person' || interactionChannel === 'online') return interactionChannel;
  if (eventKind) return eventKind === 'virtual' ? 'online' : 'in_person';
  if (sourceMetChannel && sourceMetChannel in MET_CHANNEL) return MET_CHANNEL[sourceMetChannel as MetChannel];
  return 'unknown';
}

export interface ReportInput {
  stage: OpportunityStage;
  valueAmount: number | null;
  valueCurrency: string | null;
}

export interface ReportRow {
  count: number;
  open: number;
  won: number;
  lost: number;
  wonValue: { currency: string; amount: number }[];
}

/** Counts and won value (per currency: amounts in different currencies are never added). */
export function tally(items: readonly ReportInput[]): ReportRow {
  const value = new Map<string, number>();
  let won = 0;
  let lost = 0;
  for (const o of items) {
    if (o.stage === 'won') {
      won++;
      if (o.valueAmount !== null && o.valueCurrency) {
        value.set(o.valueCurrency, (value.get(o.valueCurrency) ?? 0) + Number(o.valueAmount));
      }
    } else if (o.stage === 'lost') lost++;
  }
  return {
    count: items.length,
    open: items.length - won - lost,
    won,
    lost,
    wonValue: [...value]
      .map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }))
      .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency)),
  };
}

/** Groups, biggest producers first: won value, then won count, then count. */
export function groupReport<K, T extends ReportInput>(
  items: readonly T[],
  keyOf: (item: T) => string,
  labelOf: (item: T) => K,
): (ReportRow & { label: K })[] {
  const groups = new Map<string, T[]>();
  for (const i of items) {
    const key = keyOf(i);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  return [...groups.values()]
    .map((g) => ({ ...tally(g), label: labelOf(g[0] as T) }))
    .sort((a, b) => (b.wonValue[0]?.amount ?? 0) - (a.wonValue[0]?.amount ?? 0) || b.won - a.won || b.count - a.count);
}
