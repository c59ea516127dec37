import { endpoint } from './endpoint.js';
import { PathQuery, PathResult } from './paths.js';

export const pathEndpoints = {
  findPaths: endpoint({
    method: 'GET',
    path: '/api/v1/paths',
    summary: 'The warmest introduction paths from you to a person, an organisation, a role or a topic',
    tag: 'network',
    query: PathQuery,
    status: 200,
    response: PathResult,
  }),
};
