import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../lib/api';
import { AuthForm } from './auth-form';
import { AuthLayout } from './auth-layout';
import { resetAfterAuthChange, useAuthStatus } from './use-auth';

export default function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const status = useAuthStatus();
  const invite = useQuery({ queryKey: ['invitation', token], queryFn: () => api.getInvitation({ params: { token } }) });
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);

  if (invite.isPending || status.isPending) {
    return (
      <AuthLayout title="Invitation">
        <Loader type="dots" />
      </AuthLayout>
    );
  }
  if (invite.isError || !invite.data) {
    return (
      <AuthLayout title="This invitation cannot be used">
        <Stack>
          <Text size="sm">
            {isApiError(invite.error) && invite.error.problem.detail
              ? invite.error.problem.detail
              : 'The link is not valid. Ask the person who invited you for a new one.'}
          </Text>
          <Button component={Link} to="/login" variant="light">
            Go to sign in
          </Button>
        </Stack>
      </AuthLayout>
    );
  }
  const inv = invite.data;
  const user = status.data?.user;
  const team = inv.kind === 'team';
  const title = team ? `Join ${inv.workspaceName}` : 'You are invited to Tend';
  const subtitle = team
    ? `${inv.invitedBy} invited you to the team workspace “${inv.workspaceName}” as ${inv.role === 'owner' ? 'an owner' : 'a member'}. Your own network stays private to you.`
    : `${inv.invitedBy} invited you to keep your professional network on this server. It is private to you.`;

  if (user) {
    return (
      <AuthLayout title={title} subtitle={subtitle}>
        <Stack>
          {joinError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
              {joinError}
            </Alert>
          )}
          {team ? (
            <Button
              size="md"
              loading={joining}
              onClick={async () => {
                setJoining(true);
                try {
                  const ws = await api.acceptInvitation({ params: { token } });
                  notifications.show({ message: `You joined ${ws.name}.` });
                  navigate('/settings/workspaces', { replace: true });
                } catch (err) {
                  setJoinError(isApiError(err) ? (err.problem.detail ?? err.problem.title) : String(err));
                } finally {
                  setJoining(false);
                }
              }}
            >
              Join as {user.displayName}
            </Button>
          ) : (
            <Text size="sm">
              You are signed in as {user.email} already. Pass this link on to the person it was meant for.
            </Text>
          )}
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={title}
      subtitle={subtitle}
      footer={<Link to={`/login?next=/invite/${token}`}>I have an account: sign in</Link>}
    >
      <AuthForm
        submitLabel="Create my account"
        withName
        newPassword
        fixedEmail={inv.email}
        onSubmit={async (v) => {
          await api.signup({
            body: {
              email: (inv.email ?? v.email).trim(),
              password: v.password,
              invitation: token,
              ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
            },
          });
          await resetAfterAuthChange();
          navigate('/', { replace: true });
        }}
      />
    </AuthLayout>
  );
}
