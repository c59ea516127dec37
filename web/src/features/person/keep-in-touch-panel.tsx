import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconClockPause,
  IconCopy,
  IconMinus,
  IconPlus,
  IconTrendingDown,
  IconTrendingUp,
  IconTrophy,
} from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ACHIEVEMENT_KINDS } from '../../../../src/contract/enums.js';
import type { AchievementKind } from '../../../../src/contract/keep-in-touch.js';
import { api, queryClient } from '../../lib/api';
import { firstName } from '../../lib/labels';
import type { PersonDetail } from '../../lib/types';
import { daysFrom, inDays, shortDay } from '../today/dates';
import { copyDraft, refreshAfterChange } from '../today/use-today';

const trendIcon = { warming: IconTrendingUp, cooling: IconTrendingDown, steady: IconMinus } as const;
const trendColor = { warming: 'sage', cooling: 'orange', steady: 'gray' } as const;

const achievementLabel: Record<AchievementKind, string> = {
  new_role: 'New role',
  promotion: 'Promotion',
  launch: 'Launch',
  publication: 'Publication',
  award: 'Award',
  work_anniversary: 'Work anniversary',
  other: 'Other news',
};

function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

/** Strength with its trend, when they are due, snooze; their follow-ups and achievements. */
export function KeepInTouchPanel({ person }: { person: PersonDetail }) {
  const k = person.keepInTouch;
  const Trend = trendIcon[k.trend];
  const today = todayIso();
  const dueIn = k.nextDueOn ? daysFrom(today, k.nextDueOn) : null;
  const followUps = useQuery({
    queryKey: ['follow-ups', person.id],
    queryFn: () => api.listFollowUps({ query: { personId: person.id, status: 'open' } }),
  });
  const achievements = useQuery({
    queryKey: ['people', 'achievements', person.id],
    queryFn: () => api.listPersonAchievements({ params: { id: person.id } }),
  });
  const snooze = useMutation({
    mutationFn: (days: number | null) =>
      days === null
        ? api.unsnoozePerson({ params: { id: person.id } })
        : api.snoozePerson({ params: { id: person.id }, body: { days } }),
    onSuccess: (s) =>
      notifications.show({
        color: 'sage',
        message: s.snoozedUntil ? `Snoozed until ${shortDay(s.snoozedUntil)}` : 'Snooze ended',
      }),
    onError: (e) => notifications.show({ color: 'red', title: 'Could not snooze', message: (e as Error).message }),
    onSettled: refreshAfterChange,
  });
  const complete = useMutation({
    mutationFn: (id: string) => api.completeFollowUp({ params: { id }, body: {} }),
    onMutate: (id) => {
      queryClient.setQueryData<typeof followUps.data>(['follow-ups', person.id], (d) =>
        d ? { ...d, items: d.items.filter((f) => f.id !== id) } : d,
      );
    },
    onSettled: refreshAfterChange,
  });

  return (
    <Stack gap="md" className="tend-card" p="md" data-testid="keep-in-touch">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Strength
          </Text>
          <Group gap={6} align="center">
            <Text fz={26} fw={650} lh={1.1}>
              {Math.round(k.strength)}
            </Text>
            <Tooltip label="From recency, frequency and depth of your interactions; it fades without contact.">
              <Badge variant="light" color={trendColor[k.trend]} leftSection={<Trend size={13} />} radius="sm">
                {k.trend}
              </Badge>
            </Tooltip>
          </Group>
        </div>
        <div style={{ textAlign: 'right' }}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Keep in touch
          </Text>
          <Text size="sm" fw={500} c={dueIn !== null && dueIn < 0 ? 'red' : undefined}>
            {dueIn === null ? 'No rhythm set' : dueIn < 0 ? `${-dueIn} days overdue` : `Due ${inDays(dueIn)}`}
          </Text>
          <Text size="xs" c="dimmed">
            {k.cadenceDays ? `every ${k.cadenceDays} days` : 'circle without a cadence'}
            {k.snoozedUntil && k.snoozedUntil > today ? ` · snoozed to ${shortDay(k.snoozedUntil)}` : ''}
          </Text>
        </div>
      </Group>
      <Group gap={6}>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" leftSection={<IconClockPause size={14} />} className="tend-touch">
              Snooze
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {[
              ['1 week', 7],
              ['1 month', 30],
              ['3 months', 90],
            ].map(([label, days]) => (
              <Menu.Item key={label} onClick={() => snooze.mutate(days as number)}>
                {label}
              </Menu.Item>
            ))}
            {k.snoozedUntil && <Menu.Item onClick={() => snooze.mutate(null)}>End the snooze</Menu.Item>}
          </Menu.Dropdown>
        </Menu>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconCopy size={14} />}
          className="tend-touch"
          onClick={() => void copyDraft(person.id, 'check_in')}
        >
          Copy a check-in
        </Button>
      </Group>

      <GiveAsk person={person} />

      <div>
        <Text size="sm" fw={600} mb={4}>
          Follow-ups
        </Text>
        {(followUps.data?.items ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing open.
          </Text>
        ) : (
          followUps.data?.items.map((f) => (
            <Group key={f.id} gap="sm" wrap="nowrap" py={4}>
              <Checkbox radius="xl" aria-label={`Done: ${f.title}`} onChange={() => complete.mutate(f.id)} />
              <Text size="sm" style={{ flex: 1 }}>
                {f.title}
              </Text>
              <Text size="xs" c={f.dueOn < today ? 'red' : 'dimmed'}>
                {inDays(daysFrom(today, f.dueOn))}
              </Text>
            </Group>
          ))
        )}
        <AddFollowUp personId={person.id} />
      </div>

      <div>
        <Text size="sm" fw={600} mb={4}>
          Achievements and news
        </Text>
        {(achievements.data?.items ?? []).map((a) => (
          <Group key={a.id} gap="sm" wrap="nowrap" py={4} align="flex-start">
            <IconTrophy size={16} stroke={1.7} style={{ marginTop: 2 }} aria-hidden />
            <div style={{ flex: 1 }}>
              <Text size="sm">{a.title}</Text>
              <Text size="xs" c="dimmed">
                {achievementLabel[a.kind]} · {shortDay(a.occurredOn)}
                {a.congratulatedAt ? ' · congratulated' : ''}
              </Text>
            </div>
            {!a.congratulatedAt && (
              <Tooltip label="Copy a congratulation">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Copy a congratulation for ${a.title}`}
                  onClick={() => void copyDraft(person.id, 'congratulation', { achievementId: a.id })}
                >
                  <IconCopy size={15} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        ))}
        <AddAchievement personId={person.id} />
      </div>
    </Stack>
  );
}

function AddFollowUp({ personId }: { personId: string }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api.createFollowUp({
        body: { personIds: [personId], ...(title ? { title } : {}), ...(due ? { dueOn: due } : {}) },
      }),
    onSuccess: () => {
      setOpen(false);
      setTitle('');
      setDue('');
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Could not add', message: (e as Error).message }),
    onSettled: refreshAfterChange,
  });
  if (!open) {
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        px={0}
        mt={4}
        leftSection={<IconPlus size={14} />}
        onClick={() => setOpen(true)}
      >
        Add a follow-up
      </Button>
    );
  }
  return (
    <Stack gap={6} mt={6}>
      <TextInput
        size="xs"
        label="What to do"
        placeholder="Send the deck"
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
      />
      <TextInput size="xs" type="date" label="Due" value={due} onChange={(e) => setDue(e.currentTarget.value)} />
      <Group gap={6}>
        <Button size="xs" loading={add.isPending} onClick={() => add.mutate()}>
          Add
        </Button>
        <Button size="xs" variant="subtle" color="gray" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

function AddAchievement({ personId }: { personId: string }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<AchievementKind>('new_role');
  const [title, setTitle] = useState('');
  const [on, setOn] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api.createAchievement({ params: { id: personId }, body: { kind, title, ...(on ? { occurredOn: on } : {}) } }),
    onSuccess: () => {
      setOpen(false);
      setTitle('');
      setOn('');
      void queryClient.invalidateQueries({ queryKey: ['people', 'achievements', personId] });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Could not record it', message: (e as Error).message }),
    onSettled: refreshAfterChange,
  });
  if (!open) {
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        px={0}
        mt={4}
        leftSection={<IconPlus size={14} />}
        onClick={() => setOpen(true)}
      >
        Record an achievement
      </Button>
    );
  }
  return (
    <Stack gap={6} mt={6}>
      <Select
        size="xs"
        label="Kind"
        data={ACHIEVEMENT_KINDS.map((k) => ({ value: k, label: achievementLabel[k] }))}
        value={kind}
        onChange={(v) => v && setKind(v as AchievementKind)}
        allowDeselect={false}
      />
      <TextInput
        size="xs"
        label="What happened"
        placeholder="Staff Engineer at Acme"
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
      />
      <TextInput size="xs" type="date" label="When" value={on} onChange={(e) => setOn(e.currentTarget.value)} />
      <Group gap={6}>
        <Button size="xs" loading={add.isPending} disabled={!title.trim()} onClick={() => add.mutate()}>
          Record
        </Button>
        <Button size="xs" variant="subtle" color="gray" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

/** Gives and asks over the last 12 months, and a gentle word when you mostly ask. */
function GiveAsk({ person }: { person: PersonDetail }) {
  const x = person.exchange;
  const total = x.gives + x.asks;
  return (
    <div data-testid="give-ask">
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          Give and ask
        </Text>
        <Text size="xs" c="dimmed">
          last 12 months
        </Text>
      </Group>
      {total === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing marked yet. Mark a log as "I gave" or "I asked" to see the balance.
        </Text>
      ) : (
        <>
          <Progress.Root size={10} radius="xl" aria-label={`${x.gives} gives, ${x.asks} asks`}>
            <Progress.Section value={(x.gives / total) * 100} color="sage" />
            <Progress.Section value={(x.asks / total) * 100} color="orange" />
          </Progress.Root>
          <Group justify="space-between" mt={4}>
            <Text size="xs">
              Gave <b>{x.gives}</b>
            </Text>
            <Text size="xs">
              Asked <b>{x.asks}</b>
            </Text>
          </Group>
          {x.mostlyAsks && (
            <Text size="xs" c="orange.8" mt={4}>
              You mostly ask {firstName(person.fullName)}: give before you ask again.
            </Text>
          )}
        </>
      )}
    </div>
  );
}
