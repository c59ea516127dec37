import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function followUpRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listFollowUps, ({ actor, query }) => s.followUps.list(actor, query));
  route(app, e.createFollowUp, ({ actor, body }) => s.followUps.create(actor, body));
  route(app, e.getFollowUp, ({ actor, params }) => s.followUps.get(actor, params.id));
  route(app, e.updateFollowUp, ({ actor, params, body, ifMatch }) =>
    s.followUps.update(actor, params.id, body, ifMatch),
  );
  route(app, e.deleteFollowUp, ({ actor, params }) => s.followUps.remove(actor, params.id));
  route(app, e.completeFollowUp, ({ actor, params, body }) => s.followUps.complete(actor, params.id, body));
  route(app, e.snoozeFollowUp, ({ actor, params, body }) => s.followUps.snooze(actor, params.id, body));
}
