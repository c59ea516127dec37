import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function networkingRoutes(app: FastifyInstance, s: Services) {
  route(app, e.giveAskInsights, ({ actor, query }) => s.exchange.insights(actor, query));

  route(app, e.listEvents, ({ actor, query }) => s.events.list(actor, query));
  route(app, e.createEvent, ({ actor, body }) => s.events.create(actor, body));
  route(app, e.getEvent, ({ actor, params }) => s.events.get(actor, params.id));
  route(app, e.updateEvent, ({ actor, params, body, ifMatch }) => s.events.update(actor, params.id, body, ifMatch));
  route(app, e.deleteEvent, ({ actor, params }) => s.events.remove(actor, params.id));
  route(app, e.planEventPerson, ({ actor, params, body }) => s.events.plan(actor, params.id, body));
  route(app, e.metEventPerson, ({ actor, params, body }) => s.events.met(actor, params.id, body));
  route(app, e.removeEventPerson, ({ actor, params }) => s.events.removePerson(actor, params.id, params.personId));
  route(app, e.followUpEventPerson, ({ actor, params, body }) =>
    s.events.followUp(actor, params.id, params.personId, body),
  );
  route(app, e.undoEventFollowUp, ({ actor, params }) => s.events.undoFollowUp(actor, params.id, params.personId));
  route(app, e.listPersonEvents, ({ actor, params }) => s.events.ofPerson(actor, params.id));

  route(app, e.listResources, ({ actor, query }) => s.resources.list(actor, query));
  route(app, e.createResource, ({ actor, body }) => s.resources.create(actor, body));
  route(app, e.getResource, ({ actor, params }) => s.resources.get(actor, params.id));
  route(app, e.updateResource, ({ actor, params, body, ifMatch }) =>
    s.resources.update(actor, params.id, body, ifMatch),
  );
  route(app, e.deleteResource, ({ actor, params }) => s.resources.remove(actor, params.id));
  route(app, e.shareResource, ({ actor, params, body }) => s.resources.share(actor, params.id, body));
  route(app, e.suggestResourceRecipients, ({ actor, params, query }) => s.resources.suggest(actor, params.id, query));
}
