import { z } from 'zod';
import { NetPerson } from './connections.js';
import { Id, Limit, Timestamp, text } from './common.js';

/* Double-opt-in introductions: ask A, ask B, and only then introduce them. */

export const INTRO_STEPS = [
  'proposed',
  'asked_a',
  'a_agreed',
  'a_declined',
  'asked_b',
  'b_agreed',
  'b_declined',
  'introduced',
] as const;
export const IntroStep = z.enum(INTRO_STEPS, { message: `must be one of ${INTRO_STEPS.join(', ')}` });
export type IntroStep = z.infer<typeof IntroStep>;

export const INTRO_OUTCOMES = ['met', 'working_together', 'nothing', 'other'] as const;
export const IntroOutcome = z.enum(INTRO_OUTCOMES, { message: `must be one of ${INTRO_OUTCOMES.join(', ')}` });
export type IntroOutcome = z.infer<typeof IntroOutcome>;

export const IntroStatus = z.enum(['open', 'done', 'declined']);

export const Introduction = z.object({
  id: Id,
  version: z.number().int(),
  personA: NetPerson.describe('Asked first'),
  personB: NetPerson,
  reason: z.string(),
  step: IntroStep,
  stepAt: Timestamp.describe('When the current step was reached'),
  status: IntroStatus.describe('open until declined or an outcome is recorded'),
  nextSteps: z.array(IntroStep).describe('The steps allowed from here'),
  nextAction: z.string().nullable().describe('What to do next, in words; null when nothing is left'),
  history: z.array(z.object({ step: IntroStep, at: Timestamp, note: z.string() })),
  outcome: IntroOutcome.nullable(),
  outcomeNote: z.string(),
  followUpId: Id.nullable().describe('The open follow-up of the next action'),
  connectionId: Id.nullable(),
  interactionId: Id.nullable().describe('The introduction logged when it was made'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Introduction = z.infer<typeof Introduction>;

export const IntroductionCreate = z.strictObject({
  personAId: Id.describe('Asked first'),
  personBId: Id,
  reason: text(1000).optional().describe('Why they should meet'),
});
export type IntroductionCreate = z.input<typeof IntroductionCreate>;

export const IntroductionStepInput = z.strictObject({
  step: IntroStep,
  note: text(2000).optional(),
});
export type IntroductionStepInput = z.input<typeof IntroductionStepInput>;

export const IntroductionOutcomeInput = z.strictObject({
  outcome: IntroOutcome,
  note: text(2000).optional(),
});
export type IntroductionOutcomeInput = z.input<typeof IntroductionOutcomeInput>;

export const IntroductionListQuery = z.strictObject({
  status: z.enum(['open', 'done', 'declined', 'all']).default('all'),
  personId: Id.optional(),
  limit: Limit,
});
export type IntroductionListQuery = z.input<typeof IntroductionListQuery>;

export const IntroductionList = z.object({ items: z.array(Introduction) });
