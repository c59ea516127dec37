import { Badge, Button, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsLeftRight, IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { IntroOutcome, IntroStep } from '../../../../src/contract/introductions';
import { PersonAvatar } from '../../components/person-avatar';
import { RelativeTime } from '../../components/relative-time';
import { api, keys, queryClient } from '../../lib/api';
import { HAPPY_PATH, type Introduction, netKeys, outcomeLabel, stepAction, stepLabel } from '../opportunities/labels';

const OUTCOMES: IntroOutcome[] = ['met', 'working_together', 'nothing', 'other'];

function refresh(i: Introduction) {
  void queryClient.invalidateQueries({ queryKey: netKeys.introductions });
  void queryClient.invalidateQueries({ queryKey: ['today'] });
  void queryClient.invalidateQueries({ queryKey: ['connections'] });
  void queryClient.invalidateQueries({ queryKey: keys.personTimeline(i.personA.id) });
  void queryClient.invalidateQueries({ queryKey: keys.personTimeline(i.personB.id) });
}

/** Where an introduction stands, with names: "Ana agreed". */
function stepText(i: Introduction): string {
  const a = i.personA.fullName.split(' ')[0] ?? '';
  const b = i.personB.fullName.split(' ')[0] ?? '';
  return stepLabel[i.step].replace(/\bA\b/, a).replace(/\bB\b/, b);
}

/** Introductions with where each stands and the one next action as a button. */
export function IntroductionList({ items }: { items: Introduction[] }) {
  return (
    <Stack gap={0}>
      {items.map((i) => (
        <IntroductionRow key={i.id} intro={i} />
      ))}
    </Stack>
  );
}

function IntroductionRow({ intro: i }: { intro: Introduction }) {
  const [busy, setBusy] = useState<string | null>(null);
  const step = async (s: IntroStep) => {
    setBusy(s);
    try {
      const next = await api.stepIntroduction({ params: { id: i.id }, body: { step: s } });
      refresh(next);
      if (s === 'introduced') {
        notifications.show({
          color: 'sage',
          message: `${i.personA.fullName} and ${i.personB.fullName} are now connected, and the introduction is logged as a give.`,
        });
      }
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not move it on', message: (error as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const outcome = async (o: IntroOutcome) => {
    setBusy('outcome');
    try {
      refresh(await api.recordIntroductionOutcome({ params: { id: i.id }, body: { outcome: o } }));
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not record it', message: (error as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const declined = i.status === 'declined';
  const reached = HAPPY_PATH.indexOf(i.step);
  return (
    <Group
      gap="md"
      wrap="wrap"
      align="center"
      py={14}
      style={{
        borderTop: '1px solid var(--tend-border, light-dark(var(--mantine-color-gray-2), var(--mantine-color-dark-5)))',
      }}
      data-testid="introduction"
      data-step={i.step}
    >
      <Group gap="md" wrap="nowrap" align="flex-start" style={{ flex: '1 1 300px', minWidth: 0 }}>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          <PersonAvatar person={i.personA} size={30} />
          <PersonAvatar person={i.personB} size={30} />
        </Group>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text
              component={Link}
              to={`/people/${i.personA.id}`}
              fw={600}
              size="sm"
              className="tend-link-plain"
              truncate
            >
              {i.personA.fullName}
            </Text>
            <IconArrowsLeftRight size={14} aria-label="and" style={{ flexShrink: 0, opacity: 0.6 }} />
            <Text
              component={Link}
              to={`/people/${i.personB.id}`}
              fw={600}
              size="sm"
              className="tend-link-plain"
              truncate
            >
              {i.personB.fullName}
            </Text>
          </Group>
          {i.reason && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {i.reason}
            </Text>
          )}
          <Group gap={4} mt={6} wrap="nowrap" aria-label={`Step: ${stepLabel[i.step]}`}>
            {HAPPY_PATH.slice(1).map((s, n) => (
              <Tooltip key={s} label={stepLabel[s]} withArrow>
                <span
                  style={{
                    width: 22,
                    height: 4,
                    borderRadius: 2,
                    background:
                      declined && n + 1 > reached
                        ? 'var(--mantine-color-orange-3)'
                        : n + 1 <= reached || (declined && n + 1 <= reached)
                          ? 'var(--mantine-color-sage-6)'
                          : 'light-dark(var(--mantine-color-gray-3), var(--mantine-color-dark-4))',
                  }}
                />
              </Tooltip>
            ))}
            <Text size="xs" c="dimmed" ml={6} style={{ whiteSpace: 'nowrap' }}>
              {stepText(i)} <RelativeTime iso={i.stepAt} />
            </Text>
          </Group>
          {i.nextAction && i.status === 'open' && (
            <Text size="xs" mt={4}>
              Next: {i.nextAction}
            </Text>
          )}
        </div>
      </Group>
      <Group gap="xs" wrap="wrap" style={{ flexShrink: 0 }}>
        {i.status === 'done' && i.outcome && (
          <Badge variant="light" color="sage" tt="none" fw={500}>
            {outcomeLabel[i.outcome]}
          </Badge>
        )}
        {declined && (
          <Badge variant="light" color="orange" tt="none" fw={500}>
            {stepText(i)}
          </Badge>
        )}
        {i.nextSteps.map((s, n) => (
          <Button
            key={s}
            size="xs"
            variant={n === 0 ? 'filled' : 'default'}
            onClick={() => void step(s)}
            loading={busy === s}
            disabled={busy !== null && busy !== s}
            className="tend-touch"
          >
            {stepAction(s, i)}
          </Button>
        ))}
        {i.step === 'introduced' && !i.outcome && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="light"
                rightSection={<IconChevronDown size={14} />}
                loading={busy === 'outcome'}
                className="tend-touch"
              >
                How did it go?
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {OUTCOMES.map((o) => (
                <Menu.Item key={o} onClick={() => void outcome(o)}>
                  {outcomeLabel[o]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Group>
  );
}
