import { endpoint } from './endpoint.js';
import {
  ChannelInsight,
  CoolingInsight,
  CoolingQuery,
  GrowthInsight,
  InsightsQuery,
  OpportunitySourcesInsight,
  StrengthInsight,
  WeeklyInsight,
} from './insights.js';

/*
 * One endpoint per chart of the Insights page. The give/ask chart reads
 * `GET /api/v1/insights/give-ask` (giveAskInsights, declared with the rest of
 * give and ask in networking.endpoints.ts), which takes the same `months`.
 */
export const insightEndpoints = {
  growthInsights: endpoint({
    method: 'GET',
    path: '/api/v1/insights/growth',
    summary: 'Network growth: people added per month (how-we-met date, else the day added) and the running total',
    tag: 'insights',
    query: InsightsQuery,
    status: 200,
    response: GrowthInsight,
  }),
  weeklyInsights: endpoint({
    method: 'GET',
    path: '/api/v1/insights/weekly',
    summary: 'Interactions per week, online and in person',
    tag: 'insights',
    query: InsightsQuery,
    status: 200,
    response: WeeklyInsight,
  }),
  channelInsights: endpoint({
    method: 'GET',
    path: '/api/v1/insights/channels',
    summary: 'Channel mix: interactions online and in person, per kind',
    tag: 'insights',
    query: InsightsQuery,
    status: 200,
    response: ChannelInsight,
  }),
  strengthInsights: endpoint({
    method: 'GET',
    path: '/api/v1/insights/strength',
    summary: 'Spread of relationship strength now and at the start of the window, and how many warmed or cooled',
    tag: 'insights',
    query: InsightsQuery,
    status: 200,
    response: StrengthInsight,
  }),
  coolingInsights: endpoint({
    method: 'GET',
    path: '/api/v1/insights/cooling',
    summary: 'Cooling relationships of the inner and close circles, with the reason, largest drop first',
    tag: 'insights',
    query: CoolingQuery,
    status: 200,
    response: CoolingInsight,
  }),
  opportunityInsights: endpoint({
    method: 'GET',
    path: '/api/v1/insights/opportunities',
    summary: 'Opportunities opened in the window by source person, channel and event: counts and won value',
    tag: 'insights',
    query: InsightsQuery,
    status: 200,
    response: OpportunitySourcesInsight,
  }),
};
