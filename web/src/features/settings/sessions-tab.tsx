import { Badge, Button, Group, Modal, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { LinesSkeleton, Section } from '../../components/section';
import { RelativeTime } from '../../components/relative-time';
import { api, keys, queryClient } from '../../lib/api';
import { resetAfterAuthChange } from '../auth/use-auth';

/** "Firefox on Linux" from a user agent, good enough to recognise a device. */
export function deviceName(ua: string | null): string {
  if (!ua) return 'Unknown device';
  if (ua.startsWith('tend-cli')) return 'Tend CLI';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /node|undici|curl/i.test(ua)
            ? 'Script'
            : 'Browser';
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}

export function SessionsTab() {
  const navigate = useNavigate();
  const [confirming, confirm] = useDisclosure(false);
  const sessions = useQuery({ queryKey: keys.sessions, queryFn: () => api.listSessions({}) });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeSession({ params: { id } }),
    onSuccess: () => {
      notifications.show({ message: 'That device is signed out.' });
      return queryClient.invalidateQueries({ queryKey: keys.sessions });
    },
  });
  const everywhere = async () => {
    await api.revokeAllSessions({});
    await resetAfterAuthChange();
    navigate('/login', { replace: true });
  };

  return (
    <Section
      title="Where you are signed in"
      hint="Sessions end after 14 days without use, and 30 days after signing in."
    >
      {sessions.isPending ? (
        <LinesSkeleton n={2} />
      ) : (
        <Stack gap={0} pb="sm">
          {sessions.data?.items.map((s) => {
            const mobile = /Mobile|iPhone|Android/.test(s.userAgent ?? '');
            const Icon = mobile ? IconDeviceMobile : IconDeviceDesktop;
            return (
              <Group
                key={s.id}
                justify="space-between"
                wrap="nowrap"
                py="sm"
                style={{ borderBottom: '1px solid var(--tend-border)' }}
              >
                <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
                  <ThemeIcon variant="light" radius="xl" size={40}>
                    <Icon size={20} stroke={1.6} />
                  </ThemeIcon>
                  <div style={{ minWidth: 0 }}>
                    <Group gap={8}>
                      <Text fw={550} size="sm">
                        {deviceName(s.userAgent)}
                      </Text>
                      {s.current && <Badge color="sage">This device</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed" truncate>
                      {s.ip ?? 'unknown address'} · active <RelativeTime iso={s.lastSeenAt} /> · signed in{' '}
                      <RelativeTime iso={s.createdAt} />
                    </Text>
                  </div>
                </Group>
                {!s.current && (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    style={{ flexShrink: 0 }}
                    loading={revoke.isPending && revoke.variables === s.id}
                    onClick={() => revoke.mutate(s.id)}
                    aria-label={`Sign out ${deviceName(s.userAgent)}`}
                  >
                    Sign out
                  </Button>
                )}
              </Group>
            );
          })}
          <Group mt="md">
            <Button variant="light" color="red" onClick={confirm.open}>
              Sign out everywhere
            </Button>
          </Group>
          <Modal opened={confirming} onClose={confirm.close} title="Sign out everywhere?" centered>
            <Text size="sm">
              Every browser signed in to your account, this one included, will need your password again. API tokens keep
              working.
            </Text>
            <Group justify="flex-end" mt="lg">
              <Button variant="default" onClick={confirm.close}>
                Cancel
              </Button>
              <Button color="red" onClick={everywhere}>
                Sign out everywhere
              </Button>
            </Group>
          </Modal>
        </Stack>
      )}
    </Section>
  );
}
