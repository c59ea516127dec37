import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
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
import { IconCalendarEvent, IconCheck, IconCopy, IconPlus, IconWebhook } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DigestSettingsUpdate, WebhookCreated, WebhookEvent } from '../../../../src/contract/sync.js';
import { LinesSkeleton, Section } from '../../components/section';
import { RelativeTime } from '../../components/relative-time';
import { api, isApiError, queryClient } from '../../lib/api';

const EVENTS: { value: WebhookEvent; label: string }[] = [
  { value: 'person.created', label: 'Person added' },
  { value: 'person.updated', label: 'Person changed' },
  { value: 'interaction.logged', label: 'Interaction logged' },
  { value: 'followup.due', label: 'Follow-up due' },
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const HOURS = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }));

function problemText(err: unknown): string {
  if (!isApiError(err)) return String(err);
  const first = err.problem.errors?.[0];
  return first ? `${first.path.replace(/^body\./, '')} ${first.message}` : (err.problem.detail ?? err.problem.title);
}

function Secret({ value, testId, label }: { value: string; testId: string; label: string }) {
  return (
    <Group wrap="nowrap" gap="xs">
      <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'}>
            <ActionIcon size={40} variant="light" color={copied ? 'sage' : 'gray'} onClick={copy} aria-label={label}>
              {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function CalendarFeedSection() {
  const feed = useQuery({ queryKey: ['calendar-feed'], queryFn: () => api.getCalendarFeed({}) });
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.createCalendarFeed({}),
    onSuccess: (f) => {
      setUrl(f.url);
      return queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
  });
  const revoke = useMutation({
    mutationFn: () => api.revokeCalendarFeed({}),
    onSuccess: () => {
      setUrl(null);
      notifications.show({ message: 'Calendar feed turned off. Its URL no longer works.' });
      return queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
  });
  const f = feed.data;
  return (
    <Section
      title="Calendar feed"
      hint="Follow-ups, check-ins due, birthdays and anniversaries in Google Calendar, Apple Calendar or Outlook. Subscribe to a secret link; calendar apps refresh it every hour or so."
    >
      <Stack gap="sm" pb="md">
        {feed.isPending ? (
          <LinesSkeleton n={1} />
        ) : url ? (
          <>
            <Alert color="yellow" variant="light">
              Copy the link now: Tend shows it only once. Anyone with it can read these reminders.
            </Alert>
            <Secret value={url} testId="feed-url" label="Copy feed link" />
          </>
        ) : (
          <Group gap={8}>
            <Badge color={f?.active ? 'sage' : 'gray'}>{f?.active ? 'On' : 'Off'}</Badge>
            {f?.active && (
              <Text size="sm" c="dimmed">
                secret {f.prefix}… · fetched {f.lastFetchedAt ? <RelativeTime iso={f.lastFetchedAt} /> : 'never yet'}
              </Text>
            )}
          </Group>
        )}
        <Group>
          <Button
            leftSection={<IconCalendarEvent size={16} />}
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            {f?.active ? 'New link' : 'Create feed link'}
          </Button>
          {f?.active && (
            <Button variant="subtle" color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
              Turn off
            </Button>
          )}
        </Group>
        {f?.active && !url && (
          <Text size="xs" c="dimmed">
            A new link replaces the old one, which stops working.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function DigestSection() {
  const digest = useQuery({ queryKey: ['digest'], queryFn: () => api.getDigestSettings({}) });
  const log = useQuery({ queryKey: ['digest-log'], queryFn: () => api.listDigestDeliveries({}) });
  const save = useMutation({
    mutationFn: (body: DigestSettingsUpdate) => api.updateDigestSettings({ body }),
    onSuccess: (s) => {
      queryClient.setQueryData(['digest'], s);
      notifications.show({
        color: 'sage',
        message:
          s.frequency === 'off'
            ? 'Digest turned off'
            : `Digest saved: ${s.frequency} at ${String(s.hour).padStart(2, '0')}:00`,
      });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Could not save', message: problemText(e) }),
  });
  const d = digest.data;
  return (
    <Section
      title="Email digest"
      hint="Who to reach out to, in your inbox: the same suggestions as Today, with a link to each person."
    >
      {!d ? (
        <LinesSkeleton n={1} />
      ) : (
        <Stack gap="sm" pb="md">
          {!d.mailConfigured && (
            <Alert color="yellow" variant="light">
              This server has no mail settings yet, so no digest goes out. The administrator sets TEND_SMTP_URL (see
              docs/sync.md).
            </Alert>
          )}
          <SegmentedControl
            aria-label="How often"
            value={d.frequency}
            onChange={(v) => save.mutate({ frequency: v as 'off' | 'daily' | 'weekly' })}
            data={[
              { value: 'off', label: 'Off' },
              { value: 'daily', label: 'Daily' },
              { value: 'weekly', label: 'Weekly' },
            ]}
            style={{ maxWidth: 360 }}
          />
          {d.frequency !== 'off' && (
            <Group grow style={{ maxWidth: 420 }}>
              {d.frequency === 'weekly' && (
                <Select
                  label="Day"
                  data={WEEKDAYS.map((w, i) => ({ value: String(i), label: w }))}
                  value={String(d.weekday)}
                  onChange={(v) => v && save.mutate({ weekday: Number(v) })}
                  allowDeselect={false}
                />
              )}
              <Select
                label="Time"
                data={HOURS}
                value={String(d.hour)}
                onChange={(v) => v && save.mutate({ hour: Number(v) })}
                allowDeselect={false}
              />
            </Group>
          )}
          <Text size="xs" c="dimmed">
            {d.recipient ? `Sent to ${d.recipient}` : 'Sent to your account email'} · {d.timeZone} (change the time zone
            under Keep in touch) · every email has a one-click unsubscribe link.
          </Text>
          {(log.data?.items.length ?? 0) > 0 && (
            <Text size="xs" c="dimmed" data-testid="digest-last">
              Last: {log.data?.items[0]?.status}{' '}
              <RelativeTime iso={log.data?.items[0]?.sentAt ?? log.data?.items[0]?.createdAt ?? ''} />
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}

function WebhooksSection() {
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => api.listWebhooks({}) });
  const [opened, modal] = useDisclosure(false);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['person.created', 'interaction.logged']);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const create = useMutation({
    mutationFn: () => api.createWebhook({ body: { url: url.trim(), events } }),
    onSuccess: (w) => {
      setCreated(w);
      return invalidate();
    },
    onError: (e) => setError(problemText(e)),
  });
  const toggle = useMutation({
    mutationFn: (w: { id: string; active: boolean }) =>
      api.updateWebhook({ params: { id: w.id }, body: { active: w.active } }),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.deleteWebhook({ params: { id } }),
    onSuccess: () => {
      notifications.show({ message: 'Webhook removed' });
      return invalidate();
    },
  });
  const close = () => {
    modal.close();
    setCreated(null);
    setUrl('');
    setError(null);
  };
  return (
    <Section
      title="Webhooks"
      hint="Tend POSTs signed JSON to your URL when someone is added or changed, an interaction is logged or a follow-up falls due. Failed deliveries are retried for about an hour."
    >
      <Stack gap={0} pb="sm">
        {hooks.isPending ? (
          <LinesSkeleton n={1} />
        ) : hooks.data?.items.length === 0 ? (
          <Text size="sm" c="dimmed" py="sm">
            No webhooks yet.
          </Text>
        ) : (
          hooks.data?.items.map((w) => (
            <Group
              key={w.id}
              justify="space-between"
              wrap="nowrap"
              py="sm"
              style={{ borderBottom: '1px solid var(--tend-border)' }}
              data-testid="webhook-row"
            >
              <div style={{ minWidth: 0 }}>
                <Text fw={550} size="sm" truncate>
                  {w.url}
                </Text>
                <Text size="xs" c="dimmed">
                  {w.events.map((e) => EVENTS.find((x) => x.value === e)?.label ?? e).join(' · ')} ·{' '}
                  {w.lastDelivery ? (
                    <>
                      last {w.lastDelivery.status}
                      {w.lastDelivery.responseCode ? ` (${w.lastDelivery.responseCode})` : ''}{' '}
                      <RelativeTime iso={w.lastDelivery.at} />
                    </>
                  ) : (
                    'nothing sent yet'
                  )}
                </Text>
              </div>
              <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  color="gray"
                  onClick={() => toggle.mutate({ id: w.id, active: !w.active })}
                >
                  {w.active ? 'Pause' : 'Resume'}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  loading={remove.isPending && remove.variables === w.id}
                  onClick={() => remove.mutate(w.id)}
                  aria-label={`Remove webhook ${w.url}`}
                >
                  Remove
                </Button>
              </Group>
            </Group>
          ))
        )}
        <Group mt="md">
          <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
            Add webhook
          </Button>
        </Group>
      </Stack>
      <Modal opened={opened} onClose={close} title={created ? 'Webhook added' : 'Add a webhook'} centered>
        {created ? (
          <Stack>
            <Alert color="yellow" variant="light">
              Copy the signing secret now: this is the only time Tend shows it. Your receiver uses it to check the
              Tend-Signature header of every delivery.
            </Alert>
            <Secret value={created.secret} testId="webhook-secret" label="Copy signing secret" />
            <Group justify="flex-end">
              <Button onClick={close}>Done</Button>
            </Group>
          </Stack>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setError(null);
              if (!/^https?:\/\//i.test(url.trim())) return setError('Give an http:// or https:// URL.');
              if (events.length === 0) return setError('Choose at least one event.');
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
                label="URL"
                placeholder="https://example.com/tend-hook"
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
                data-autofocus
              />
              <Checkbox.Group label="Events" value={events} onChange={(v) => setEvents(v as WebhookEvent[])}>
                <Stack gap={8} mt={6}>
                  {EVENTS.map((e) => (
                    <Checkbox key={e.value} value={e.value} label={`${e.label} (${e.value})`} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={create.isPending} leftSection={<IconWebhook size={16} />}>
                  Add webhook
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Section>
  );
}

/** Staying in sync: the calendar feed, the email digest and webhooks. */
export function SyncTab() {
  return (
    <Stack gap="xl">
      <CalendarFeedSection />
      <DigestSection />
      <WebhooksSection />
    </Stack>
  );
}
