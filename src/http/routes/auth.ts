import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import { toMe } from '../../services/accounts.service.js';
import type { Services } from '../../services/index.js';
import { requireUser } from '../auth.js';
import { route } from '../route.js';

/** Sign-up, sign-in and sign-out: the only routes that set or clear the session cookie. */
export function authRoutes(app: FastifyInstance, s: Services) {
  const kit = app.authKit;

  route(app, e.authStatus, async ({ req }) => {
    const user = req.principal?.via === 'session' ? req.principal.user : null;
    const csrf = req.cookies.tend_csrf;
    const csrfOk =
      user && req.principal?.sessionId && csrf
        ? await s.accounts.checkCsrf(req.principal.sessionId, user.workspaceId, csrf)
        : false;
    return {
      setupRequired: (await s.accounts.countUsers()) === 0,
      signup: s.accounts.signupMode(),
      user: user ? toMe(user) : null,
      csrfToken: csrfOk && csrf ? csrf : null,
    };
  });

  route(app, e.setup, async ({ req, reply, body }) => {
    kit.limiters.login.hit(`ip:${req.ip}`, 'sign-in attempts from your address');
    const { result, session } = await s.accounts.setup(body, kit.meta(req));
    kit.setSessionCookies(req, reply, session.token, session.csrfToken);
    return result;
  });

  route(app, e.signup, async ({ req, reply, body }) => {
    kit.limiters.login.hit(`ip:${req.ip}`, 'sign-in attempts from your address');
    const { result, session } = await s.accounts.signup(body, kit.meta(req));
    kit.setSessionCookies(req, reply, session.token, session.csrfToken);
    return result;
  });

  route(app, e.login, async ({ req, reply, body }) => {
    kit.limiters.login.hit(`ip:${req.ip}`, 'sign-in attempts from your address');
    kit.limiters.login.hit(`email:${body.email}`, 'sign-in attempts for this account');
    const { result, session } = await s.accounts.login(body.email, body.password, kit.meta(req));
    kit.setSessionCookies(req, reply, session.token, session.csrfToken);
    return result;
  });

  route(app, e.logout, async ({ req, reply }) => {
    const user = requireUser(req);
    if (req.principal?.sessionId) await s.accounts.logout(user, req.principal.sessionId, kit.meta(req));
    kit.clearSessionCookies(req, reply);
  });

  route(app, e.getInvitation, ({ req, params }) => {
    kit.limiters.authFailures.hit(`invite:${req.ip}`, 'invitation lookups from your address');
    return s.invitations.preview(params.token);
  });
  route(app, e.acceptInvitation, ({ req, params }) =>
    s.workspaces.acceptInvitation(requireUser(req), params.token, kit.meta(req)),
  );
}
