import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconCheck,
  IconGitMerge,
  IconMail,
  IconPhone,
  IconSparkles,
  IconWorld,
} from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DuplicatePair, DuplicatePerson, DuplicatesList, MergeRecord } from '../../../../src/contract/dedupe.js';
import { PersonAvatar } from '../../components/person-avatar';
import { RelativeTime } from '../../components/relative-time';
import { LinesSkeleton, Section } from '../../components/section';
import { api, isApiError, queryClient } from '../../lib/api';

const dupKeys = {
  list: ['duplicates'] as const,
  merges: ['merges'] as const,
};

function refresh() {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: dupKeys.list }),
    queryClient.invalidateQueries({ queryKey: dupKeys.merges }),
    queryClient.invalidateQueries({ queryKey: ['people'] }),
  ]);
}

/**
 * Takes pairs out of the list on screen at once. The suggestions are recomputed over the
 * whole workspace (about 2 s at 100,000 people), so the refetch that follows runs in the
 * background instead of holding the button that was pressed.
 */
function dropPairs(gone: (p: DuplicatePair) => boolean) {
  queryClient.setQueryData<DuplicatesList>(dupKeys.list, (old) => {
    if (!old) return old;
    const items = old.items.filter((p) => !gone(p));
    return { ...old, items, total: Math.max(0, old.total - (old.items.length - items.length)) };
  });
}

function problemText(err: unknown): string {
  if (isApiError(err)) return err.problem.detail ?? err.problem.title;
  return err instanceof Error ? err.message : String(err);
}

function scoreColor(score: number) {
  return score >= 0.9 ? 'sage' : score >= 0.6 ? 'yellow' : 'gray';
}

function PersonSide({
  person,
  chosen,
  onChoose,
  label,
}: {
  person: DuplicatePerson;
  chosen: boolean;
  onChoose: () => void;
  label: string;
}) {
  const role = [person.roleTitle, person.organisation].filter(Boolean).join(' at ');
  return (
    <UnstyledButton
      onClick={onChoose}
      aria-pressed={chosen}
      aria-label={`${label}: keep ${person.fullName}`}
      style={{
        borderRadius: 12,
        padding: 14,
        border: `1.5px solid ${chosen ? 'var(--mantine-primary-color-filled)' : 'var(--tend-border)'}`,
        background: chosen ? 'var(--mantine-primary-color-light)' : 'transparent',
        display: 'block',
        minWidth: 0,
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <PersonAvatar person={person} size={44} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Group justify="space-between" wrap="nowrap" gap={6}>
            <Anchor
              component={Link}
              to={`/people/${person.id}`}
              fw={600}
              c="var(--mantine-color-text)"
              onClick={(e) => e.stopPropagation()}
              style={{ overflowWrap: 'anywhere' }}
            >
              {person.fullName}
            </Anchor>
            <Radio checked={chosen} onChange={onChoose} aria-hidden tabIndex={-1} size="sm" />
          </Group>
          {(person.headline || role) && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {person.headline ?? role}
            </Text>
          )}
          <Stack gap={2} mt={8}>
            {person.emails.map((e) => (
              <Group key={e} gap={6} wrap="nowrap">
                <IconMail size={14} stroke={1.6} style={{ flexShrink: 0, opacity: 0.6 }} />
                <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {e}
                </Text>
              </Group>
            ))}
            {person.phones.map((p) => (
              <Group key={p} gap={6} wrap="nowrap">
                <IconPhone size={14} stroke={1.6} style={{ flexShrink: 0, opacity: 0.6 }} />
                <Text size="xs">{p}</Text>
              </Group>
            ))}
            {person.links.map((l) => (
              <Group key={l} gap={6} wrap="nowrap">
                <IconWorld size={14} stroke={1.6} style={{ flexShrink: 0, opacity: 0.6 }} />
                <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {l.replace(/^https?:\/\/(www\.)?/, '')}
                </Text>
              </Group>
            ))}
          </Stack>
          <Group gap={6} mt={8}>
            {person.tags.map((t) => (
              <Badge key={t} variant="light" color="gray" size="sm" tt="none">
                {t}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed" mt={8}>
            {person.interactionCount === 0
              ? 'No interactions'
              : `${person.interactionCount} interaction${person.interactionCount === 1 ? '' : 's'}`}
            {person.lastInteractionAt && (
              <>
                {' · last '}
                <RelativeTime iso={person.lastInteractionAt} />
              </>
            )}
            {' · added '}
            <RelativeTime iso={person.createdAt} />
          </Text>
        </div>
      </Group>
    </UnstyledButton>
  );
}

function PairCard({ pair, onMerged }: { pair: DuplicatePair; onMerged: (m: MergeRecord) => void }) {
  // By default keep the one with more history.
  const richer =
    pair.b.interactionCount > pair.a.interactionCount ||
    (pair.b.interactionCount === pair.a.interactionCount && pair.b.emails.length > pair.a.emails.length)
      ? 'b'
      : 'a';
  const [keep, setKeep] = useState<'a' | 'b'>(richer);
  const survivor = keep === 'a' ? pair.a : pair.b;
  const other = keep === 'a' ? pair.b : pair.a;
  const merge = useMutation({
    mutationFn: () => api.mergePeople({ body: { survivorId: survivor.id, mergedId: other.id } }),
    onSuccess: (r) => {
      if (r.merge) onMerged(r.merge);
      // Every pair with the merged person is gone; the survivor's may change with what it took over.
      dropPairs((p) => p.a.id === other.id || p.b.id === other.id);
      void refresh();
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Could not merge', message: problemText(e) }),
  });
  const dismiss = useMutation({
    mutationFn: () => api.dismissDuplicate({ body: { a: pair.a.id, b: pair.b.id } }),
    onSuccess: () => {
      notifications.show({ message: `${pair.a.fullName} and ${pair.b.fullName} will not be suggested again.` });
      dropPairs((p) => p.a.id === pair.a.id && p.b.id === pair.b.id);
      void refresh();
    },
  });
  return (
    <Paper className="tend-card" p={{ base: 'sm', sm: 'md' }} data-testid="duplicate-pair">
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <Group gap={6}>
          {pair.reasons.map((r) => (
            <Badge
              key={r.detail}
              variant="light"
              color="gray"
              tt="none"
              size="md"
              style={{ whiteSpace: 'normal', height: 'auto' }}
            >
              {r.detail}
            </Badge>
          ))}
        </Group>
        <Tooltip label="How likely these are one person">
          <Badge color={scoreColor(pair.score)} variant="light" size="lg" tt="none">
            {Math.round(pair.score * 100)}% likely
          </Badge>
        </Tooltip>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <PersonSide person={pair.a} chosen={keep === 'a'} onChoose={() => setKeep('a')} label="Left" />
        <PersonSide person={pair.b} chosen={keep === 'b'} onChoose={() => setKeep('b')} label="Right" />
      </SimpleGrid>
      <Group justify="space-between" mt="md" gap="xs">
        <Text size="xs" c="dimmed" maw={460}>
          Keeps everything: {other.fullName}’s details, interactions and follow-ups move to {survivor.fullName}. You can
          undo it.
        </Text>
        <Group gap="xs">
          <Button variant="subtle" color="gray" onClick={() => dismiss.mutate()} loading={dismiss.isPending}>
            Not the same person
          </Button>
          <Button leftSection={<IconGitMerge size={16} />} onClick={() => merge.mutate()} loading={merge.isPending}>
            Merge into {survivor.fullName.split(' ')[0]}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

function useUndo() {
  return useMutation({
    mutationFn: (id: string) => api.undoMerge({ params: { id } }),
    onSuccess: (m) => {
      notifications.show({ color: 'sage', icon: <IconCheck size={16} />, message: `${m.merged.fullName} is back.` });
      return refresh();
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Could not undo', message: problemText(e) }),
  });
}

export function DuplicatesTab() {
  const list = useQuery({ queryKey: dupKeys.list, queryFn: () => api.listDuplicates({ query: { limit: 50 } }) });
  const merges = useQuery({ queryKey: dupKeys.merges, queryFn: () => api.listMerges({ query: { limit: 10 } }) });
  const undo = useUndo();

  const onMerged = (m: MergeRecord) => {
    notifications.show({
      id: `merge-${m.id}`,
      color: 'sage',
      icon: <IconCheck size={16} />,
      message: (
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm">
            Merged {m.merged.fullName} into {m.survivor.fullName}.
          </Text>
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => {
              notifications.hide(`merge-${m.id}`);
              undo.mutate(m.id);
            }}
          >
            Undo
          </Button>
        </Group>
      ),
    });
  };

  return (
    <Stack gap="lg">
      <Section
        title="Possible duplicates"
        hint="The same email, phone or LinkedIn profile, or names that match allowing for nicknames, accents and initials. Pick who to keep, then merge."
      >
        <Stack gap="md" pb="md" pt={4}>
          {list.isPending ? (
            <LinesSkeleton n={3} />
          ) : list.isError ? (
            <Text c="red" size="sm">
              {problemText(list.error)}
            </Text>
          ) : list.data.items.length === 0 ? (
            <Group gap="sm" py="md" wrap="nowrap">
              <ThemeIcon variant="light" color="sage" size={40} radius="xl">
                <IconSparkles size={20} />
              </ThemeIcon>
              <div>
                <Text fw={550}>No duplicates</Text>
                <Text size="sm" c="dimmed">
                  Everyone appears once. Imports are checked again each time you come back here.
                </Text>
              </div>
            </Group>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {list.data.total.toLocaleString('en-GB')} pair{list.data.total === 1 ? '' : 's'}, most likely first.
              </Text>
              {list.data.items.map((p) => (
                <PairCard key={`${p.a.id}|${p.b.id}`} pair={p} onMerged={onMerged} />
              ))}
            </>
          )}
        </Stack>
      </Section>

      <Section title="Recent merges" hint="Undo brings the merged person back with everything that moved.">
        <Stack gap={0} pb="sm">
          {merges.isPending ? (
            <LinesSkeleton n={1} />
          ) : merges.data?.items.length === 0 ? (
            <Text size="sm" c="dimmed" py="md">
              No merges yet.
            </Text>
          ) : (
            merges.data?.items.map((m) => (
              <Group
                key={m.id}
                justify="space-between"
                wrap="nowrap"
                py="sm"
                style={{ borderBottom: '1px solid var(--tend-border)' }}
                data-testid="merge-row"
              >
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={550}>
                    {m.merged.fullName} → {m.survivor.fullName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <RelativeTime iso={m.createdAt} />
                    {m.undoneAt && (
                      <>
                        {' · undone '}
                        <RelativeTime iso={m.undoneAt} />
                      </>
                    )}
                  </Text>
                </div>
                {!m.undoneAt && (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconArrowBackUp size={14} />}
                    loading={undo.isPending && undo.variables === m.id}
                    onClick={() => undo.mutate(m.id)}
                    aria-label={`Undo merge of ${m.merged.fullName}`}
                    style={{ flexShrink: 0 }}
                  >
                    Undo
                  </Button>
                )}
              </Group>
            ))
          )}
        </Stack>
      </Section>
    </Stack>
  );
}
