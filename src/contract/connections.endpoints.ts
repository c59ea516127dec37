import { IdParams } from './common.js';
import { Connection, ConnectionCreate, ConnectionList, ConnectionUpdate, IntroducedPeople } from './connections.js';
import { endpoint } from './endpoint.js';

export const connectionEndpoints = {
  listPersonConnections: endpoint({
    method: 'GET',
    path: '/api/v1/people/:id/connections',
    summary: "A person's connections to other people of the workspace, strongest first",
    tag: 'connections',
    params: IdParams,
    status: 200,
    response: ConnectionList,
  }),
  listIntroducedPeople: endpoint({
    method: 'GET',
    path: '/api/v1/people/:id/introduced-people',
    summary: 'The people this person introduced you to (their "introduced by")',
    tag: 'connections',
    params: IdParams,
    status: 200,
    response: IntroducedPeople,
  }),
  createConnection: endpoint({
    method: 'POST',
    path: '/api/v1/connections',
    summary: 'Record that two people are connected (one connection per pair and kind)',
    tag: 'connections',
    body: ConnectionCreate,
    status: 201,
    response: Connection,
  }),
  updateConnection: endpoint({
    method: 'PATCH',
    path: '/api/v1/connections/:id',
    summary: "Change a connection's strength or note",
    tag: 'connections',
    params: IdParams,
    body: ConnectionUpdate,
    status: 200,
    response: Connection,
  }),
  deleteConnection: endpoint({
    method: 'DELETE',
    path: '/api/v1/connections/:id',
    summary: 'Remove a connection',
    tag: 'connections',
    params: IdParams,
    status: 204,
  }),
};
