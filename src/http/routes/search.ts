import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function searchRoutes(app: FastifyInstance, s: Services) {
  route(app, e.search, ({ actor, query }) => s.search.search(actor, query));
  route(app, e.reindexSearch, ({ actor }) => s.search.reindex(actor));
}
