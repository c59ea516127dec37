import { Anchor, Avatar, Button, Group, Skeleton, Spoiler, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconNotebook } from '@tabler/icons-react';
import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { useCapture } from '../../app/capture-context';
import { MarkdownText } from '../../components/markdown-text';
import { PersonAvatar } from '../../components/person-avatar';
import { RelativeTime } from '../../components/relative-time';
import { api, keys } from '../../lib/api';
import { KindIcon } from '../../lib/kind-icon';
import { channelLabel, firstName, kindLabel } from '../../lib/labels';
import { monthLabel } from '../../lib/time';
import type { InteractionItem, InteractionPage, PersonDetail } from '../../lib/types';

const PAGE = 30;

export function usePersonTimeline(id: string) {
  return useInfiniteQuery<
    InteractionPage,
    Error,
    InfiniteData<InteractionPage>,
    readonly unknown[],
    string | undefined
  >({
    queryKey: keys.personTimeline(id),
    queryFn: ({ pageParam }) =>
      api.listPersonInteractions({
        params: { id },
        query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
      }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Everything that happened between you and this person, newest first, grouped by month. */
export function Timeline({ person }: { person: PersonDetail }) {
  const capture = useCapture();
  const timeline = usePersonTimeline(person.id);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];

  if (timeline.isPending) {
    return (
      <Stack gap="lg" data-testid="timeline" aria-busy="true" aria-label="Loading the timeline">
        {[0, 1, 2].map((i) => (
          <Group key={i} gap="md" align="flex-start" wrap="nowrap">
            <Skeleton circle height={36} />
            <div style={{ flex: 1 }}>
              <Skeleton height={13} width="55%" mb={8} />
              <Skeleton height={10} width="35%" mb={10} />
              <Skeleton height={10} width="85%" />
            </div>
          </Group>
        ))}
      </Stack>
    );
  }

  if (timeline.isError) {
    return (
      <div data-testid="timeline">
        <Text c="red" size="sm">
          Could not load the timeline: {timeline.error.message}
        </Text>
        <Button size="xs" variant="light" mt="sm" onClick={() => timeline.refetch()}>
          Try again
        </Button>
      </div>
    );
  }

  if (items.length === 0) {
    return (
      <div data-testid="timeline" className="tend-card" style={{ padding: '32px 24px', textAlign: 'center' }}>
        <ThemeIcon size={44} radius="xl" variant="light" mb="sm">
          <IconNotebook size={22} />
        </ThemeIcon>
        <Text fw={600}>No conversations logged yet</Text>
        <Text size="sm" c="dimmed" mt={4} mb="md" maw={420} mx="auto">
          After your next coffee, call or message with {firstName(person.fullName)}, write one line about it. Next time,
          you start where you left off.
        </Text>
        <Button variant="light" onClick={() => capture.logInteraction({ participants: [person] })}>
          Log the first one
        </Button>
      </div>
    );
  }

  let lastMonth = '';
  return (
    <div data-testid="timeline">
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={`Timeline with ${person.fullName}`}>
        {items.map((it, i) => {
          const month = monthLabel(it.occurredAt);
          const showMonth = month !== lastMonth;
          lastMonth = month;
          return (
            <Fragment key={it.id}>
              {showMonth && (
                <li aria-hidden style={{ padding: i === 0 ? '0 0 12px' : '20px 0 12px' }}>
                  <Text size="xs" fw={650} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.06em' }}>
                    {month}
                  </Text>
                </li>
              )}
              <TimelineEntry
                item={it}
                personId={person.id}
                last={i === items.length - 1}
                connect={items[i + 1] !== undefined && monthLabel(items[i + 1]?.occurredAt ?? '') === month}
              />
            </Fragment>
          );
        })}
      </ol>
      {timeline.hasNextPage && (
        <Button
          variant="subtle"
          mt="md"
          onClick={() => timeline.fetchNextPage()}
          loading={timeline.isFetchingNextPage}
          fullWidth
        >
          Show older
        </Button>
      )}
    </div>
  );
}

function isPending(it: InteractionItem) {
  return it.id.startsWith('00000000-0000-7000-8000-');
}

interface EntryProps {
  item: InteractionItem;
  personId: string;
  last: boolean;
  /** Draw the rail down to the next entry (same month). */
  connect: boolean;
}

function TimelineEntry({ item, personId, last, connect }: EntryProps) {
  const others = item.participants.filter((p) => p.id !== personId);
  const meta = [kindLabel[item.kind], channelLabel[item.channel], item.platform].filter(Boolean).join(' · ');
  return (
    <li style={{ display: 'flex', gap: 14, opacity: isPending(item) ? 0.65 : 1 }}>
      <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
        <ThemeIcon size={36} radius="xl" variant="light" aria-hidden>
          <KindIcon kind={item.kind} size={18} />
        </ThemeIcon>
        {connect && (
          <div style={{ flex: 1, width: 2, borderRadius: 1, background: 'var(--tend-border)', margin: '6px 0' }} />
        )}
      </div>
      <div style={{ flex: 1, minWidth: 0, paddingBottom: last ? 0 : 22 }}>
        <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }} pt={2}>
            {item.summary}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} pt={3}>
            {isPending(item) ? 'Saving…' : <RelativeTime iso={item.occurredAt} />}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" mt={2}>
          {meta}
          {item.durationMinutes ? ` · ${item.durationMinutes} min` : ''}
        </Text>
        {others.length > 0 && (
          <Group gap={8} mt={8} wrap="nowrap">
            <Avatar.Group spacing={6}>
              {others.slice(0, 4).map((p) => (
                <PersonAvatar key={p.id} person={p} size={22} />
              ))}
            </Avatar.Group>
            <Text size="xs" c="dimmed" truncate>
              with{' '}
              {others.map((p, i) => (
                <Fragment key={p.id}>
                  {i > 0 && ', '}
                  <Anchor component={Link} to={`/people/${p.id}`} size="xs" c="dimmed" underline="hover">
                    {p.fullName}
                  </Anchor>
                </Fragment>
              ))}
            </Text>
          </Group>
        )}
        {item.notes.trim() && (
          <Spoiler maxHeight={88} showLabel="Show more" hideLabel="Show less" mt={8}>
            <div style={{ color: 'var(--mantine-color-dimmed)' }}>
              <MarkdownText source={item.notes} />
            </div>
          </Spoiler>
        )}
      </div>
    </li>
  );
}
