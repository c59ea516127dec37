import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function organisationRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listOrganisations, ({ actor, query }) => s.organisations.list(actor, query));
  route(app, e.createOrganisation, ({ actor, body }) => s.organisations.create(actor, body));
  route(app, e.getOrganisation, ({ actor, params }) => s.organisations.get(actor, params.id));
  route(app, e.updateOrganisation, ({ actor, params, body, ifMatch }) =>
    s.organisations.update(actor, params.id, body, ifMatch),
  );
  route(app, e.deleteOrganisation, ({ actor, params }) => s.organisations.remove(actor, params.id));
  route(app, e.restoreOrganisation, ({ actor, params }) => s.organisations.restore(actor, params.id));
}
