import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconRoute } from '@tabler/icons-react';
import { Fragment } from 'react';
import type { PathResult } from '../../../../src/contract/paths.js';
import classes from './map.module.css';

/* The warm paths found by "Find a way in", best first; choosing one draws it on the map. */
export function PathPanel({
  result,
  chosen,
  onChoose,
}: {
  result: PathResult;
  chosen: number;
  onChoose(index: number): void;
}) {
  const { target, paths } = result;
  return (
    <div className={`tend-card ${classes.panel}`} data-testid="path-list">
      <Group gap={8} mb={4} wrap="nowrap">
        <IconRoute size={18} stroke={1.7} color="var(--mantine-color-orange-6)" />
        <Text fw={650} size="sm" truncate>
          Ways in to {target.label}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {target.matchedPeople === 1 ? '1 person' : `${target.matchedPeople.toLocaleString()} people`} in your network
        match. Warmest first.
      </Text>
      {paths.length === 0 ? (
        <Alert variant="light" color="gray" radius="md">
          No warm path yet. Record who knows whom (a connection on a person's page, or an introduction) and ask again.
        </Alert>
      ) : (
        <Stack gap={8}>
          {paths.map((p, i) => (
            <button
              type="button"
              key={p.hops.map((h) => h.person.id).join('>')}
              className={classes.pathOption}
              aria-pressed={i === chosen}
              data-testid="path-option"
              onClick={() => onChoose(i)}
            >
              <Group justify="space-between" gap={6} mb={6} wrap="nowrap">
                <div className={classes.chain}>
                  <span>You</span>
                  {p.hops.map((h) => (
                    <Fragment key={h.person.id}>
                      <IconArrowRight size={13} stroke={2} color="var(--mantine-color-dimmed)" />
                      <span>{h.person.fullName}</span>
                    </Fragment>
                  ))}
                </div>
                <Badge size="sm" color={i === chosen ? 'orange' : 'gray'} variant="light" style={{ flex: 'none' }}>
                  {Math.round(p.score * 100)}%
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" lh={1.4}>
                {p.explanation}
              </Text>
            </button>
          ))}
        </Stack>
      )}
    </div>
  );
}
