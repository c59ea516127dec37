import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { eventDates } from '../events/labels';

/** "Who did I meet at X", seen from the person: the events where you met or planned to see them. */
export function MetAt({ personId }: { personId: string }) {
  const events = useQuery({
    queryKey: ['events', 'person', personId],
    queryFn: () => api.listPersonEvents({ params: { id: personId } }),
  });
  const items = events.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="tend-card" style={{ padding: '16px 18px' }} aria-label="Met at" data-testid="met-at">
      <Text size="sm" fw={600} mb={6}>
        Met at
      </Text>
      <Stack gap={8}>
        {items.map((x) => (
          <Group key={x.event.id} gap="sm" wrap="nowrap" align="flex-start">
            <IconCalendarEvent size={18} style={{ marginTop: 2, flexShrink: 0, opacity: 0.7 }} />
            <div style={{ flex: 1, minWidth: 0 }}>
              <Group gap={6} wrap="nowrap">
                <Text
                  component={Link}
                  to={`/events/${x.event.id}`}
                  size="sm"
                  fw={600}
                  className="tend-link-plain"
                  truncate
                >
                  {x.event.name}
                </Text>
                {x.role === 'planned' ? (
                  <Badge size="xs" variant="light" color="gray">
                    planned
                  </Badge>
                ) : x.followedUpAt ? (
                  <Badge size="xs" variant="light">
                    followed up
                  </Badge>
                ) : (
                  <Badge size="xs" variant="light" color="orange">
                    follow up
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {eventDates(x.event.startsOn, x.event.endsOn)}
                {x.context ? ` · ${x.context}` : ''}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
    </section>
  );
}
