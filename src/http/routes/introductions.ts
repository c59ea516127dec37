import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function introductionRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listIntroductions, ({ actor, query }) => s.introductions.list(actor, query));
  route(app, e.createIntroduction, ({ actor, body }) => s.introductions.create(actor, body));
  route(app, e.getIntroduction, ({ actor, params }) => s.introductions.get(actor, params.id));
  route(app, e.stepIntroduction, ({ actor, params, body }) => s.introductions.step(actor, params.id, body));
  route(app, e.recordIntroductionOutcome, ({ actor, params, body }) => s.introductions.outcome(actor, params.id, body));
  route(app, e.deleteIntroduction, ({ actor, params }) => s.introductions.remove(actor, params.id));
}
