import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDots, IconExternalLink, IconSend, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ResourceDetail } from '../../../../src/contract/resources.js';
import type { PersonRef } from '../../app/capture-context';
import { PersonLine } from '../../components/person-line';
import { RelativeTime } from '../../components/relative-time';
import { Section } from '../../components/section';
import { api, isApiError, queryClient } from '../../lib/api';
import { safeUrl } from '../../lib/safe-url';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import { PersonPicker } from '../capture/person-picker';
import { resourceKindLabel } from './resources-page';

/** One resource: who should get it (and why), a share action, and who already got it. */
export default function ResourcePage() {
  const { id = '' } = useParams();
  const phone = usePhone();
  const resource = useQuery({
    queryKey: ['resources', 'detail', id],
    queryFn: () => api.getResource({ params: { id } }),
  });
  useDocumentTitle(resource.data?.title ?? 'Resource');
  if (resource.isError) {
    return (
      <Alert color="red" variant="light" title="This resource cannot be shown">
        {resource.error.message}{' '}
        <Anchor component={Link} to="/resources">
          Back to resources
        </Anchor>
      </Alert>
    );
  }
  const r = resource.data;
  if (!r) return <Skeleton height={240} radius="lg" />;
  return (
    <Stack gap="lg">
      <Header resource={r} />
      <SimpleGrid cols={{ base: 1, md: 5 }} spacing={phone ? 'lg' : 32}>
        <Stack gap="lg" style={{ gridColumn: phone ? undefined : 'span 3' }}>
          <Suggested resource={r} />
          <ShareWith resource={r} />
        </Stack>
        <Stack gap="lg" style={{ gridColumn: phone ? undefined : 'span 2' }}>
          <ShareLog resource={r} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function useShare(r: ResourceDetail) {
  return useMutation({
    mutationFn: (people: PersonRef[]) =>
      api.shareResource({ params: { id: r.id }, body: { personIds: people.map((p) => p.id) } }),
    onSuccess: (res) =>
      notifications.show({
        color: 'sage',
        message: `Shared with ${res.shared.map((s) => s.person.fullName).join(', ')}, logged as a give.`,
      }),
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: isApiError(error) ? error.problem.title : 'Not shared',
        message: isApiError(error) ? (error.problem.detail ?? error.message) : (error as Error).message,
      }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['resources'] });
      void queryClient.invalidateQueries({ queryKey: ['today'] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

function Header({ resource: r }: { resource: ResourceDetail }) {
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => api.deleteResource({ params: { id: r.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['resources'] });
      void navigate('/resources');
    },
  });
  return (
    <div>
      <Anchor component={Link} to="/resources" size="sm" c="dimmed">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Resources
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" mt={6} wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Title order={1} fz={{ base: 22, sm: 26 }} style={{ letterSpacing: '-0.015em' }}>
            {r.title}
          </Title>
          <Group gap="xs" mt={6}>
            <Badge variant="light" radius="sm">
              {resourceKindLabel[r.kind]}
            </Badge>
            {r.topics.map((t) => (
              <Badge
                key={t}
                component={Link}
                to={`/resources?topic=${encodeURIComponent(t)}`}
                variant="outline"
                color="gray"
                radius="xl"
                tt="none"
                style={{ cursor: 'pointer' }}
              >
                {t}
              </Badge>
            ))}
          </Group>
          <Anchor
            href={safeUrl(r.url)}
            target="_blank"
            rel="noreferrer"
            size="sm"
            mt={6}
            display="inline-block"
            style={{ wordBreak: 'break-all' }}
          >
            <Group gap={4} wrap="nowrap">
              {r.url} <IconExternalLink size={13} style={{ flexShrink: 0 }} />
            </Group>
          </Anchor>
          {r.note && (
            <Text size="sm" mt="xs" maw={640}>
              {r.note}
            </Text>
          )}
        </div>
        <Menu position="bottom-end">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label="Resource actions" size="lg">
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => remove.mutate()}>
              Delete resource
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </div>
  );
}

function Suggested({ resource: r }: { resource: ResourceDetail }) {
  const suggestions = useQuery({
    queryKey: ['resources', 'suggestions', r.id, r.shareCount],
    queryFn: () => api.suggestResourceRecipients({ params: { id: r.id }, query: {} }),
  });
  const share = useShare(r);
  const items = suggestions.data?.items ?? [];
  return (
    <Section
      title="Who should get this?"
      hint="People whose topics match, those due for a check-in first. Who already got it is left out."
    >
      <div data-testid="suggestions">
        {suggestions.isPending ? (
          <Skeleton height={60} mb="sm" />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" pb="sm">
            {r.topics.length === 0
              ? 'Give it topics to match people who care about them.'
              : 'Nobody else with these topics — or everyone who has them already got it.'}
          </Text>
        ) : (
          items.map((s) => (
            <PersonLine
              key={s.person.id}
              person={s.person}
              line={s.person.headline}
              reason={s.reason}
              action={
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconSend size={14} />}
                  loading={share.isPending && share.variables?.[0]?.id === s.person.id}
                  onClick={() => share.mutate([s.person])}
                  aria-label={`Share with ${s.person.fullName}`}
                >
                  Share
                </Button>
              }
            />
          ))
        )}
      </div>
    </Section>
  );
}

function ShareWith({ resource: r }: { resource: ResourceDetail }) {
  const [people, setPeople] = useState<PersonRef[]>([]);
  const share = useShare(r);
  return (
    <Section title="Share with someone else">
      <Stack gap="sm" pb="md">
        <PersonPicker label="People" value={people} onChange={setPeople} />
        <Group justify="flex-end">
          <Button
            disabled={people.length === 0}
            loading={share.isPending}
            leftSection={<IconSend size={16} />}
            onClick={() => share.mutate(people, { onSuccess: () => setPeople([]) })}
          >
            Share and log
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function ShareLog({ resource: r }: { resource: ResourceDetail }) {
  return (
    <Section
      title="Share log"
      hint={r.shares.length ? `Sent to ${r.shares.length}. Never twice to the same person.` : undefined}
    >
      <div data-testid="share-log">
        {r.shares.length === 0 ? (
          <Text size="sm" c="dimmed" pb="sm">
            Not shared yet.
          </Text>
        ) : (
          r.shares.map((s) => (
            <PersonLine key={s.person.id} person={s.person} avatarSize={32} line={<RelativeTime iso={s.sharedAt} />} />
          ))
        )}
      </div>
    </Section>
  );
}
