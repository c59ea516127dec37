import { endpoint } from './endpoint.js';
import { NetworkGraph, NetworkGraphQuery } from './network.js';

export const networkEndpoints = {
  networkGraph: endpoint({
    method: 'GET',
    path: '/api/v1/network/graph',
    summary: 'People, organisations and connections as one graph for the map, strongest people first',
    tag: 'network',
    query: NetworkGraphQuery,
    status: 200,
    response: NetworkGraph,
  }),
};
