import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiTokenCreated } from '../../../../src/contract/accounts.js';
import { LinesSkeleton, Section } from '../../components/section';
import { RelativeTime } from '../../components/relative-time';
import { api, isApiError, keys, queryClient } from '../../lib/api';

const EXPIRY = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
];

export function TokensTab() {
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: () => api.listTokens({}) });
  const [opened, modal] = useDisclosure(false);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'write'>('read');
  const [expiry, setExpiry] = useState<string | null>('90');
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () =>
      api.createToken({
        body: { name: name.trim(), scope, ...(expiry && expiry !== 'never' ? { expiresInDays: Number(expiry) } : {}) },
      }),
    onSuccess: (t) => {
      setCreated(t);
      return queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
    onError: (err) => setError(isApiError(err) ? (err.problem.detail ?? err.problem.title) : String(err)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeToken({ params: { id } }),
    onSuccess: () => {
      notifications.show({ message: 'Token revoked. Anything using it is now refused.' });
      return queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  const close = () => {
    modal.close();
    setCreated(null);
    setName('');
    setError(null);
  };

  return (
    <Section
      title="API tokens"
      hint="For scripts and the command line (tend login does this for you). Send one as Authorization: Bearer <token>."
    >
      <Stack gap={0} pb="sm">
        {tokens.isPending ? (
          <LinesSkeleton n={2} />
        ) : tokens.data?.items.length === 0 ? (
          <Text size="sm" c="dimmed" py="md">
            No tokens yet.
          </Text>
        ) : (
          tokens.data?.items.map((t) => (
            <Group
              key={t.id}
              justify="space-between"
              wrap="nowrap"
              py="sm"
              style={{ borderBottom: '1px solid var(--tend-border)' }}
              data-testid="token-row"
            >
              <div style={{ minWidth: 0 }}>
                <Group gap={8}>
                  <Text fw={550} size="sm">
                    {t.name}
                  </Text>
                  <Badge color={t.scope === 'write' ? 'orange' : 'gray'}>
                    {t.scope === 'write' ? 'Read & write' : 'Read only'}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  <Code fz="xs">{t.prefix}…</Code> ·{' '}
                  {t.lastUsedAt ? (
                    <>
                      used <RelativeTime iso={t.lastUsedAt} />
                    </>
                  ) : (
                    'never used'
                  )}{' '}
                  ·{' '}
                  {t.expiresAt ? (
                    <>
                      expires <RelativeTime iso={t.expiresAt} />
                    </>
                  ) : (
                    'no expiry'
                  )}
                </Text>
              </div>
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                style={{ flexShrink: 0 }}
                loading={revoke.isPending && revoke.variables === t.id}
                onClick={() => revoke.mutate(t.id)}
                aria-label={`Revoke ${t.name}`}
              >
                Revoke
              </Button>
            </Group>
          ))
        )}
        <Group mt="md">
          <Button leftSection={<IconKey size={16} />} onClick={modal.open}>
            Create token
          </Button>
        </Group>
      </Stack>

      <Modal opened={opened} onClose={close} title={created ? 'Your new token' : 'Create an API token'} centered>
        {created ? (
          <Stack>
            <Alert color="yellow" variant="light">
              Copy it now: this is the only time Tend shows it. Store it like a password.
            </Alert>
            <Group wrap="nowrap" gap="xs">
              <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="new-token">
                {created.token}
              </Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'}>
                    <ActionIcon
                      size={40}
                      variant="light"
                      color={copied ? 'sage' : 'gray'}
                      onClick={copy}
                      aria-label="Copy token"
                    >
                      {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button onClick={close}>Done</Button>
            </Group>
          </Stack>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setError(null);
              if (!name.trim()) return setError('Give the token a name, like “Backup script”.');
              create.mutate();
            }}
          >
            <Stack>
              {error && (
                <Alert color="red" variant="light">
                  {error}
                </Alert>
              )}
              <TextInput
                label="Name"
                placeholder="Backup script"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-autofocus
              />
              <div>
                <Text size="sm" fw={500} mb={4}>
                  Access
                </Text>
                <SegmentedControl
                  fullWidth
                  value={scope}
                  onChange={(v) => setScope(v as 'read' | 'write')}
                  data={[
                    { value: 'read', label: 'Read only' },
                    { value: 'write', label: 'Read & write' },
                  ]}
                />
              </div>
              <Select label="Expires after" data={EXPIRY} value={expiry} onChange={setExpiry} allowDeselect={false} />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={create.isPending}>
                  Create token
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Section>
  );
}
