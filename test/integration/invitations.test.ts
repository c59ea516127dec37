import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../support/app.js';
import { Browser } from '../support/browser.js';
import { DAY, TestClock } from '../support/clock.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { expectApiError, expectProblem } from './helpers.js';

const PASSWORD = 'a long and unusual passphrase';

describe.each(DIALECTS)('invitations and team workspaces on %s', (dialect) => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  async function app(opts: Parameters<typeof openTestApp>[1] = {}): Promise<TestApp> {
    const t = await openTestApp(dialect, opts);
    closers.push(() => t.close());
    return t;
  }
  const signup = (t: TestApp, body: Record<string, unknown>) =>
    new Browser(t.anonymousApp).request('POST', '/api/v1/auth/signup', { password: PASSWORD, ...body });

  it('keeps sign-up closed unless invited; an invitation works once and for its email', async () => {
    const t = await app();
    expectProblem(await signup(t, { email: 'eve@example.test' }), 403, 'signup_closed');

    const invite = await t.client.createInvitation({
      params: { id: t.owner.user.workspaceId },
      body: { email: 'ben@example.test', expiresInDays: 3 },
    });
    expect(invite.path).toBe(`/invite/${invite.token}`);
    const preview = await t.anonymous.getInvitation({ params: { token: invite.token } });
    expect(preview).toMatchObject({ kind: 'personal', email: 'ben@example.test' });

    expectProblem(
      await signup(t, { email: 'eve@example.test', invitation: invite.token }),
      409,
      'invitation_email_mismatch',
    );
    const ok = await signup(t, { email: 'ben@example.test', invitation: invite.token, displayName: 'Ben' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user).toMatchObject({ email: 'ben@example.test', isOwner: false });
    expectProblem(await signup(t, { email: 'ben2@example.test', invitation: invite.token }), 404, 'not_found');
    expect((await t.client.listInvitations({ params: { id: t.owner.user.workspaceId } })).items[0]).toMatchObject({
      status: 'accepted',
    });
    // Ben's network starts empty and is his own.
    const ben = new Browser(t.anonymousApp);
    await ben.login('ben@example.test', PASSWORD);
    await t.client.createPerson({ body: buildPerson() });
    expect((await ben.request('GET', '/api/v1/people')).json().items).toEqual([]);
  });

  it('lets invitations expire, and be withdrawn', async () => {
    const clock = new TestClock();
    const t = await app({ clock });
    const ws = { id: t.owner.user.workspaceId };
    const soon = await t.client.createInvitation({ params: ws, body: { expiresInDays: 1 } });
    const withdrawn = await t.client.createInvitation({ params: ws, body: {} });
    await t.client.revokeInvitation({ params: { ...ws, invitationId: withdrawn.id } });
    clock.advance(DAY + 1);
    await expectApiError(t.anonymous.getInvitation({ params: { token: soon.token } }), 404, 'not_found');
    expectProblem(await signup(t, { email: 'late@example.test', invitation: soon.token }), 404, 'not_found');
    expectProblem(await signup(t, { email: 'late@example.test', invitation: withdrawn.token }), 404, 'not_found');
    const statuses = (await t.client.listInvitations({ params: ws })).items.map((i) => i.status).sort();
    expect(statuses).toEqual(['expired', 'revoked']);
  });

  it('opens sign-up to anyone when the operator says so', async () => {
    const t = await app({ security: { signup: 'open' } });
    expect((await t.anonymous.authStatus({})).signup).toBe('open');
    expect((await signup(t, { email: 'anyone@example.test' })).statusCode).toBe(201);
  });

  it('only lets the instance owner invite people to sign up', async () => {
    const t = await app();
    const member = await t.createUser();
    await expectApiError(
      member.client.createInvitation({ params: { id: member.user.workspaceId }, body: {} }),
      403,
      'owner_only',
    );
    await expectApiError(member.client.listUsers({}), 403, 'owner_only');
    const users = await t.client.listUsers({});
    expect(users.items.map((u) => u.email)).toEqual([t.owner.user.email, member.user.email]);
  });

  it('runs a team: invite a member, change roles, keep an owner, leave', async () => {
    const t = await app();
    const ana = t.owner;
    const raj = await t.createUser();
    const team = await ana.client.createWorkspace({ body: { name: 'Acme Ventures' } });
    expect(team).toMatchObject({ kind: 'team', role: 'owner', memberCount: 1 });

    const invite = await ana.client.createInvitation({ params: { id: team.id }, body: { role: 'member' } });
    expect((await raj.client.getInvitation({ params: { token: invite.token } })).workspaceName).toBe('Acme Ventures');
    const joined = await raj.client.acceptInvitation({ params: { token: invite.token } });
    expect(joined).toMatchObject({ id: team.id, role: 'member', memberCount: 2 });
    expect((await raj.client.listWorkspaces({})).items.map((w) => w.kind)).toEqual(['personal', 'team']);

    // A member sees the team but cannot run it.
    expect((await raj.client.listMembers({ params: { id: team.id } })).items).toHaveLength(2);
    await expectApiError(
      raj.client.createInvitation({ params: { id: team.id }, body: {} }),
      403,
      'workspace_owner_only',
    );
    await expectApiError(
      raj.client.updateMember({ params: { id: team.id, userId: raj.user.id }, body: { role: 'owner' } }),
      403,
      'workspace_owner_only',
    );

    // The last owner cannot step down or leave.
    await expectApiError(
      ana.client.updateMember({ params: { id: team.id, userId: ana.user.id }, body: { role: 'member' } }),
      409,
      'last_owner',
    );
    await ana.client.updateMember({ params: { id: team.id, userId: raj.user.id }, body: { role: 'owner' } });
    const rajLog = (await raj.client.listAuditEvents({})).items;
    expect(rajLog.find((e) => e.kind === 'role_changed')?.detail).toMatchObject({ from: 'member', to: 'owner' });

    await ana.client.removeMember({ params: { id: team.id, userId: ana.user.id } });
    await expectApiError(ana.client.listMembers({ params: { id: team.id } }), 404, 'not_found');
    expect((await raj.client.listMembers({ params: { id: team.id } })).items.map((m) => m.userId)).toEqual([
      raj.user.id,
    ]);
  });

  it('keeps each member’s network private in a shared team', async () => {
    const t = await app();
    const raj = await t.createUser();
    const team = await t.client.createWorkspace({ body: { name: 'Team' } });
    const invite = await t.client.createInvitation({ params: { id: team.id }, body: {} });
    await raj.client.acceptInvitation({ params: { token: invite.token } });
    const secret = await t.client.createPerson({ body: buildPerson({ fullName: 'Private Pat' }) });
    expect((await raj.client.listPeople({})).items).toEqual([]);
    await expectApiError(raj.client.getPerson({ params: { id: secret.id } }), 404, 'not_found');
  });
});
