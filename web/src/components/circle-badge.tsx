import { Badge, Tooltip } from '@mantine/core';
import type { Circle } from '../../../src/contract/common.js';
import { circleHint, circleLabel } from '../lib/labels';

/* One accent, stepped by closeness: the inner circle is the most saturated dot. */
const dot: Record<Circle, string> = {
  inner: 'var(--mantine-color-sage-8)',
  close: 'var(--mantine-color-sage-5)',
  wider: 'var(--mantine-color-sage-3)',
  loose: 'var(--mantine-color-gray-5)',
  none: 'transparent',
};

interface CircleBadgeProps {
  circle: Circle;
  size?: 'xs' | 'sm' | 'md';
  /** Long lists use the cheaper native title instead of a tooltip per row. */
  tooltip?: boolean;
}

export function CircleBadge({ circle, size = 'sm', tooltip = true }: CircleBadgeProps) {
  const badge = (
    <Badge
      size={size}
      variant="default"
      radius="xl"
      fw={550}
      tt="none"
      title={tooltip ? undefined : circleHint[circle]}
      leftSection={
        <span
          aria-hidden
          style={{
            display: 'inline-block',
            width: 8,
            height: 8,
            borderRadius: 8,
            background: dot[circle],
            border: circle === 'none' ? '1px solid var(--mantine-color-gray-5)' : undefined,
          }}
        />
      }
    >
      {circleLabel[circle]}
    </Badge>
  );
  return tooltip ? <Tooltip label={circleHint[circle]}>{badge}</Tooltip> : badge;
}
