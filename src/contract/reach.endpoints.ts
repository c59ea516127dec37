import { IdParams } from './common.js';
import { endpoint } from './endpoint.js';
import { ReachQuery, ReachResult, ReachSharing, ReachSharingState } from './reach.js';

export const reachEndpoints = {
  findTeamReach: endpoint({
    method: 'GET',
    path: '/api/v1/workspaces/:id/reach',
    summary:
      'Who on the team knows someone at an organisation (members who opted in only; names, roles and a strength band, nothing private)',
    tag: 'workspaces',
    params: IdParams,
    query: ReachQuery,
    status: 200,
    response: ReachResult,
  }),
  getReachSharing: endpoint({
    method: 'GET',
    path: '/api/v1/workspaces/:id/reach/sharing',
    summary: 'Whether you share whom you know with this team, and how many members do',
    tag: 'workspaces',
    params: IdParams,
    status: 200,
    response: ReachSharingState,
  }),
  setReachSharing: endpoint({
    method: 'PUT',
    path: '/api/v1/workspaces/:id/reach/sharing',
    summary: 'Opt in or out of sharing whom you know with this team; opting out takes effect at once',
    tag: 'workspaces',
    params: IdParams,
    body: ReachSharing,
    status: 200,
    response: ReachSharingState,
  }),
};
