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

export function webhookRoutes(app: FastifyInstance, s: Services) {
  route(app, e.listWebhooks, ({ actor }) => s.webhooks.list(actor));
  route(app, e.createWebhook, ({ actor, body }) => s.webhooks.create(actor, body));
  route(app, e.getWebhook, ({ actor, params }) => s.webhooks.get(actor, params.id));
  route(app, e.updateWebhook, ({ actor, params, body }) => s.webhooks.update(actor, params.id, body));
  route(app, e.deleteWebhook, ({ actor, params }) => s.webhooks.remove(actor, params.id));
  route(app, e.listWebhookDeliveries, ({ actor, query }) => s.webhooks.deliveries(actor, query));
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title} · Tend</title></head>
<body style="margin:0;padding:48px 16px;background:#f6f5f1;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;color:#2b2b28">
<main style="max-width:440px;margin:0 auto;background:#fff;border-radius:12px;padding:28px">${body}</main></body></html>`;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export async function digestRoutes(
  app: FastifyInstance,
  s: Services,
  opts: SyncRouteOptions & { mailConfigured: boolean },
) {
  const withMail = <T extends object>(v: T) => ({ ...v, mailConfigured: opts.mailConfigured });
  route(app, e.getDigestSettings, async ({ actor }) => withMail(await s.digests.settings(actor)));
  route(app, e.updateDigestSettings, async ({ actor, body }) => withMail(await s.digests.update(actor, body)));
  route(app, e.previewDigest, ({ actor, req }) => s.digests.preview(actor, appUrlOf(req, opts.publicUrl)));
  route(app, e.listDigestDeliveries, ({ actor }) => s.digests.deliveries(actor));

  /*
   * The unsubscribe link of every digest, signed, usable without signing in.
   * GET shows a button (link scanners fetch links, so a GET changes nothing);
   * POST unsubscribes, which is what mail apps do for RFC 8058 one-click
   * (body "List-Unsubscribe=One-Click", form-encoded: parsed only here).
   */
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    type Q = { Querystring: { w?: string; u?: string; s?: string } };
    scope.get<Q>('/unsubscribe', async (req, reply) => {
      const { w = '', u = '', s: sig = '' } = req.query;
      const action = `/unsubscribe?${new URLSearchParams({ w, u, s: sig })}`;
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          page(
            'Unsubscribe',
            `<h1 style="font-size:20px;margin:0 0 8px">Stop the Tend digest?</h1>
<p style="color:#55554e">You will get no more digest emails. You can subscribe again in Settings.</p>
<form method="post" action="${esc(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size:16px;background:#3d7a5f;color:#fff;border:0;border-radius:8px;padding:12px 20px;min-height:44px">Unsubscribe</button></form>`,
          ),
        );
    });
    scope.post<Q>('/unsubscribe', async (req, reply) => {
      const { w = '', u = '', s: sig = '' } = req.query;
      const ok = w && u && sig ? await s.digests.unsubscribe(w, u, sig) : false;
      return reply
        .status(ok ? 200 : 404)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          ok
            ? page('Unsubscribed', '<h1 style="font-size:20px">You are unsubscribed</h1><p>No more digest emails.</p>')
            : page(
                'Link not valid',
                '<h1 style="font-size:20px">This link is not valid any more</h1><p>Change your digest in Tend’s settings.</p>',
              ),
        );
    });
  });
}
