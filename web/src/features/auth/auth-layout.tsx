import { Anchor, Box, Center, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';

/** The calm, centred frame of the set-up, sign-in and invitation pages. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <Center mih="100dvh" p="md" style={{ background: 'var(--tend-page)' }}>
      <Stack w="100%" maw={420} gap="lg">
        <Group gap={10} justify="center">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <Text fw={700} fz={22} style={{ letterSpacing: '-0.02em' }}>
            Tend
          </Text>
        </Group>
        <Box className="tend-card" p={{ base: 'lg', sm: 32 }}>
          <Title order={1} fz={22} mb={subtitle ? 6 : 'lg'}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" mb="lg">
              {subtitle}
            </Text>
          )}
          {children}
        </Box>
        {footer && (
          <Text size="sm" c="dimmed" ta="center">
            {footer}
          </Text>
        )}
        <Text size="xs" c="dimmed" ta="center">
          Your network stays on this server.{' '}
          <Anchor href="/api/docs" size="xs" c="dimmed" underline="always">
            API
          </Anchor>
        </Text>
      </Stack>
    </Center>
  );
}

export const PASSWORD_HINT = 'At least 10 characters. A few unrelated words make a strong, memorable password.';
