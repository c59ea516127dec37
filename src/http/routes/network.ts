import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function networkRoutes(app: FastifyInstance, s: Services) {
  route(app, e.networkGraph, ({ actor, query }) => s.network.graph(actor, query));
}
