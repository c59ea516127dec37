import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" gap="md" mb="xl" wrap="wrap">
      <div style={{ minWidth: 0 }}>
        <Title order={1} fz={{ base: 24, sm: 28 }} lh={1.2} style={{ letterSpacing: '-0.015em' }}>
          {title}
        </Title>
        {subtitle && (
          <Text c="dimmed" mt={6} size="md">
            {subtitle}
          </Text>
        )}
      </div>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
