import { ActionIcon, Avatar, Badge, Button, Divider, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconClockPause, IconCopy, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PersonAvatar } from '../../components/person-avatar';
import { api } from '../../lib/api';
import { addDaysIso } from './dates';
import { type NudgeItem, copyDraft, useTodayChange, withoutFollowUp, withoutNudge } from './use-today';

/** At most this many nudges carry the "Today" badge. */
const URGENT_BADGES = 3;

/** Suggestions, each with its reason and one obvious action; copy, snooze and dismiss stay quiet beside it. */
export function Nudges({ nudges }: { nudges: NudgeItem[] }) {
  const done = useTodayChange(
    (n: NudgeItem) =>
      api.completeNudge({ params: { key: n.key }, body: n.action.type === 'complete_follow_up' ? {} : { log: {} } }),
    (d, n) => (n.action.followUpId ? withoutFollowUp(d, n.action.followUpId) : withoutNudge(d, n.key)),
    'Could not save that',
  );
  const dismiss = useTodayChange(
    (n: NudgeItem) => api.dismissNudge({ params: { key: n.key } }),
    (d, n) => withoutNudge(d, n.key),
    'Could not dismiss',
  );
  const snooze = useTodayChange(
    (n: NudgeItem) =>
      n.action.followUpId
        ? api.snoozeFollowUp({ params: { id: n.action.followUpId }, body: { days: 2 } })
        : Promise.all(n.people.map((p) => api.snoozePerson({ params: { id: p.id }, body: { days: 7 } }))),
    (d, n) => withoutNudge(d, n.key),
    'Could not snooze',
  );

  if (nudges.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="sm">
        Nothing to nudge you about today. A good day to meet someone new.
      </Text>
    );
  }
  // A badge on everything says nothing: on a backlogged day only the first few urgent ones get it.
  const badged = new Set(
    nudges
      .filter((n) => n.urgent)
      .slice(0, URGENT_BADGES)
      .map((n) => n.key),
  );
  return (
    <Stack gap={0} data-testid="nudges">
      {nudges.map((n, i) => {
        const first = n.people[0];
        return (
          <div key={n.key}>
            {i > 0 && <Divider color="var(--tend-border)" />}
            <Group gap="md" wrap="nowrap" align="flex-start" py={12} data-testid="nudge" data-kind={n.kind}>
              <Avatar.Group spacing={10}>
                {n.people.slice(0, 2).map((p) => (
                  <PersonAvatar key={p.id} person={p} size={40} />
                ))}
              </Avatar.Group>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Group gap={8} wrap="nowrap">
                  {first && (
                    <Text component={Link} to={`/people/${first.id}`} fw={600} size="sm" className="tend-link-plain">
                      {n.people.map((p) => p.fullName).join(', ')}
                    </Text>
                  )}
                  {badged.has(n.key) && (
                    <Tooltip label="Late or lost unless done today">
                      <Badge size="xs" variant="light" color="orange" data-testid="nudge-urgent">
                        Today
                      </Badge>
                    </Tooltip>
                  )}
                  {n.beforeAway && (
                    <Tooltip label="Would fall due while you are away: check in before you leave">
                      <Badge size="xs" variant="light" color="grape" data-testid="nudge-before-away">
                        Before you leave
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
                <Text size="sm" c="dimmed" mt={2}>
                  {n.reason}
                </Text>
                <Group gap={6} mt={8} wrap="wrap">
                  <Button
                    size="xs"
                    variant="light"
                    className="tend-touch"
                    leftSection={<IconCheck size={14} />}
                    onClick={() => done.mutate(n)}
                  >
                    {n.action.label}
                  </Button>
                  {first && (
                    <Tooltip label="Copy a draft message">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="lg"
                        className="tend-touch"
                        aria-label={`Copy a draft for ${first.fullName}`}
                        onClick={() =>
                          void copyDraft(
                            first.id,
                            n.action.template,
                            n.action.achievementId ? { achievementId: n.action.achievementId } : {},
                          )
                        }
                      >
                        <IconCopy size={17} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                  <Tooltip label={n.action.followUpId ? 'Snooze 2 days' : `Snooze until ${addDaysIso(7)}`}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      className="tend-touch"
                      aria-label="Snooze"
                      onClick={() => snooze.mutate(n)}
                    >
                      <IconClockPause size={17} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Dismiss">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      className="tend-touch"
                      aria-label="Dismiss"
                      onClick={() => dismiss.mutate(n)}
                    >
                      <IconX size={17} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </div>
            </Group>
          </div>
        );
      })}
    </Stack>
  );
}
