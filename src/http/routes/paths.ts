import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function pathRoutes(app: FastifyInstance, s: Services) {
  route(app, e.findPaths, ({ actor, query }) => s.paths.find(actor, query));
}
