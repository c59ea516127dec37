import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function achievementRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listPersonAchievements, ({ actor, params }) => s.achievements.listForPerson(actor, params.id));
  route(app, e.createAchievement, ({ actor, params, body }) => s.achievements.create(actor, params.id, body));
  route(app, e.listAchievements, ({ actor, query }) => s.achievements.list(actor, query));
  route(app, e.getAchievement, ({ actor, params }) => s.achievements.get(actor, params.id));
  route(app, e.updateAchievement, ({ actor, params, body }) => s.achievements.update(actor, params.id, body));
  route(app, e.deleteAchievement, ({ actor, params }) => s.achievements.remove(actor, params.id));
}
