import { Badge, Button, Code, Group, Kbd, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileImport, IconTerminal2, IconUserPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCapture } from '../../app/capture-context';

/** A new workspace: teach the three ways in, each with one action. */
export function WelcomeEmptyState() {
  const capture = useCapture();
  return (
    <div className="tend-card" style={{ padding: 'clamp(20px, 4vw, 40px)' }}>
      <Stack gap={6} mb="xl" maw={560}>
        <Title order={2} fz={22}>
          Your network starts with one person
        </Title>
        <Text c="dimmed">
          Tend keeps the people who matter to your work close: how you met, what you talked about, what they care about.
          Start with someone you met recently; it takes ten seconds.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        <Step
          icon={<IconUserPlus size={20} />}
          title="Add someone you met"
          body={
            <>
              A name is enough; the one line that matters helps you remember them. Press <Kbd size="xs">N</Kbd>{' '}
              anywhere.
            </>
          }
          action={
            <Button onClick={capture.addPerson} leftSection={<IconUserPlus size={16} />}>
              Add a person
            </Button>
          }
        />
        <Step
          icon={<IconTerminal2 size={20} />}
          title="Explore with a demo network"
          body={
            <>
              Run <Code>tend demo</Code> in a terminal to fill this workspace with about 150 generated people and their
              conversations.
            </>
          }
        />
        <Step
          icon={<IconFileImport size={20} />}
          title="Import from LinkedIn"
          body="Bring in your connections, messages and invitations from the LinkedIn data export, or a vCard or CSV file."
          action={
            <Button component={Link} to="/import" variant="default">
              Import contacts
            </Button>
          }
        />
      </SimpleGrid>
    </div>
  );
}

function Step({
  icon,
  title,
  body,
  action,
  badge,
}: {
  icon: ReactNode;
  title: string;
  body: ReactNode;
  action?: ReactNode;
  badge?: string;
}) {
  return (
    <Stack gap="sm" align="flex-start">
      <ThemeIcon size={40} radius="lg" variant="light">
        {icon}
      </ThemeIcon>
      <Group gap="xs">
        <Text fw={600}>{title}</Text>
        {badge && (
          <Badge size="xs" color="gray">
            {badge}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" style={{ flex: 1 }}>
        {body}
      </Text>
      {action}
    </Stack>
  );
}
