import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function networkingRoutes(app: FastifyInstance, s: Services) {
  route(app, e.giveAskInsights, ({ actor, query }) => s.exchange.insights(actor, query));
}
