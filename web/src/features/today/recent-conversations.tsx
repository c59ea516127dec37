import { Avatar, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PersonAvatar } from '../../components/person-avatar';
import { LinesSkeleton } from '../../components/section';
import { RelativeTime } from '../../components/relative-time';
import { api, keys } from '../../lib/api';
import { KindIcon } from '../../lib/kind-icon';
import { kindLabel } from '../../lib/labels';

export function RecentConversations() {
  const recent = useQuery({
    queryKey: keys.recentInteractions(6),
    queryFn: () => api.listInteractions({ query: { limit: 6 } }),
  });
  if (recent.isPending) return <LinesSkeleton n={3} />;
  const items = recent.data?.items ?? [];
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" py="sm">
        Nothing logged yet. Press <kbd className="tend-kbd-hint">L</kbd> after your next coffee or call.
      </Text>
    );
  return (
    <Stack gap={0} pb={6}>
      {items.map((it) => {
        const first = it.participants[0];
        return (
          <Group key={it.id} gap="sm" wrap="nowrap" align="flex-start" py={10}>
            <ThemeIcon variant="light" radius="xl" size={32} aria-label={kindLabel[it.kind]}>
              <KindIcon kind={it.kind} size={17} />
            </ThemeIcon>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" fw={500} lineClamp={2}>
                {it.summary}
              </Text>
              <Group gap={6} mt={4} wrap="nowrap">
                <Avatar.Group spacing={6}>
                  {it.participants.slice(0, 3).map((p) => (
                    <PersonAvatar key={p.id} person={p} size={20} />
                  ))}
                </Avatar.Group>
                <Text size="xs" c="dimmed" truncate>
                  {first && (
                    <Text component={Link} to={`/people/${first.id}`} size="xs" c="dimmed" className="tend-link-plain">
                      {first.fullName}
                    </Text>
                  )}
                  {it.participants.length > 1 && (
                    <Tooltip
                      label={it.participants
                        .slice(1)
                        .map((p) => p.fullName)
                        .join(', ')}
                    >
                      <span> +{it.participants.length - 1}</span>
                    </Tooltip>
                  )}
                  {' · '}
                  <RelativeTime iso={it.occurredAt} />
                </Text>
              </Group>
            </div>
          </Group>
        );
      })}
    </Stack>
  );
}
