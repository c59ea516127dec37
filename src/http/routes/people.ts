import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function peopleRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listPeople, ({ actor, query }) => s.people.list(actor, query));
  route(app, e.createPerson, ({ actor, body }) => s.people.create(actor, body));
  // Cached: the person page depends on the data and the UTC date (the give/ask window), nothing finer.
  route(app, e.getPerson, ({ actor, params }) => s.people.get(actor, params.id), { cache: true });
  route(app, e.updatePerson, ({ actor, params, body, ifMatch }) => s.people.update(actor, params.id, body, ifMatch));
  route(app, e.deletePerson, async ({ actor, params, ifMatch }) => s.people.remove(actor, params.id, ifMatch));
  route(app, e.restorePerson, ({ actor, params }) => s.people.restore(actor, params.id));
  route(app, e.listPersonInteractions, ({ actor, params, query }) =>
    s.interactions.listForPerson(actor, params.id, query),
  );
  route(app, e.listLearnings, ({ actor, params }) => s.people.listLearnings(actor, params.id));
  route(app, e.createLearning, ({ actor, params, body }) => s.people.addLearning(actor, params.id, body));
  route(app, e.deleteLearning, ({ actor, params }) => s.people.removeLearning(actor, params.id, params.learningId));
}
