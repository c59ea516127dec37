import { Badge, Button, Group, Progress, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCalendarPlus, IconMapPin } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Event } from '../../../../src/contract/events.js';
import { PageHeader } from '../../components/page-header';
import { LinesSkeleton } from '../../components/section';
import { api } from '../../lib/api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AddEventModal } from './add-event-modal';
import classes from './events.module.css';
import { dayAndMonth, eventDates, eventKindLabel, percent } from './labels';

type When = 'upcoming' | 'past' | 'all';

/** Events: go with a plan, come back with relationships. */
export default function EventsPage() {
  useDocumentTitle('Events');
  const [when, setWhen] = useState<When>('all');
  const [adding, setAdding] = useState(false);
  const events = useQuery({ queryKey: ['events', when], queryFn: () => api.listEvents({ query: { when } }) });
  const items = events.data?.items ?? [];
  return (
    <Stack gap="lg">
      <PageHeader
        title="Events"
        subtitle="Who to see, who you met, and the follow-ups afterwards."
        actions={
          <Button leftSection={<IconCalendarPlus size={16} />} onClick={() => setAdding(true)}>
            Add event
          </Button>
        }
      />
      <SegmentedControl
        value={when}
        onChange={(v) => setWhen(v as When)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'upcoming', label: 'Upcoming' },
          { value: 'past', label: 'Past' },
        ]}
        w={{ base: '100%', sm: 320 }}
        aria-label="Which events"
      />
      {events.isPending ? (
        <LinesSkeleton n={4} />
      ) : items.length === 0 ? (
        <Stack className="tend-card" p="xl" gap="xs" align="flex-start">
          <Text fw={600}>No events {when === 'all' ? 'yet' : when === 'upcoming' ? 'coming up' : 'in the past'}</Text>
          <Text c="dimmed" size="sm" maw={520}>
            Add the next conference, meetup or coffee round with a goal for it. At the event, add the people you meet in
            seconds from your phone; afterwards, Tend keeps the follow-up checklist.
          </Text>
          <Button variant="light" mt="xs" onClick={() => setAdding(true)}>
            Add your first event
          </Button>
        </Stack>
      ) : (
        <Stack gap="sm">
          {items.map((e) => (
            <EventCard key={e.id} event={e} />
          ))}
        </Stack>
      )}
      <AddEventModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function EventCard({ event: e }: { event: Event }) {
  const { day, month } = dayAndMonth(e.startsOn);
  const c = e.counts;
  return (
    <UnstyledButton
      component={Link}
      to={`/events/${e.id}`}
      className={`tend-card ${classes.card}`}
      data-testid="event-card"
    >
      <div className={classes.date} aria-hidden>
        <Text fz={22} fw={700} lh={1}>
          {day}
        </Text>
        <Text fz={12} tt="uppercase" c="dimmed" fw={600}>
          {month}
        </Text>
      </div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Group gap="xs" wrap="nowrap">
          <Text fw={650} truncate>
            {e.name}
          </Text>
          <Badge variant="light" size="sm" radius="sm" style={{ flexShrink: 0 }}>
            {eventKindLabel[e.kind]}
          </Badge>
        </Group>
        <Group gap={6} c="dimmed" wrap="nowrap">
          <Text size="sm" c="dimmed">
            {eventDates(e.startsOn, e.endsOn)}
          </Text>
          {e.place && (
            <>
              <IconMapPin size={14} />
              <Text size="sm" c="dimmed" truncate>
                {e.place}
              </Text>
            </>
          )}
        </Group>
        {e.goals && (
          <Text size="sm" mt={4} lineClamp={1}>
            {e.goals}
          </Text>
        )}
      </div>
      <div className={classes.rate}>
        {c.met === 0 ? (
          <Text size="xs" c="dimmed">
            {c.planned > 0 ? `${c.planned} to see` : 'Nobody met yet'}
          </Text>
        ) : (
          <>
            <Text size="sm" fw={600}>
              {percent(c.followUpRate)}
            </Text>
            <Progress value={(c.followUpRate ?? 0) * 100} size="sm" radius="xl" w={80} aria-hidden />
            <Text size="xs" c="dimmed">
              {c.followedUp}/{c.met} followed up
            </Text>
          </>
        )}
      </div>
    </UnstyledButton>
  );
}
