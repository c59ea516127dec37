import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { DEFAULT_SECURITY, type LogLevel, type SecurityConfig } from '../config.js';
import { endpoints } from '../contract/endpoints.js';
import { listJobRuns } from '../jobs/scheduler.js';
import { packageRoot, version } from '../lib/package.js';
import { type Clock, systemClock } from '../services/context.js';
import { createServices } from '../services/index.js';
import type { Db } from '../storage/db.js';
import { registerAuth } from './auth.js';
import { DOCS_HTML, DOCS_JS } from './docs-page.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { ReadCache, registerReadCache } from './read-cache.js';
import { route } from './route.js';
import { achievementRoutes } from './routes/achievements.js';
import { awayRoutes } from './routes/away.js';
import { connectionRoutes } from './routes/connections.js';
import { pathRoutes } from './routes/paths.js';
import { reachRoutes } from './routes/reach.js';
import { networkRoutes } from './routes/network.js';
import { introductionRoutes } from './routes/introductions.js';
import { opportunityRoutes } from './routes/opportunities.js';
import { networkingRoutes } from './routes/networking.js';
import { insightRoutes } from './routes/insights.js';
import { followUpRoutes } from './routes/follow-ups.js';
import { importRoutes } from './routes/imports.js';
import { dedupeRoutes } from './routes/dedupe.js';
import { exportRoutes } from './routes/export.js';
import { accountRoutes } from './routes/account.js';
import { authRoutes } from './routes/auth.js';
import { interactionRoutes } from './routes/interactions.js';
import { keepInTouchRoutes } from './routes/keep-in-touch.js';
import { labelRoutes } from './routes/labels.js';
import { organisationRoutes } from './routes/organisations.js';
import { peopleRoutes } from './routes/people.js';
import { searchRoutes } from './routes/search.js';
import { carddavRoutes } from './routes/carddav.js';
import { digestRoutes, syncRoutes, webhookRoutes } from './routes/sync.js';
import { workspaceRoutes } from './routes/workspaces.js';
import { inlineScriptHashes, securityHeaders } from './security-headers.js';

export interface AppOptions {
  db: Db;
  logLevel?: LogLevel;
  /** Folder of the built web app; null serves the API only. Defaults to dist/web when it exists. */
  webRoot?: string | null;
  security?: SecurityConfig;
  clock?: Clock;
  /**
   * The local CLI over app.inject(): requests without credentials act as the
   * instance owner. Never for a server on a socket.
   */
  localOwner?: boolean;
  /** Where log lines go (tests read them); stdout by default. */
  logStream?: { write(line: string): void };
  /** TEND_PUBLIC_URL: the address in feed URLs and email links; else each request's own. */
  publicUrl?: string | undefined;
  /** Whether SMTP is configured, so digest settings can say whether mail will go out. */
  mailConfigured?: boolean;
  /** The validated read cache (read-cache.ts); on unless false. */
  readCache?: boolean;
}

export function redactSecretsInUrl(url: string): string {
  return url.replace(/\/(invitations|invite)\/[^/?#]+/g, '/$1/[redacted]');
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

/*
 * Tend validates with zod in route() and gives Fastify no JSON Schema, yet Fastify
 * requires its Ajv and fast-json-stringify compilers when the app is created (about a
 * tenth of the CPU to the first answer of `tend serve`). These builders load them only
 * if a route ever declares a JSON Schema, and then behave exactly as Fastify's defaults.
 */
const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
const lazyJsonSchemaCompilers: Required<Compilers> = {
  buildValidator: (...args) =>
    (requireFromFastify('@fastify/ajv-compiler') as () => Required<Compilers>['buildValidator'])()(...args),
  buildSerializer: (...args) =>
    (requireFromFastify('@fastify/fast-json-stringify-compiler') as () => Required<Compilers>['buildSerializer'])()(
      ...args,
    ),
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      serializers: {
        // Invitation links carry their secret in the path: the log gets the path without it.
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: redactSecretsInUrl(req.url),
          remoteAddress: req.ip,
        }),
      },
      // Credentials never reach the log, whatever the level.
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
    },
    trustProxy: (opts.security ?? DEFAULT_SECURITY).trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    // One line per request only when debugging; at info the log stays readable.
    logController: new LogController({ disableRequestLogging: opts.logLevel !== 'debug' && opts.logLevel !== 'trace' }),
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: lazyJsonSchemaCompilers },
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

  const security = opts.security ?? DEFAULT_SECURITY;
  const clock = opts.clock ?? systemClock;
  const services = createServices(opts.db, clock, security);
  const startedAt = Date.now();

  const webRoot = opts.webRoot === undefined ? path.join(packageRoot, 'dist', 'web') : opts.webRoot;
  const indexFile = webRoot ? path.join(webRoot, 'index.html') : null;
  const indexHtml = !!indexFile && fs.existsSync(indexFile);
  securityHeaders(app, indexHtml && indexFile ? inlineScriptHashes(fs.readFileSync(indexFile, 'utf8')) : []);
  const readCache = new ReadCache({ db: opts.db, clock, enabled: opts.readCache !== false });
  registerReadCache(app, readCache);
  const kit = await registerAuth(app, services, {
    security,
    clock,
    localOwner: opts.localOwner === true,
    readCache,
  });
  app.decorate('authKit', kit);

  route(app, endpoints.health, async () => ({
    status: 'ok' as const,
    version,
    database: opts.db.dialect,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    jobs: (await listJobRuns(opts.db)).map((j) => ({
      name: j.name,
      lastRunAt: j.lastRunAt,
      status: j.status,
      dueAt: j.dueAt,
    })),
  }));
  authRoutes(app, services);
  accountRoutes(app, services);
  workspaceRoutes(app, services);
  peopleRoutes(app, services);
  organisationRoutes(app, services);
  labelRoutes(app, services);
  interactionRoutes(app, services);
  keepInTouchRoutes(app, services);
  followUpRoutes(app, services);
  achievementRoutes(app, services);
  awayRoutes(app, services);
  syncRoutes(app, services, { publicUrl: opts.publicUrl ?? null });
  webhookRoutes(app, services);
  await digestRoutes(app, services, {
    publicUrl: opts.publicUrl ?? null,
    mailConfigured: opts.mailConfigured ?? false,
  });
  importRoutes(app, services);
  exportRoutes(app, services);
  dedupeRoutes(app, services);
  connectionRoutes(app, services);
  pathRoutes(app, services);
  reachRoutes(app, services);
  networkRoutes(app, services);
  introductionRoutes(app, services);
  opportunityRoutes(app, services);
  searchRoutes(app, services);
  networkingRoutes(app, services);
  insightRoutes(app, services);
  await carddavRoutes(app, services);

  // Built on first request, not at start: turning every zod schema into JSON Schema took
  // about half a second of each cold start.
  let openapi: ReturnType<typeof buildOpenApi> | undefined;
  app.get('/api/openapi.json', async () => {
    openapi ??= buildOpenApi(version);
    return openapi;
  });
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(DOCS_HTML));
  app.get('/api/docs/docs.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(DOCS_JS));

  if (webRoot && indexHtml) {
    // wildcard: files are looked up per request, so a rebuilt web app is served
    // without a restart. Vite's hashed assets never change: cache them for good.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: false,
      setHeaders(reply, filePath) {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.get('/', (_req, reply) => reply.sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: a page URL (no file extension) gets
    // index.html; a missing file (an old chunk, a typo) stays a 404.
    const pathname = req.url.split('?')[0] ?? '';
    const isPage = !/\.[A-Za-z0-9]+$/.test(pathname);
    if (indexHtml && req.method === 'GET' && isPage && !pathname.startsWith('/api')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return notFoundHandler(req, reply);
  });
  return app;
}
