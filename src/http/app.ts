import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { LogLevel } from '../config.js';
import { endpoints } from '../contract/endpoints.js';
import { packageRoot, version } from '../lib/package.js';
import type { Actor } from '../services/context.js';
import { createServices } from '../services/index.js';
import { ensureLocalWorkspace } from '../services/workspaces.service.js';
import type { Db } from '../storage/db.js';
import { DOCS_HTML, DOCS_JS } from './docs-page.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { route } from './route.js';
import { achievementRoutes } from './routes/achievements.js';
import { followUpRoutes } from './routes/follow-ups.js';
import { interactionRoutes } from './routes/interactions.js';
import { keepInTouchRoutes } from './routes/keep-in-touch.js';
import { labelRoutes } from './routes/labels.js';
import { organisationRoutes } from './routes/organisations.js';
import { peopleRoutes } from './routes/people.js';

export interface AppOptions {
  db: Db;
  logLevel?: LogLevel;
  /** Folder of the built web app; null serves the API only. Defaults to dist/web when it exists. */
  webRoot?: string | null;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: BODY_LIMIT_BYTES,
    // One line per request only when debugging; at info the log stays readable.
    logController: new LogController({ disableRequestLogging: opts.logLevel !== 'debug' && opts.logLevel !== 'trace' }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setErrorHandler(errorHandler);
  app.removeContentTypeParser('text/plain'); // JSON only: any other body type is a 415, not a confusing 400
  // Many clients send Content-Type: application/json on every request, DELETE
  // included: an empty body is "no body", not malformed JSON.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') return done(null, undefined);
    return parseJson(req, body as string, done);
  });

  const services = createServices(opts.db);
  const startedAt = Date.now();

  // Until accounts exist every request acts in the local workspace.
  const workspaceId = await ensureLocalWorkspace(opts.db);
  const localActor: Actor = { workspaceId, userId: null };
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (req) => {
    req.actor = localActor;
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  route(app, endpoints.health, async () => ({
    status: 'ok' as const,
    version,
    database: opts.db.dialect,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  }));
  peopleRoutes(app, services);
  organisationRoutes(app, services);
  labelRoutes(app, services);
  interactionRoutes(app, services);
  keepInTouchRoutes(app, services);
  followUpRoutes(app, services);
  achievementRoutes(app, services);

  const openapi = buildOpenApi(version);
  app.get('/api/openapi.json', async () => openapi);
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(DOCS_HTML));
  app.get('/api/docs/docs.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(DOCS_JS));

  const webRoot = opts.webRoot === undefined ? path.join(packageRoot, 'dist', 'web') : opts.webRoot;
  const indexHtml = webRoot && fs.existsSync(path.join(webRoot, 'index.html'));
  if (webRoot && indexHtml) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    app.get('/', (_req, reply) => reply.sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: any page URL gets index.html.
    if (indexHtml && req.method === 'GET' && !req.url.startsWith('/api')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return notFoundHandler(req, reply);
  });
  return app;
}
