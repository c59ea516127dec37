import type { FastifyInstance } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { requireUser } from '../auth.js';
import { route } from '../route.js';

export function workspaceRoutes(app: FastifyInstance, s: Services) {
  const meta = app.authKit.meta;
  route(app, e.listWorkspaces, async ({ req }) => ({ items: await s.workspaces.list(requireUser(req)) }));
  route(app, e.createWorkspace, ({ req, body }) => s.workspaces.createTeam(requireUser(req), body.name, meta(req)));
  route(app, e.listMembers, async ({ req, params }) => ({
    items: await s.workspaces.listMembers(requireUser(req), params.id),
  }));
  route(app, e.updateMember, ({ req, params, body }) =>
    s.workspaces.updateMember(requireUser(req), params.id, params.userId, body.role, meta(req)),
  );
  route(app, e.removeMember, ({ req, params }) =>
    s.workspaces.removeMember(requireUser(req), params.id, params.userId, meta(req)),
  );
  route(app, e.listInvitations, async ({ req, params }) => ({
    items: await s.invitations.list(requireUser(req), params.id),
  }));
  route(app, e.createInvitation, ({ req, params, body }) =>
    s.invitations.create(requireUser(req), params.id, body, meta(req)),
  );
  route(app, e.revokeInvitation, ({ req, params }) =>
    s.invitations.revoke(requireUser(req), params.id, params.invitationId, meta(req)),
  );
}
