import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function keepInTouchRoutes(app: FastifyInstance, s: Services) {
  // Cached: Today depends on the data and on calendar dates (the workspace's, UTC, people's own zones).
  route(app, e.getToday, ({ actor, query }) => s.today.today(actor, query), { cache: true });
  route(app, e.getGoal, ({ actor, query }) => s.today.goal(actor, query.weeks));
  route(app, e.getSettings, ({ actor }) => s.settings.get(actor));
  route(app, e.updateSettings, ({ actor, body }) => s.settings.update(actor, body));
  route(app, e.snoozePerson, ({ actor, params, body }) => s.today.snoozePerson(actor, params.id, body));
  route(app, e.unsnoozePerson, ({ actor, params }) => s.today.unsnoozePerson(actor, params.id));
  route(app, e.getDraft, ({ actor, params, query }) => s.today.draft(actor, params.id, query));
  route(app, e.dismissNudge, ({ actor, params }) => s.today.dismissNudge(actor, params.key));
  route(app, e.completeNudge, ({ actor, params, body }) => s.today.completeNudge(actor, params.key, body));
}
