import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export function dedupeRoutes(app: FastifyInstance, s: Services) {
  // Every person and contact point of the workspace is compared (seconds at 100k people): a
  // repeated view is served from the read cache until something is written.
  route(app, e.listDuplicates, ({ actor, query }) => s.dedupe.list(actor, query), { cache: true });
  route(app, e.dismissDuplicate, ({ actor, body }) => s.dedupe.dismiss(actor, body));
  route(app, e.mergePeople, ({ actor, body }) => s.dedupe.merge(actor, body));
  route(app, e.listMerges, ({ actor, query }) => s.dedupe.listMerges(actor, query));
  route(app, e.undoMerge, ({ actor, params }) => s.dedupe.undo(actor, params.id));
}
