import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function interactionRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listInteractions, ({ actor, query }) => s.interactions.list(actor, query));
  route(app, e.createInteraction, ({ actor, body }) => s.interactions.create(actor, body));
  route(app, e.getInteraction, ({ actor, params }) => s.interactions.get(actor, params.id));
  route(app, e.updateInteraction, ({ actor, params, body, ifMatch }) =>
    s.interactions.update(actor, params.id, body, ifMatch),
  );
  route(app, e.deleteInteraction, ({ actor, params }) => s.interactions.remove(actor, params.id));
  route(app, e.restoreInteraction, ({ actor, params }) => s.interactions.restore(actor, params.id));
}
