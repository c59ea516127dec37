import { IdParams } from './common.js';
import { endpoint } from './endpoint.js';
import {
  Introduction,
  IntroductionCreate,
  IntroductionList,
  IntroductionListQuery,
  IntroductionOutcomeInput,
  IntroductionStepInput,
} from './introductions.js';

export const introductionEndpoints = {
  listIntroductions: endpoint({
    method: 'GET',
    path: '/api/v1/introductions',
    summary: 'Introductions, open ones first, newest step first',
    tag: 'introductions',
    query: IntroductionListQuery,
    status: 200,
    response: IntroductionList,
  }),
  createIntroduction: endpoint({
    method: 'POST',
    path: '/api/v1/introductions',
    summary: 'Propose introducing two people; creates the follow-up to ask the first',
    tag: 'introductions',
    body: IntroductionCreate,
    status: 201,
    response: Introduction,
  }),
  getIntroduction: endpoint({
    method: 'GET',
    path: '/api/v1/introductions/:id',
    summary: 'One introduction with its history and next action',
    tag: 'introductions',
    params: IdParams,
    status: 200,
    response: Introduction,
  }),
  stepIntroduction: endpoint({
    method: 'POST',
    path: '/api/v1/introductions/:id/step',
    summary:
      "Advance an introduction (asked_a, a_agreed, a_declined, asked_b, b_agreed, b_declined, introduced); completes the step's follow-up and creates the next",
    tag: 'introductions',
    params: IdParams,
    body: IntroductionStepInput,
    status: 200,
    response: Introduction,
  }),
  recordIntroductionOutcome: endpoint({
    method: 'POST',
    path: '/api/v1/introductions/:id/outcome',
    summary: 'What came of an introduction that was made',
    tag: 'introductions',
    params: IdParams,
    body: IntroductionOutcomeInput,
    status: 200,
    response: Introduction,
  }),
  deleteIntroduction: endpoint({
    method: 'DELETE',
    path: '/api/v1/introductions/:id',
    summary: 'Delete an introduction (its open follow-up is cancelled; a connection it made stays)',
    tag: 'introductions',
    params: IdParams,
    status: 204,
  }),
};
