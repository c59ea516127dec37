import type { ConnectionKind } from '../../../../src/contract/connections';
import type { IntroOutcome, IntroStep } from '../../../../src/contract/introductions';
import type { OpportunityKind, OpportunityRole, OpportunityStage } from '../../../../src/contract/opportunities';
import type { api } from '../../lib/api';

export type Opportunity = Awaited<ReturnType<typeof api.getOpportunity>>;
export type OpportunityReport = Awaited<ReturnType<typeof api.opportunityReport>>;
export type Introduction = Awaited<ReturnType<typeof api.getIntroduction>>;
export type Connection = Awaited<ReturnType<typeof api.createConnection>>;

export const STAGES: OpportunityStage[] = ['lead', 'contacted', 'in_progress', 'won', 'lost'];

export const stageLabel: Record<OpportunityStage, string> = {
  lead: 'Lead',
  contacted: 'Contacted',
  in_progress: 'In progress',
  won: 'Won',
  lost: 'Lost',
};

export const stageColor: Record<OpportunityStage, string> = {
  lead: 'gray',
  contacted: 'blue',
  in_progress: 'violet',
  won: 'sage',
  lost: 'orange',
};

export const KINDS: OpportunityKind[] = [
  'job_lead',
  'referral',
  'partnership',
  'client',
  'speaking',
  'investment',
  'other',
];

export const kindLabel: Record<OpportunityKind, string> = {
  job_lead: 'Job lead',
  referral: 'Referral',
  partnership: 'Partnership',
  client: 'Client',
  speaking: 'Speaking slot',
  investment: 'Investment',
  other: 'Other',
};

export const roleLabel: Record<OpportunityRole, string> = {
  source: 'came through',
  referrer: 'referred by',
  contact: 'contact',
  other: 'involved',
};

export const stepLabel: Record<IntroStep, string> = {
  proposed: 'Proposed',
  asked_a: 'Asked A',
  a_agreed: 'A agreed',
  a_declined: 'A declined',
  asked_b: 'Asked B',
  b_agreed: 'B agreed',
  b_declined: 'B declined',
  introduced: 'Introduced',
};

export const outcomeLabel: Record<IntroOutcome, string> = {
  met: 'They met',
  working_together: 'Working together',
  nothing: 'Nothing came of it',
  other: 'Something else',
};

export const connectionKindLabel: Record<ConnectionKind, string> = {
  knows: 'Knows',
  worked_with: 'Worked with',
  introduced: 'Introduced by you',
  family: 'Family',
  reports_to: 'Reports to',
};

/** The button that takes an introduction to a step, named from who did what. */
export function stepAction(step: IntroStep, i: Pick<Introduction, 'personA' | 'personB'>): string {
  const a = i.personA.fullName.split(' ')[0] ?? i.personA.fullName;
  const b = i.personB.fullName.split(' ')[0] ?? i.personB.fullName;
  switch (step) {
    case 'asked_a':
      return `I asked ${a}`;
    case 'a_agreed':
      return `${a} agreed`;
    case 'a_declined':
      return `${a} declined`;
    case 'asked_b':
      return `I asked ${b}`;
    case 'b_agreed':
      return `${b} agreed`;
    case 'b_declined':
      return `${b} declined`;
    case 'introduced':
      return 'Mark introduced';
    case 'proposed':
      return 'Proposed';
  }
}

/** The order of the double opt-in, for the progress line. */
export const HAPPY_PATH: IntroStep[] = ['proposed', 'asked_a', 'a_agreed', 'asked_b', 'b_agreed', 'introduced'];

export function money(v: { amount: number; currency: string } | null | undefined): string | null {
  if (!v) return null;
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: v.currency,
      maximumFractionDigits: 0,
    }).format(v.amount);
  } catch {
    return `${v.amount.toLocaleString()} ${v.currency}`;
  }
}

export const netKeys = {
  opportunities: ['opportunities'] as const,
  opportunityList: (q: object) => ['opportunities', 'list', q] as const,
  report: ['opportunities', 'report'] as const,
  introductions: ['introductions'] as const,
  introductionList: (q: object) => ['introductions', 'list', q] as const,
  connections: (personId: string) => ['connections', personId] as const,
  introducedPeople: (personId: string) => ['connections', 'introduced', personId] as const,
};
