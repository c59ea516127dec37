import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { InvitationCreated, Workspace } from '../../../../src/contract/accounts.js';
import { LinesSkeleton, Section } from '../../components/section';
import { RelativeTime } from '../../components/relative-time';
import { api, isApiError, keys, queryClient } from '../../lib/api';
import { useMe } from '../auth/use-auth';
import { TeamReach } from '../paths/team-reach';

const message = (err: unknown) => (isApiError(err) ? (err.problem.detail ?? err.problem.title) : String(err));

function InviteLink({ invitation }: { invitation: InvitationCreated }) {
  const url = `${window.location.origin}${invitation.path}`;
  return (
    <Alert color="sage" variant="light" title="Send this link" mt="sm">
      <Group wrap="nowrap" gap="xs">
        <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="invite-link">
          {url}
        </Code>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy link'}>
              <ActionIcon size={40} variant="light" onClick={copy} aria-label="Copy link">
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        Works once, until <RelativeTime iso={invitation.expiresAt} />
        {invitation.email ? `, only for ${invitation.email}` : ''}. It is shown only now.
      </Text>
    </Alert>
  );
}

function Invitations({ workspace }: { workspace: Workspace }) {
  const team = workspace.kind === 'team';
  const list = useQuery({
    queryKey: keys.invitations(workspace.id),
    queryFn: () => api.listInvitations({ params: { id: workspace.id } }),
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string | null>('member');
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.createInvitation({
        params: { id: workspace.id },
        body: { ...(email.trim() ? { email: email.trim() } : {}), role: (role ?? 'member') as 'member' | 'owner' },
      }),
    onSuccess: (inv) => {
      setCreated(inv);
      setEmail('');
      return queryClient.invalidateQueries({ queryKey: keys.invitations(workspace.id) });
    },
    onError: (err) => setError(message(err)),
  });
  const revoke = useMutation({
    mutationFn: (invitationId: string) => api.revokeInvitation({ params: { id: workspace.id, invitationId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.invitations(workspace.id) }),
  });
  const pending = list.data?.items.filter((i) => i.status === 'pending') ?? [];

  return (
    <Stack gap="xs" pb="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          setCreated(null);
          create.mutate();
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Email (optional)"
            description="Leave empty for a link anyone can use once"
            placeholder="raj@example.com"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 200 }}
          />
          {team && (
            <Select
              label="Role"
              data={[
                { value: 'member', label: 'Member' },
                { value: 'owner', label: 'Owner' },
              ]}
              value={role}
              onChange={setRole}
              allowDeselect={false}
              w={130}
            />
          )}
          <Button type="submit" loading={create.isPending}>
            Create invitation
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" variant="light">
          {error}
        </Alert>
      )}
      {created && <InviteLink invitation={created} />}
      {pending.length > 0 && (
        <Text size="sm" fw={600} mt="sm">
          Pending
        </Text>
      )}
      {pending.map((i) => (
        <Group key={i.id} justify="space-between" wrap="nowrap" py={6}>
          <Text size="sm">
            {i.email ?? 'Anyone with the link'} · {i.role} · expires <RelativeTime iso={i.expiresAt} />
          </Text>
          <Button variant="subtle" color="red" size="compact-sm" onClick={() => revoke.mutate(i.id)}>
            Withdraw
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

function Members({ workspace }: { workspace: Workspace }) {
  const me = useMe();
  const owner = workspace.role === 'owner';
  const members = useQuery({
    queryKey: keys.members(workspace.id),
    queryFn: () => api.listMembers({ params: { id: workspace.id } }),
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.members(workspace.id) }),
      queryClient.invalidateQueries({ queryKey: keys.workspaces }),
    ]);
  const setRole = useMutation({
    mutationFn: (v: { userId: string; role: 'owner' | 'member' }) =>
      api.updateMember({ params: { id: workspace.id, userId: v.userId }, body: { role: v.role } }),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.removeMember({ params: { id: workspace.id, userId } }),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });
  if (members.isPending) return <LinesSkeleton n={2} />;
  return (
    <Stack gap={0}>
      {members.data?.items.map((m) => {
        const self = m.userId === me?.id;
        return (
          <Group
            key={m.userId}
            justify="space-between"
            wrap="nowrap"
            py={8}
            style={{ borderBottom: '1px solid var(--tend-border)' }}
          >
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={550} truncate>
                {m.displayName}
                {self ? ' (you)' : ''}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {m.email}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              {owner ? (
                <Select
                  aria-label={`Role of ${m.displayName}`}
                  size="xs"
                  w={110}
                  data={[
                    { value: 'member', label: 'Member' },
                    { value: 'owner', label: 'Owner' },
                  ]}
                  value={m.role}
                  allowDeselect={false}
                  onChange={(v) =>
                    v && v !== m.role && setRole.mutate({ userId: m.userId, role: v as 'owner' | 'member' })
                  }
                />
              ) : (
                <Badge color={m.role === 'owner' ? 'sage' : 'gray'}>{m.role}</Badge>
              )}
              {(owner || self) && (
                <Tooltip label={self ? 'Leave this workspace' : 'Remove from workspace'}>
                  <ActionIcon
                    color="red"
                    onClick={() => remove.mutate(m.userId)}
                    aria-label={self ? 'Leave' : `Remove ${m.displayName}`}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          </Group>
        );
      })}
    </Stack>
  );
}

export function WorkspacesTab() {
  const me = useMe();
  const workspaces = useQuery({ queryKey: keys.workspaces, queryFn: () => api.listWorkspaces({}) });
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api.createWorkspace({ body: { name: name.trim() } }),
    onSuccess: (w) => {
      setName('');
      notifications.show({ message: `Created ${w.name}. Invite people below.` });
      return queryClient.invalidateQueries({ queryKey: keys.workspaces });
    },
    onError: (err) => notifications.show({ color: 'red', message: message(err) }),
  });
  if (workspaces.isPending) return <LinesSkeleton n={3} />;
  const personal = workspaces.data?.items.find((w) => w.kind === 'personal');
  const teams = workspaces.data?.items.filter((w) => w.kind === 'team') ?? [];

  return (
    <Stack gap="lg">
      <Section
        title="Your network"
        hint="Your people, notes and interactions live in your personal workspace. Nobody else can see them, team members included."
      >
        {me?.isOwner && personal ? (
          <>
            <Text size="sm" fw={600} mt="xs">
              Invite someone to this server
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              Sign-up is by invitation. They get their own private network.
            </Text>
            <Invitations workspace={personal} />
          </>
        ) : (
          <Text size="sm" c="dimmed" pb="sm">
            Only the owner of this server can invite new people.
          </Text>
        )}
      </Section>
      {teams.map((w) => (
        <Section
          key={w.id}
          title={w.name}
          hint={`Team workspace · you are ${w.role === 'owner' ? 'an owner' : 'a member'} · ${w.memberCount} member${w.memberCount === 1 ? '' : 's'}`}
        >
          <Members workspace={w} />
          <TeamReach workspace={w} />
          {w.role === 'owner' && (
            <>
              <Text size="sm" fw={600} mt="md">
                Invite to {w.name}
              </Text>
              <Invitations workspace={w} />
            </>
          )}
        </Section>
      ))}
      <Section
        title="Create a team workspace"
        hint="For a startup, an agency or a firm: members, roles and invitations. Each member's network stays private."
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <Group align="flex-end" pb="md">
            <TextInput
              label="Name"
              placeholder="Acme Ventures"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create
            </Button>
          </Group>
        </form>
      </Section>
    </Stack>
  );
}
