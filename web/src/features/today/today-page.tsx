import { Alert, Button, Divider, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconNotebook } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useCapture } from '../../app/capture-context';
import { PersonLine } from '../../components/person-line';
import { LinesSkeleton, Section } from '../../components/section';
import { RelativeTime } from '../../components/relative-time';
import { api } from '../../lib/api';
import { firstName, roleLine } from '../../lib/labels';
import { dayjs, daysSince, greeting } from '../../lib/time';
import type { PersonRow } from '../../lib/types';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import { RecentConversations } from './recent-conversations';
import { WelcomeEmptyState } from './welcome';

const todayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

export default function TodayPage() {
  useDocumentTitle('Today');
  const capture = useCapture();
  const phone = usePhone();

  const added = useQuery({
    queryKey: ['people', 'today', 'added'],
    queryFn: () => api.listPeople({ query: { sort: '-created', limit: 12 } }),
  });
  const quiet = useQuery({
    queryKey: ['people', 'today', 'quiet'],
    queryFn: () => api.listPeople({ query: { sort: 'lastContact', limit: 60 } }),
  });
  const weekStart = dayjs().startOf('week').toISOString();
  const thisWeek = useQuery({
    queryKey: ['interactions', 'count', weekStart],
    queryFn: () => api.listInteractions({ query: { from: weekStart, limit: 200 } }),
  });

  const total = added.data?.total;
  const empty = added.isSuccess && (total ?? added.data.items.length) === 0;

  const logWith = (p: PersonRow) => (
    <Button
      variant="light"
      size="xs"
      className="tend-touch"
      leftSection={<IconNotebook size={14} />}
      onClick={() => capture.logInteraction({ participants: [p] })}
      aria-label={`Log an interaction with ${p.fullName}`}
    >
      Log
    </Button>
  );

  // Reconnect: people you have talked to, longest silence first; the circle "none" has no rhythm to keep.
  const reconnect = (quiet.data?.items ?? [])
    .filter((p) => p.lastInteractionAt && p.circle !== 'none')
    .sort((a, b) => Date.parse(a.lastInteractionAt ?? '') - Date.parse(b.lastInteractionAt ?? ''))
    .slice(0, 6);
  // Fresh: added recently, no conversation logged yet: the moment for a thank-you.
  const fresh = (added.data?.items ?? []).filter((p) => p.interactionCount === 0).slice(0, 5);

  return (
    <Stack gap="xl">
      <div>
        <Text c="dimmed" size="sm" fw={500}>
          {todayLabel.format(new Date())}
        </Text>
        <Title order={1} fz={{ base: 26, sm: 30 }} mt={2} style={{ letterSpacing: '-0.02em' }}>
          {greeting()}
        </Title>
        {!empty && (
          <Text c="dimmed" mt={6}>
            {thisWeek.data && total !== undefined
              ? weekLine(thisWeek.data.total ?? thisWeek.data.items.length, Boolean(thisWeek.data.nextCursor), total)
              : '\u00a0'}
          </Text>
        )}
      </div>

      {(added.isError || quiet.isError) && (
        <Alert color="red" variant="light" title="Tend cannot reach its server">
          {(added.error ?? quiet.error)?.message}. Is <code>tend serve</code> running?
        </Alert>
      )}

      {empty ? (
        <WelcomeEmptyState />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 5 }} spacing={phone ? 'lg' : 32}>
          <Stack gap="lg" style={{ gridColumn: phone ? undefined : 'span 3' }}>
            <Section
              title="Reconnect"
              hint="The people you have not talked to for the longest time. No agenda needed: a short check-in is enough."
            >
              {quiet.isPending ? (
                <LinesSkeleton n={4} />
              ) : reconnect.length === 0 ? (
                <Text size="sm" c="dimmed" py="sm">
                  Nobody is waiting: once you log conversations, the quietest relationships show up here.
                </Text>
              ) : (
                reconnect.map((p, i) => (
                  <div key={p.id}>
                    {i > 0 && <Divider color="var(--tend-border)" />}
                    <PersonLine
                      person={p}
                      line={p.headline ?? roleLine(p.roleTitle, p.organisation)}
                      reason={silence(p)}
                      action={logWith(p)}
                    />
                  </div>
                ))
              )}
            </Section>

            <Section
              title="Follow up while it is fresh"
              hint="Added recently, with no conversation logged yet. A thank-you or a connection request keeps it alive."
            >
              {added.isPending ? (
                <LinesSkeleton n={3} />
              ) : fresh.length === 0 ? (
                <Text size="sm" c="dimmed" py="sm">
                  Everyone you added recently has heard from you. Well tended.
                </Text>
              ) : (
                fresh.map((p, i) => (
                  <div key={p.id}>
                    {i > 0 && <Divider color="var(--tend-border)" />}
                    <PersonLine
                      person={p}
                      line={p.headline ?? roleLine(p.roleTitle, p.organisation)}
                      reason={
                        <>
                          Added <RelativeTime iso={p.createdAt} />; say thanks to {firstName(p.fullName)}
                        </>
                      }
                      action={logWith(p)}
                    />
                  </div>
                ))
              )}
            </Section>
          </Stack>

          <Stack gap="lg" style={{ gridColumn: phone ? undefined : 'span 2' }}>
            <Section title="Recent conversations">
              <RecentConversations />
            </Section>
            <div style={{ padding: '4px 4px 0' }}>
              <Text size="sm" fw={600}>
                Coming to Today
              </Text>
              <Text size="sm" c="dimmed" mt={4}>
                Who is due by their circle’s rhythm, follow-ups, birthdays and suggested nudges, each with its reason.
              </Text>
              <Button component={Link} to="/people" variant="subtle" size="compact-sm" mt="xs" px={0}>
                Browse everyone
              </Button>
            </div>
          </Stack>
        </SimpleGrid>
      )}
    </Stack>
  );
}

function weekLine(count: number, more: boolean, people: number): string {
  const conv =
    count === 0
      ? 'No conversations logged this week yet'
      : `${count}${more ? '+' : ''} conversation${count === 1 && !more ? '' : 's'} this week`;
  return `${conv} · ${people.toLocaleString()} ${people === 1 ? 'person' : 'people'} in your network`;
}

function silence(p: PersonRow) {
  if (!p.lastInteractionAt) return null;
  const days = daysSince(p.lastInteractionAt);
  return (
    <>
      Last talked <RelativeTime iso={p.lastInteractionAt} />
      {days >= 60 ? `: ${days} days of quiet` : ''}
    </>
  );
}
