import { endpoint } from './endpoint.js';
import { SearchQuery, SearchReindexed, SearchResult } from './search.js';

export const searchEndpoints = {
  search: endpoint({
    method: 'GET',
    path: '/api/v1/search',
    summary: 'Search people, organisations, notes, things learned, interactions, events and resources',
    tag: 'search',
    query: SearchQuery,
    status: 200,
    response: SearchResult,
  }),
  reindexSearch: endpoint({
    method: 'POST',
    path: '/api/v1/search/reindex',
    summary: "Rebuild the workspace's search index from its data (after an upgrade or a restore)",
    tag: 'search',
    status: 200,
    response: SearchReindexed,
  }),
};
