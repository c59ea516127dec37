import type { InteractionKind } from '../contract/common.js';
import { type Exchange, type ExchangeKind, kindsOf } from '../contract/exchange.js';
import { WEIGHTS } from './nudges.js';

/*
 * Give and ask rules, pure. An interaction is a give or an ask when the user
 * says so; a few kinds are gives by nature (an article shared, an introduction
 * made, a congratulation), so they count without being marked.
 */

const IMPLIED_GIVE: Partial<Record<InteractionKind, ExchangeKind>> = {
  article_share: 'shared',
  introduction: 'introduction',
  congratulation: 'congratulation',
};

export type ExchangeProblem = { path: 'exchange' | 'exchangeKind'; message: string };

/**
 * The stored exchange of an interaction. `exchange` undefined means "not said":
 * the kind may imply a give. Null means "neither". Returns a problem for a kind
 * that does not belong to its side (an ask of kind "shared") or a kind without a side.
 */
export function resolveExchange(
  kind: InteractionKind,
  exchange: Exchange | null | undefined,
  exchangeKind: ExchangeKind | null | undefined,
): { exchange: Exchange | null; exchangeKind: ExchangeKind | null } | ExchangeProblem {
  if (exchange === undefined) {
    if (exchangeKind) return { path: 'exchange', message: 'say whether it was a give or an ask' };
    const implied = IMPLIED_GIVE[kind];
    return implied ? { exchange: 'give', exchangeKind: implied } : { exchange: null, exchangeKind: null };
  }
  if (exchange === null) {
    if (exchangeKind) return { path: 'exchange', message: 'say whether it was a give or an ask' };
    return { exchange: null, exchangeKind: null };
  }
  const k = exchangeKind ?? 'other';
  if (!kindsOf(exchange).includes(k)) {
    return {
      path: 'exchangeKind',
      message: `must be one of ${kindsOf(exchange).join(', ')} for ${exchange === 'give' ? 'a give' : 'an ask'}`,
    };
  }
  return { exchange, exchangeKind: k };
}

/** You mostly ask: more asks than gives, and at least a few asks (one favour is not a pattern). */
export function mostlyAsks(gives: number, asks: number): boolean {
  return asks >= WEIGHTS.giveFirst.minAsks && asks > gives;
}
