import type { IntroStep } from '../contract/introductions.js';

/*
 * The double-opt-in introduction as a small state machine: ask A first, and
 * only when A agrees ask B; introduce them only when both said yes. Each step
 * names the next action, which becomes a follow-up so it shows on Today.
 */

export const INTRO_NEXT: Record<IntroStep, readonly IntroStep[]> = {
  proposed: ['asked_a'],
  asked_a: ['a_agreed', 'a_declined'],
  a_agreed: ['asked_b'],
  a_declined: [],
  asked_b: ['b_agreed', 'b_declined'],
  b_agreed: ['introduced'],
  b_declined: [],
  introduced: [],
};

/** Steps where the introduction waits on you (or on an answer) to move on. */
export const WAITING_STEPS: readonly IntroStep[] = ['proposed', 'asked_a', 'a_agreed', 'asked_b', 'b_agreed'];

export const DECLINED_STEPS: ReadonlySet<IntroStep> = new Set(['a_declined', 'b_declined']);

export function canMove(from: IntroStep, to: IntroStep): boolean {
  return INTRO_NEXT[from].includes(to);
}

export interface IntroNames {
  a: string;
  b: string;
}

export interface NextAction {
  title: string;
  /** Who the follow-up is with: A, B or both. */
  with: 'a' | 'b' | 'both';
  /** Days from today it is due: asking is due now, hearing back after a few days. */
  dueInDays: number;
}

/** The next action after reaching a step (and before an outcome); null when nothing is left to do. */
export function nextAction(step: IntroStep, n: IntroNames, hasOutcome = false): NextAction | null {
  switch (step) {
    case 'proposed':
      return { title: `Ask ${n.a} whether they would like to meet ${n.b}`, with: 'a', dueInDays: 0 };
    case 'asked_a':
      return { title: `Hear back from ${n.a} about meeting ${n.b}`, with: 'a', dueInDays: 3 };
    case 'a_agreed':
      return { title: `Ask ${n.b} whether they would like to meet ${n.a}`, with: 'b', dueInDays: 0 };
    case 'asked_b':
      return { title: `Hear back from ${n.b} about meeting ${n.a}`, with: 'b', dueInDays: 3 };
    case 'b_agreed':
      return { title: `Introduce ${n.a} and ${n.b}`, with: 'both', dueInDays: 0 };
    case 'introduced':
      return hasOutcome
        ? null
        : { title: `Ask ${n.a} and ${n.b} how the introduction went`, with: 'both', dueInDays: 14 };
    case 'a_declined':
    case 'b_declined':
      return null;
  }
}

/** Why a move is refused, in words a person can act on. */
export function refusal(from: IntroStep, to: IntroStep): string {
  const next = INTRO_NEXT[from];
  if (next.length === 0) {
    return `It is ${from.replace('_', ' ')}, the last step${from === 'introduced' ? ': record the outcome instead' : ''}.`;
  }
  return `From ${from} the next step is ${next.join(' or ')}, not ${to}${
    to === 'asked_b' || to === 'b_agreed' || to === 'introduced' ? ' (double opt-in: ask A first, then B)' : ''
  }.`;
}
