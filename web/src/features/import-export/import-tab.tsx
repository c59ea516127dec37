import { Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Section } from '../../components/section';

/**
 * Placeholder for the import wizard (LinkedIn, Google, Outlook, CSV, vCard),
 * which lives on its own branch; this file is replaced by it when they merge.
 */
export function ImportTab() {
  return (
    <Section title="Import" hint="Bring in your LinkedIn connections, Google or Outlook contacts, a CSV or vCards.">
      <Stack align="flex-start" gap="sm" py="md">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size={40} radius="xl">
            <IconFileImport size={20} />
          </ThemeIcon>
          <Text size="sm" c="dimmed">
            The import wizard is on its way. Meanwhile the command line imports vCards and backups, and the Duplicates
            tab tidies up what you already have.
          </Text>
        </Group>
        <Button component={Link} to="/import/duplicates" variant="light">
          Review duplicates
        </Button>
      </Stack>
    </Section>
  );
}
