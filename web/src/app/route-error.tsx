import { Button, Code, Container, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';

/** When a page throws: say so plainly and offer the way back. */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Container size="sm" py={80}>
      <Stack gap="md">
        <Title order={2}>Something went wrong on this page</Title>
        <Text c="dimmed">
          Your data is safe. Reloading usually helps; if it keeps happening, the message below will help whoever looks
          into it.
        </Text>
        <Code block>{message}</Code>
        <div>
          <Button onClick={() => window.location.reload()}>Reload</Button>
        </div>
      </Stack>
    </Container>
  );
}
