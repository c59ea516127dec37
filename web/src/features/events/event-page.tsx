import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  RingProgress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDots, IconExternalLink, IconMapPin, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { EventDetail, EventPerson } from '../../../../src/contract/events.js';
import { PersonAvatar } from '../../components/person-avatar';
import { PersonLine } from '../../components/person-line';
import { Section } from '../../components/section';
import { PersonPicker } from '../capture/person-picker';
import { api, queryClient } from '../../lib/api';
import { safeUrl } from '../../lib/safe-url';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import classes from './events.module.css';
import { eventDates, eventKindLabel, percent } from './labels';
import { QuickAdd } from './quick-add';

/** One event: the goal, who you met (with the follow-up checklist), who you planned to see. */
export default function EventPage() {
  const { id = '' } = useParams();
  const phone = usePhone();
  const event = useQuery({ queryKey: ['events', 'detail', id], queryFn: () => api.getEvent({ params: { id } }) });
  useDocumentTitle(event.data?.name ?? 'Event');
  if (event.isError) {
    return (
      <Alert color="red" variant="light" title="This event cannot be shown">
        {event.error.message}{' '}
        <Anchor component={Link} to="/events">
          Back to events
        </Anchor>
      </Alert>
    );
  }
  const e = event.data;
  if (!e) return <Skeleton height={240} radius="lg" />;
  const met = e.people.filter((p) => p.role === 'met');
  const planned = e.people.filter((p) => p.role === 'planned');
  const quick = (
    <Section title="Met someone?" hint="A name and one line is enough. Add them now, follow up later.">
      <div style={{ paddingBottom: 12 }}>
        <QuickAdd eventId={e.id} eventName={e.name} />
      </div>
    </Section>
  );
  return (
    <Stack gap="lg">
      <Header event={e} />
      {phone && quick}
      <SimpleGrid cols={{ base: 1, md: 5 }} spacing={phone ? 'lg' : 32}>
        <Stack gap="lg" style={{ gridColumn: phone ? undefined : 'span 3' }}>
          <Checklist event={e} met={met} />
          <Planned event={e} planned={planned} />
        </Stack>
        <Stack gap="lg" style={{ gridColumn: phone ? undefined : 'span 2' }}>
          {!phone && quick}
          {(e.goals || e.notes) && (
            <Section title="Goals">
              <Text size="sm" pb="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {e.goals || e.notes}
              </Text>
            </Section>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function Header({ event: e }: { event: EventDetail }) {
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => api.deleteEvent({ params: { id: e.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['events'] });
      notifications.show({ color: 'sage', message: `${e.name} deleted; the people stay in your network.` });
      void navigate('/events');
    },
  });
  return (
    <div>
      <Anchor component={Link} to="/events" size="sm" c="dimmed">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Events
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" mt={6} wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Title order={1} fz={{ base: 24, sm: 28 }} style={{ letterSpacing: '-0.015em' }}>
            {e.name}
          </Title>
          <Group gap="xs" mt={6}>
            <Badge variant="light" radius="sm">
              {eventKindLabel[e.kind]}
            </Badge>
            <Text size="sm" c="dimmed">
              {eventDates(e.startsOn, e.endsOn)}
            </Text>
            {e.place && (
              <Group gap={4} c="dimmed">
                <IconMapPin size={14} />
                <Text size="sm" c="dimmed">
                  {e.place}
                </Text>
              </Group>
            )}
            {e.url && (
              <Anchor href={safeUrl(e.url)} target="_blank" rel="noreferrer" size="sm">
                <Group gap={4}>
                  Event page <IconExternalLink size={13} />
                </Group>
              </Anchor>
            )}
          </Group>
        </div>
        <Menu position="bottom-end">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label="Event actions" size="lg">
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => remove.mutate()}>
              Delete event
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </div>
  );
}

/**
 * Shows a change to one person of the event at once. A refetch already in flight (after adding
 * someone, say) is cancelled first: its older answer would otherwise land after the tick and
 * untick it until the next refetch.
 */
async function setEntry(eventId: string, personId: string, patch: Partial<EventPerson>) {
  await queryClient.cancelQueries({ queryKey: ['events', 'detail', eventId] });
  queryClient.setQueryData<EventDetail>(['events', 'detail', eventId], (d) => {
    if (!d) return d;
    const people = d.people.map((p) => (p.person.id === personId ? { ...p, ...patch } : p));
    const met = people.filter((p) => p.role === 'met');
    const done = met.filter((p) => p.followedUpAt).length;
    return {
      ...d,
      people,
      counts: { ...d.counts, met: met.length, followedUp: done, followUpRate: met.length ? done / met.length : null },
    };
  });
}

function Checklist({ event: e, met }: { event: EventDetail; met: EventPerson[] }) {
  const toggle = useMutation({
    mutationFn: ({ personId, done }: { personId: string; done: boolean }) =>
      done
        ? api.followUpEventPerson({ params: { id: e.id, personId }, body: {} })
        : api.undoEventFollowUp({ params: { id: e.id, personId } }),
    onMutate: ({ personId, done }) =>
      setEntry(e.id, personId, { followedUpAt: done ? new Date().toISOString() : null }),
    onError: (error) => notifications.show({ color: 'red', title: 'Not saved', message: (error as Error).message }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['events'] });
      void queryClient.invalidateQueries({ queryKey: ['today'] });
    },
  });
  const c = e.counts;
  return (
    <Section title="Follow-ups" hint="Everyone you met. Ticking one logs the follow-up on their timeline.">
      {met.length === 0 ? (
        <Text size="sm" c="dimmed" pb="sm">
          Nobody met yet. Add people as you meet them; they land here for the follow-up.
        </Text>
      ) : (
        <>
          <Group gap="md" py="xs" data-testid="follow-up-rate">
            <RingProgress
              size={64}
              thickness={7}
              roundCaps
              sections={[{ value: (c.followUpRate ?? 0) * 100, color: 'sage' }]}
              label={
                <Text ta="center" size="xs" fw={700}>
                  {percent(c.followUpRate)}
                </Text>
              }
            />
            <div>
              <Text fw={600}>
                {c.followedUp} of {c.met} followed up
              </Text>
              <Text size="sm" c="dimmed">
                {c.followedUp === c.met
                  ? 'All done. Nicely tended.'
                  : `${c.met - c.followedUp} still waiting to hear from you`}
              </Text>
            </div>
          </Group>
          <Stack gap={0} data-testid="checklist">
            {met.map((p) => (
              <Group key={p.person.id} gap="md" wrap="nowrap" className={classes.checkRow} data-testid="checklist-item">
                <Checkbox
                  size="md"
                  radius="xl"
                  checked={Boolean(p.followedUpAt)}
                  onChange={(ev) => toggle.mutate({ personId: p.person.id, done: ev.currentTarget.checked })}
                  aria-label={`Followed up with ${p.person.fullName}`}
                />
                <PersonAvatar person={p.person} size={34} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text
                    component={Link}
                    to={`/people/${p.person.id}`}
                    size="sm"
                    fw={600}
                    className="tend-link-plain"
                    td={p.followedUpAt ? 'line-through' : undefined}
                    c={p.followedUpAt ? 'dimmed' : undefined}
                  >
                    {p.person.fullName}
                  </Text>
                  {p.context && (
                    <Text size="xs" c="dimmed" truncate>
                      {p.context}
                    </Text>
                  )}
                </div>
              </Group>
            ))}
          </Stack>
        </>
      )}
    </Section>
  );
}

function Planned({ event: e, planned }: { event: EventDetail; planned: EventPerson[] }) {
  const [picking, setPicking] = useState<{ id: string; fullName: string; photoUrl: string | null }[]>([]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['events'] });
  const plan = useMutation({
    mutationFn: (personId: string) => api.planEventPerson({ params: { id: e.id }, body: { personId } }),
    onSettled: refresh,
  });
  const met = useMutation({
    mutationFn: (personId: string) => api.metEventPerson({ params: { id: e.id }, body: { personId } }),
    onMutate: (personId) => setEntry(e.id, personId, { role: 'met' }),
    onSettled: refresh,
  });
  return (
    <Section title="Planned to see" hint="People you hope to meet there. Mark them met when you do.">
      {planned.map((p) => (
        <PersonLine
          key={p.person.id}
          person={p.person}
          line={p.context ?? p.person.headline}
          action={
            <Button size="xs" variant="light" onClick={() => met.mutate(p.person.id)}>
              Met
            </Button>
          }
        />
      ))}
      <div style={{ paddingBottom: 14, paddingTop: planned.length ? 6 : 0 }}>
        <PersonPicker
          label="Plan to see"
          value={picking}
          onChange={(v) => {
            const added = v.filter((x) => !picking.some((p) => p.id === x.id));
            for (const a of added) plan.mutate(a.id);
            setPicking([]);
          }}
          description="Someone already in your network"
        />
      </div>
    </Section>
  );
}
