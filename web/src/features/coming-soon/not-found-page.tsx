import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';

export default function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <Stack gap="md" maw={520} py="xl">
      <Title order={1} fz={28}>
        Nothing lives here
      </Title>
      <Text c="dimmed">The address may be mistyped, or the page may have moved.</Text>
      <div>
        <Button component={Link} to="/">
          Back to Today
        </Button>
      </div>
    </Stack>
  );
}
