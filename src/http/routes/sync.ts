import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

export interface SyncRouteOptions {
  /** TEND_PUBLIC_URL, or null to use the address of each request. */
  publicUrl: string | null;
}

/** Where the caller reaches this server, for links in feeds and the feed URL itself. */
export function appUrlOf(req: FastifyRequest, publicUrl: string | null): string {
  return publicUrl ?? `${req.protocol}://${req.host}`;
}

export function syncRoutes(app: FastifyInstance, s: Services, opts: SyncRouteOptions) {
  route(app, e.getCalendarFeed, ({ actor }) => s.feeds.status(actor));
  route(app, e.createCalendarFeed, async ({ actor, req }) => {
    const { token, feed } = await s.feeds.create(actor);
    return { ...feed, url: `${appUrlOf(req, opts.publicUrl)}/feeds/${token}.ics` };
  });
  route(app, e.revokeCalendarFeed, ({ actor }) => s.feeds.revoke(actor));

  // The feed itself: the secret in the URL is the credential (calendar apps cannot sign in).
  app.get<{ Params: { file: string } }>('/feeds/:file', async (req, reply) => {
    const token = req.params.file.endsWith('.ics') ? req.params.file.slice(0, -4) : req.params.file;
    const body = await s.feeds.render(token, { appUrl: appUrlOf(req, opts.publicUrl) });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .header('content-disposition', 'inline; filename="tend.ics"')
      .send(body);
  });
}
