import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function opportunityRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listOpportunities, ({ actor, query }) => s.opportunities.list(actor, query));
  route(app, e.opportunityReport, ({ actor }) => s.opportunities.report(actor));
  route(app, e.createOpportunity, ({ actor, body }) => s.opportunities.create(actor, body));
  route(app, e.getOpportunity, ({ actor, params }) => s.opportunities.get(actor, params.id));
  route(app, e.updateOpportunity, ({ actor, params, body, ifMatch }) =>
    s.opportunities.update(actor, params.id, body, ifMatch),
  );
  route(app, e.moveOpportunity, ({ actor, params, body }) => s.opportunities.move(actor, params.id, body.stage));
  route(app, e.deleteOpportunity, ({ actor, params }) => s.opportunities.remove(actor, params.id));
}
