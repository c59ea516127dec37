import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import { toMe } from '../../services/accounts.service.js';
import type { Services } from '../../services/index.js';
import { requireInstanceOwner } from '../../services/policy.js';
import { requireUser } from '../auth.js';
import { route } from '../route.js';

/** The signed-in user's own account: password, sessions, tokens, security log. */
export function accountRoutes(app: FastifyInstance, s: Services) {
  const meta = app.authKit.meta;

  route(app, e.getMe, async ({ req }) => toMe(requireUser(req)));
  route(app, e.changePassword, ({ req, body }) =>
    s.accounts.changePassword(
      requireUser(req),
      req.principal?.sessionId ?? null,
      body.currentPassword,
      body.newPassword,
      meta(req),
    ),
  );
  route(app, e.listSessions, async ({ req }) => ({
    items: await s.accounts.listSessions(requireUser(req), req.principal?.sessionId ?? null),
  }));
  route(app, e.revokeSession, ({ req, params }) => s.accounts.revokeSession(requireUser(req), params.id, meta(req)));
  route(app, e.revokeAllSessions, async ({ req, reply }) => {
    await s.accounts.revokeAllSessions(requireUser(req), meta(req));
    app.authKit.clearSessionCookies(req, reply);
  });
  route(app, e.listTokens, async ({ req }) => ({ items: await s.tokens.list(requireUser(req)) }));
  route(app, e.createToken, ({ req, body }) => s.tokens.create(requireUser(req), body, meta(req)));
  route(app, e.revokeToken, ({ req, params }) => s.tokens.revoke(requireUser(req), params.id, meta(req)));
  route(app, e.listAuditEvents, async ({ req, query }) => {
    const user = requireUser(req);
    return { items: await s.audit.list(user.workspaceId, user.id, query.limit) };
  });
  route(app, e.listUsers, async ({ req }) => {
    requireInstanceOwner(requireUser(req));
    return { items: await s.accounts.listUsers() };
  });
}
