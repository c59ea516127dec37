import { Alert, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LinesSkeleton, Section } from '../../components/section';
import { api } from '../../lib/api';
import { greeting } from '../../lib/time';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import { fullDay } from './dates';
import { Nudges } from './nudges';
import { RecentConversations } from './recent-conversations';
import { DuePeople, FollowUps, UpcomingDates, WeeklyGoal } from './today-lists';
import { useToday } from './use-today';
import { WelcomeEmptyState } from './welcome';

/** The home page: what to do today, for whom, and why. One request: GET /api/v1/today. */
export default function TodayPage() {
  useDocumentTitle('Today');
  const phone = usePhone();
  const today = useToday();
  const network = useQuery({
    queryKey: ['people', 'today', 'count'],
    queryFn: () => api.listPeople({ query: { limit: 1 } }),
  });
  const empty = network.isSuccess && (network.data.total ?? network.data.items.length) === 0;
  const d = today.data;

  return (
    <Stack gap="xl">
      <div>
        <Text c="dimmed" size="sm" fw={500}>
          {d ? fullDay(d.date) : '\u00a0'}
        </Text>
        <Title order={1} fz={{ base: 26, sm: 30 }} mt={2} style={{ letterSpacing: '-0.02em' }}>
          {greeting()}
        </Title>
        {d && !empty && (
          <Text c="dimmed" mt={6}>
            {summaryLine(d)}
          </Text>
        )}
      </div>

      {today.isError && (
        <Alert color="red" variant="light" title="Tend cannot reach its server">
          {today.error.message}. Is <code>tend serve</code> running?
        </Alert>
      )}

      {empty ? (
        <WelcomeEmptyState />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 5 }} spacing={phone ? 'lg' : 32}>
          <Stack gap="lg" style={{ gridColumn: phone ? undefined : 'span 3' }}>
            <Section title="Suggestions" hint="Each with its reason. Act, snooze or dismiss: Tend remembers.">
              {d ? <Nudges nudges={d.nudges} /> : <LinesSkeleton n={4} />}
            </Section>
            <Section title="Follow-ups">{d ? <FollowUps today={d} /> : <LinesSkeleton n={2} />}</Section>
            <Section title="Due to hear from you" hint="By the rhythm of their circle. A short check-in is enough.">
              {d ? <DuePeople today={d} /> : <LinesSkeleton n={3} />}
            </Section>
          </Stack>
          <Stack gap="lg" style={{ gridColumn: phone ? undefined : 'span 2' }}>
            <Section title="This week">{d ? <WeeklyGoal today={d} /> : <LinesSkeleton n={2} />}</Section>
            <Section title="Coming up">{d ? <UpcomingDates today={d} /> : <LinesSkeleton n={2} />}</Section>
            <Section title="Recent conversations">
              <RecentConversations />
            </Section>
          </Stack>
        </SimpleGrid>
      )}
    </Stack>
  );
}

function summaryLine(d: NonNullable<ReturnType<typeof useToday>['data']>): string {
  const parts: string[] = [];
  const due = d.due.total;
  parts.push(
    due === 0 ? 'Nobody is due' : `${due >= 1000 ? '1,000+' : due} ${due === 1 ? 'person is' : 'people are'} due`,
  );
  const open = d.followUps.filter((f) => f.dueOn <= d.date).length;
  if (open > 0) parts.push(`${open} follow-up${open === 1 ? '' : 's'} for today`);
  const soon = d.upcomingDates.filter((u) => u.inDays <= 7).length;
  if (soon > 0) parts.push(`${soon} date${soon === 1 ? '' : 's'} this week`);
  return parts.join(' · ');
}
