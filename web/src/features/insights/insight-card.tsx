import { Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './insights.module.css';

/*
 * One chart of the Insights page: a title, the takeaway in plain words, and the
 * chart (or a skeleton while loading, or a sentence that teaches when empty).
 */
export function InsightCard({
  id,
  title,
  takeaway,
  loading,
  error,
  empty,
  figure,
  children,
  span,
}: {
  id: string;
  title: string;
  takeaway: string | null;
  loading: boolean;
  error?: boolean;
  /** What to do to see something here; shown when there is no data. */
  empty: string;
  /** A headline number beside the title ("62% online"). */
  figure?: ReactNode;
  children: ReactNode;
  span?: boolean;
}) {
  const titleId = `insight-${id}-title`;
  return (
    <section
      className={`tend-card ${classes.card}`}
      aria-labelledby={titleId}
      data-testid={`insight-${id}`}
      style={{ padding: '18px 20px 16px', gridColumn: span ? '1 / -1' : undefined, minWidth: 0 }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <div style={{ minWidth: 0 }}>
          <Title order={2} fz={16} fw={650} id={titleId}>
            {title}
          </Title>
          {loading ? (
            <Skeleton height={12} width={220} mt={10} />
          ) : (
            <Text size="sm" c={takeaway ? undefined : 'dimmed'} mt={4} data-testid="takeaway">
              {error ? 'Could not load this chart. It will try again shortly.' : (takeaway ?? empty)}
            </Text>
          )}
        </div>
        {!loading && takeaway && figure}
      </Group>
      <div style={{ marginTop: 16 }}>
        {loading ? (
          <Stack gap={8} aria-busy="true" aria-label={`Loading ${title.toLowerCase()}`}>
            <Skeleton height={200} radius="md" />
          </Stack>
        ) : takeaway ? (
          children
        ) : (
          <EmptyChart />
        )}
      </div>
    </section>
  );
}

/** A quiet placeholder where the chart will be, so an empty card keeps its shape. */
function EmptyChart() {
  return (
    <div
      aria-hidden="true"
      style={{
        height: 120,
        borderRadius: 'var(--mantine-radius-md)',
        border: '1px dashed var(--tend-border)',
        background:
          'repeating-linear-gradient(0deg, transparent, transparent 23px, var(--tend-border) 23px, var(--tend-border) 24px)',
        opacity: 0.6,
      }}
    />
  );
}

/** A big number with a small label, top right of a card. */
export function Figure({ value, label }: { value: string; label: string }) {
  return (
    <div style={{ textAlign: 'right', flexShrink: 0 }}>
      <Text fz={22} fw={650} lh={1.1}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </div>
  );
}

/** A chart with its description for screen readers (the numbers as text). */
export function ChartFigure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <figure style={{ margin: 0 }} aria-label={summary}>
      {children}
      <figcaption
        style={{
          position: 'absolute',
          width: 1,
          height: 1,
          overflow: 'hidden',
          clip: 'rect(0 0 0 0)',
          whiteSpace: 'nowrap',
        }}
      >
        {summary}
      </figcaption>
    </figure>
  );
}
