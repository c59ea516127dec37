import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function awayRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listAwayPeriods, ({ actor, query }) => s.away.list(actor, query));
  route(app, e.createAwayPeriod, ({ actor, body }) => s.away.create(actor, body));
  route(app, e.deleteAwayPeriod, ({ actor, params }) => s.away.remove(actor, params.id));
}
