import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

/*
 * The charts of the Insights page; give and ask is in networking.ts. Each is an aggregate over
 * the workspace (at 100k people and a million interactions, up to 0.8 s for a year's window), and
 * depends only on the data and the workspace's calendar date: a repeated view is served from
 * the read cache until something is written.
 */
export function insightRoutes(app: FastifyInstance, s: Services) {
  route(app, e.growthInsights, ({ actor, query }) => s.insights.growth(actor, query), { cache: true });
  route(app, e.weeklyInsights, ({ actor, query }) => s.insights.weekly(actor, query), { cache: true });
  route(app, e.channelInsights, ({ actor, query }) => s.insights.channels(actor, query), { cache: true });
  route(app, e.strengthInsights, ({ actor, query }) => s.insights.strength(actor, query), { cache: true });
  route(app, e.coolingInsights, ({ actor, query }) => s.insights.cooling(actor, query), { cache: true });
  route(app, e.opportunityInsights, ({ actor, query }) => s.insights.opportunities(actor, query), { cache: true });
}
