import { Group, Skeleton, Stack, Text, Title } from '@mantine/core';

export function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section className="tend-card" style={{ padding: '18px 20px 10px' }} aria-label={title}>
      <Group justify="space-between" align="baseline" mb={hint ? 2 : 6}>
        <Title order={2} fz={17} fw={650}>
          {title}
        </Title>
      </Group>
      {hint && (
        <Text size="sm" c="dimmed" mb="xs">
          {hint}
        </Text>
      )}
      {children}
    </section>
  );
}

export function LinesSkeleton({ n }: { n: number }) {
  return (
    <Stack gap={18} py={10} aria-busy="true" aria-label="Loading">
      {Array.from({ length: n }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Group key={i} gap="md" wrap="nowrap">
          <Skeleton circle height={40} />
          <div style={{ flex: 1 }}>
            <Skeleton height={12} width="40%" mb={8} />
            <Skeleton height={10} width="70%" />
          </div>
        </Group>
      ))}
    </Stack>
  );
}
