import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function labelRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listTags, ({ actor }) => s.tags.list(actor));
  route(app, e.createTag, ({ actor, body }) => s.tags.create(actor, body));
  route(app, e.updateTag, ({ actor, params, body }) => s.tags.update(actor, params.id, body));
  route(app, e.deleteTag, ({ actor, params }) => s.tags.remove(actor, params.id));
  route(app, e.listTopics, ({ actor }) => s.topics.list(actor));
}
