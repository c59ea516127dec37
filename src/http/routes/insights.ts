import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

/* The charts of the Insights page; give and ask is in networking.ts. */
export function insightRoutes(app: FastifyInstance, s: Services) {
  route(app, e.growthInsights, ({ actor, query }) => s.insights.growth(actor, query));
  route(app, e.weeklyInsights, ({ actor, query }) => s.insights.weekly(actor, query));
  route(app, e.channelInsights, ({ actor, query }) => s.insights.channels(actor, query));
  route(app, e.strengthInsights, ({ actor, query }) => s.insights.strength(actor, query));
  route(app, e.coolingInsights, ({ actor, query }) => s.insights.cooling(actor, query));
  route(app, e.opportunityInsights, ({ actor, query }) => s.insights.opportunities(actor, query));
}
