import { Badge, Code, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClockHour4 } from '@tabler/icons-react';
import { accountNav, mainNav } from '../../app/nav';
import { useDocumentTitle } from '../../lib/use-document-title';

interface Plan {
  title: string;
  promise: string;
  will: string[];
  meanwhile: string;
}

const plans: Record<string, Plan> = {
  events: {
    title: 'Events',
    promise: 'Go to a conference with a plan and come back with relationships, not a pocket of business cards.',
    will: [
      'Conferences, seminars, meetups and virtual events, with date, place or link',
      'Goals for each one, like “meet three people in climate tech”',
      'Who will be there, and who you actually met',
      'A follow-up checklist for everyone you met, the day after',
    ],
    meanwhile:
      'Log a “Met at an event” interaction with the people you met, and note the event in “How you met” on their page.',
  },
  resources: {
    title: 'Resources',
    promise: 'Share something useful without an agenda, and never send the same article twice.',
    will: [
      'A library of articles, talks, papers and tools you might share, with topics',
      'A share log: what went to whom, and when',
      'Suggestions that match a resource to the people who care about its topic',
    ],
    meanwhile: 'Log a “Shared an article” interaction, and keep people’s topics up to date on their page.',
  },
  opportunities: {
    title: 'Opportunities',
    promise: 'See which relationships your opportunities came from, and thank the people behind them.',
    will: [
      'Job leads, referrals, partnerships, clients, speaking slots and investments, each with a stage',
      'The people who brought each opportunity to you',
      'Your contacts’ achievements (new job, promotion, launch, award) as prompts to congratulate them',
    ],
    meanwhile: 'Log a “Congratulations” interaction when someone you know has news worth celebrating.',
  },
  map: {
    title: 'Map',
    promise: 'Know who knows whom, and find the warmest path to the person you need to meet.',
    will: [
      'A visual map of your network: who knows whom, who introduced whom',
      'The warmest introduction path to a person, an organisation, a role or a topic',
    ],
    meanwhile: 'Record who introduced you in “How you met”, and log introductions you make as interactions.',
  },
  insights: {
    title: 'Insights',
    promise: 'Treat your network as an investment: see it grow, and notice what is cooling before it is gone.',
    will: [
      'Network growth and interactions per week',
      'Your channel mix: online and in person',
      'The spread of relationship strength, and the relationships that are cooling',
      'Opportunities by the relationships they came from',
    ],
    meanwhile: 'Today already shows who you have not talked to for the longest time.',
  },
  import: {
    title: 'Import / Export',
    promise: 'Bring your network in from where it lives today, and take it with you whenever you like.',
    will: [
      'Import the LinkedIn data export (connections, messages, invitations); re-imports spot job changes',
      'Google and Outlook CSV, and vCard 2.1, 3.0 and 4.0',
      'Export to vCard, CSV, and a complete JSON backup that restores losslessly',
      'A calendar feed of follow-ups, important dates and events, and a CardDAV address book for your phone',
    ],
    meanwhile: 'Run `tend demo` in a terminal to explore Tend with a generated network, or add people by hand with N.',
  },
  settings: {
    title: 'Settings',
    promise: 'Make Tend fit the way you keep in touch.',
    will: [
      'Your account, password and sessions, and API tokens for scripts',
      'Keep-in-touch cadences for each circle, and a weekly goal',
      'Daily or weekly email digests',
      'Team workspaces, and exporting or deleting everything at any time',
    ],
    meanwhile: 'The theme (light, dark or matching your system) is in the account menu already.',
  },
};

export default function ComingSoonPage({ page }: { page: string }) {
  const plan = plans[page] ?? plans.events;
  const nav = [...mainNav, ...accountNav].find((i) => i.to === `/${page}`);
  useDocumentTitle(plan?.title ?? 'Coming soon');
  if (!plan) return null;
  const Icon = nav?.icon;
  return (
    <Stack gap="xl" maw={720}>
      <Group gap="md" wrap="nowrap" align="center">
        {Icon && (
          <ThemeIcon size={48} radius="lg" variant="light">
            <Icon size={26} stroke={1.6} />
          </ThemeIcon>
        )}
        <div>
          <Group gap="sm">
            <Title order={1} fz={{ base: 24, sm: 28 }}>
              {plan.title}
            </Title>
            <Badge variant="light" color="gray" leftSection={<IconClockHour4 size={12} />}>
              Coming soon
            </Badge>
          </Group>
          <Text c="dimmed" mt={4}>
            {plan.promise}
          </Text>
        </div>
      </Group>
      <div className="tend-card" style={{ padding: 24 }}>
        <Text fw={600} mb="sm">
          What it will do
        </Text>
        <List
          spacing="sm"
          icon={
            <ThemeIcon size={20} radius="xl" variant="light">
              <IconCircleCheck size={14} />
            </ThemeIcon>
          }
        >
          {plan.will.map((w) => (
            <List.Item key={w}>
              <Text size="sm">{w}</Text>
            </List.Item>
          ))}
        </List>
      </div>
      <div>
        <Text fw={600} size="sm" mb={4}>
          Until then
        </Text>
        <Text size="sm" c="dimmed">
          {plan.meanwhile.split('`').map((part, i) => (i % 2 ? <Code key={part}>{part}</Code> : part))}
        </Text>
      </div>
    </Stack>
  );
}
