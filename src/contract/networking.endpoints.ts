import { endpoint } from './endpoint.js';
import { GiveAskInsights, GiveAskQuery } from './exchange.js';

/* Networking practices, part A: give and ask, events, resources. */
export const networkingEndpoints = {
  giveAskInsights: endpoint({
    method: 'GET',
    path: '/api/v1/insights/give-ask',
    summary: 'Gives and asks over the last months: totals, per month, and the people you mostly ask',
    tag: 'networking',
    query: GiveAskQuery,
    status: 200,
    response: GiveAskInsights,
  }),
};
