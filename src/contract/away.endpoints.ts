import { IdParams } from './common.js';
import { endpoint } from './endpoint.js';
import { AwayListQuery, AwayPeriod, AwayPeriodCreate, AwayPeriodList } from './away.js';

/* Away periods (docs/keep-in-touch.md, "Going away"): yours, in this workspace. */
export const awayEndpoints = {
  listAwayPeriods: endpoint({
    method: 'GET',
    path: '/api/v1/away-periods',
    summary: 'Your away periods, current and coming (and past ones with past=true), soonest first',
    tag: 'keep in touch',
    query: AwayListQuery,
    status: 200,
    response: AwayPeriodList,
  }),
  createAwayPeriod: endpoint({
    method: 'POST',
    path: '/api/v1/away-periods',
    summary: 'Record a period you will be away; Today brings forward check-ins that would fall due during it',
    tag: 'keep in touch',
    body: AwayPeriodCreate,
    status: 201,
    response: AwayPeriod,
  }),
  deleteAwayPeriod: endpoint({
    method: 'DELETE',
    path: '/api/v1/away-periods/:id',
    summary: 'Remove an away period',
    tag: 'keep in touch',
    params: IdParams,
    status: 204,
  }),
};
