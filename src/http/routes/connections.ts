import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function connectionRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listPersonConnections, ({ actor, params }) => s.connections.listOf(actor, params.id));
  route(app, e.listIntroducedPeople, ({ actor, params }) => s.connections.introducedPeople(actor, params.id));
  route(app, e.createConnection, ({ actor, body }) => s.connections.create(actor, body));
  route(app, e.updateConnection, ({ actor, params, body }) => s.connections.update(actor, params.id, body));
  route(app, e.deleteConnection, ({ actor, params }) => s.connections.remove(actor, params.id));
}
