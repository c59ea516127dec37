import { Badge, Button, Checkbox, Divider, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconNotebook } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCapture } from '../../app/capture-context';
import { PersonAvatar } from '../../components/person-avatar';
import { PersonLine } from '../../components/person-line';
import { RelativeTime } from '../../components/relative-time';
import { api } from '../../lib/api';
import { daysFrom, inDays, shortDay } from './dates';
import { type TodayData, useTodayChange, withoutFollowUp } from './use-today';

/** Open follow-ups, overdue first; ticking one completes it at once and logs nothing. */
export function FollowUps({ today }: { today: TodayData }) {
  const complete = useTodayChange(
    (id: string) => api.completeFollowUp({ params: { id }, body: {} }),
    withoutFollowUp,
    'Could not complete the follow-up',
  );
  if (today.followUps.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="sm">
        No follow-ups this week. After your next coffee or event, Tend adds one for you.
      </Text>
    );
  }
  return (
    <Stack gap={0} data-testid="follow-ups">
      {today.followUps.map((f, i) => {
        const days = daysFrom(today.date, f.dueOn);
        const who = f.people.map((p) => p.fullName).join(', ');
        return (
          <div key={f.id}>
            {i > 0 && <Divider color="var(--tend-border)" />}
            <Group gap="md" wrap="nowrap" py={10} data-testid="follow-up">
              <Checkbox
                radius="xl"
                size="md"
                aria-label={`Done: ${f.title} for ${who}`}
                onChange={() => complete.mutate(f.id)}
                className="tend-touch"
              />
              <div style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {f.title}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {f.people.map((p, j) => (
                    <span key={p.id}>
                      {j > 0 && ', '}
                      <Link to={`/people/${p.id}`} className="tend-link-plain">
                        {p.fullName}
                      </Link>
                    </span>
                  ))}
                </Text>
              </div>
              <Text size="xs" c={days < 0 ? 'red' : days === 0 ? 'orange' : 'dimmed'} fw={days <= 0 ? 600 : 400}>
                {days < 0 ? `${-days}d overdue` : inDays(days)}
              </Text>
            </Group>
          </div>
        );
      })}
    </Stack>
  );
}

export function DuePeople({ today }: { today: TodayData }) {
  const capture = useCapture();
  const { items, total } = today.due;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="sm">
        Nobody is due. Everyone in your circles has heard from you recently.
      </Text>
    );
  }
  return (
    <Stack gap={0} data-testid="due-list">
      {items.slice(0, 8).map((p, i) => (
        <div key={p.id}>
          {i > 0 && <Divider color="var(--tend-border)" />}
          <PersonLine
            person={p}
            line={p.headline ?? undefined}
            reason={
              <>
                <Text span size="xs" c={p.daysOverdue > 0 ? 'red' : 'orange'} fw={600}>
                  {p.daysOverdue > 0 ? `${p.daysOverdue} days overdue` : 'due today'}
                </Text>
                {' · '}
                {p.lastInteractionAt ? (
                  <>
                    last talked <RelativeTime iso={p.lastInteractionAt} />
                  </>
                ) : (
                  'never talked'
                )}
              </>
            }
            action={
              <Button
                variant="light"
                size="xs"
                className="tend-touch"
                leftSection={<IconNotebook size={14} />}
                onClick={() => capture.logInteraction({ participants: [p], kind: 'check_in' })}
                aria-label={`Log an interaction with ${p.fullName}`}
              >
                Log
              </Button>
            }
          />
        </div>
      ))}
      {total > 8 && (
        <Button component={Link} to="/people?sort=due" variant="subtle" size="compact-sm" mt={4} mb={6} px={0}>
          {total >= 1000 ? '1,000+' : total} due in all: see them by due date
        </Button>
      )}
    </Stack>
  );
}

export function UpcomingDates({ today }: { today: TodayData }) {
  if (today.upcomingDates.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="sm">
        No birthdays or anniversaries in the next two weeks.
      </Text>
    );
  }
  return (
    <Stack gap={0} pb={6} data-testid="upcoming-dates">
      {today.upcomingDates.slice(0, 8).map((u) => (
        <Group key={`${u.person.id}-${u.kind}-${u.on}`} gap="sm" wrap="nowrap" py={8}>
          <PersonAvatar person={u.person} size={28} />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" truncate>
              <Link to={`/people/${u.person.id}`} className="tend-link-plain">
                {u.person.fullName}
              </Link>
              <Text span c="dimmed" size="sm">
                {' · '}
                {u.kind === 'birthday'
                  ? `birthday${u.years ? ` (${u.years})` : ''}`
                  : u.kind === 'work_anniversary'
                    ? `work anniversary${u.years ? ` (${u.years} y)` : ''}`
                    : (u.label ?? 'a date')}
              </Text>
            </Text>
          </div>
          <Tooltip label={shortDay(u.on)}>
            <Badge variant={u.inDays === 0 ? 'filled' : 'light'} color="sage" radius="sm">
              {inDays(u.inDays)}
            </Badge>
          </Tooltip>
        </Group>
      ))}
    </Stack>
  );
}

/** The weekly goal: progress, a quiet streak and the last weeks as small bars. */
export function WeeklyGoal({ today }: { today: TodayData }) {
  const g = today.goal;
  const pct = (n: number, of: number) => (of === 0 ? 100 : Math.min(100, Math.round((n / of) * 100)));
  const max = Math.max(g.goal.touches, ...g.history.map((w) => w.touches), 1);
  return (
    <Stack gap={10} pb={10} data-testid="weekly-goal">
      <div>
        <Group justify="space-between" mb={4}>
          <Text size="sm">Meaningful touches</Text>
          <Text size="sm" c="dimmed">
            {g.touches} of {g.goal.touches}
          </Text>
        </Group>
        <Progress
          value={pct(g.touches, g.goal.touches)}
          color="sage"
          size="sm"
          radius="xl"
          aria-label="Touches this week"
        />
      </div>
      <div>
        <Group justify="space-between" mb={4}>
          <Text size="sm">No-agenda check-ins</Text>
          <Text size="sm" c="dimmed">
            {g.checkIns} of {g.goal.checkIns}
          </Text>
        </Group>
        <Progress
          value={pct(g.checkIns, g.goal.checkIns)}
          color="sage"
          size="sm"
          radius="xl"
          aria-label="Check-ins this week"
        />
      </div>
      <Group gap={3} align="flex-end" h={36} mt={4} aria-label="Touches per week, last 12 weeks">
        {g.history.map((w) => (
          <Tooltip
            key={w.weekStart}
            label={`Week of ${shortDay(w.weekStart)}: ${w.touches} touches, ${w.checkIns} check-ins`}
          >
            <div
              style={{
                flex: 1,
                height: `${Math.max(8, (w.touches / max) * 100)}%`,
                borderRadius: 3,
                background: w.met ? 'var(--mantine-color-sage-6)' : 'var(--tend-border)',
              }}
            />
          </Tooltip>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {g.met
          ? `Goal met this week${g.streak > 1 ? ` · ${g.streak} weeks in a row` : ''}.`
          : g.streak > 0
            ? `${g.streak} ${g.streak === 1 ? 'week' : 'weeks'} in a row so far; this week is still open.`
            : 'A few small touches a week keep a network alive.'}{' '}
        <Link to="/settings/keep-in-touch" className="tend-link-plain" style={{ textDecoration: 'underline' }}>
          Change the goal
        </Link>
      </Text>
    </Stack>
  );
}
