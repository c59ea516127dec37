import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { requireUser } from '../auth.js';
import { route } from '../route.js';

export function reachRoutes(app: FastifyInstance, s: Services) {
  route(app, e.findTeamReach, ({ req, params, query }) => s.reach.find(requireUser(req), params.id, query));
  route(app, e.getReachSharing, ({ req, params }) => s.reach.sharing(requireUser(req), params.id));
  route(app, e.setReachSharing, ({ req, params, body }) => s.reach.setSharing(requireUser(req), params.id, body.share));
}
