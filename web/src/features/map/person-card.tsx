import { ActionIcon, Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconBuilding, IconRoute, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { GraphOrganisation, GraphPerson } from '../../../../src/contract/network.js';
import { CircleBadge } from '../../components/circle-badge';
import { PersonAvatar } from '../../components/person-avatar';
import classes from './map.module.css';

const dueLabel = {
  overdue: 'Overdue for a check-in',
  due: 'Due this week',
  later: 'In touch',
  none: 'No keep-in-touch rhythm',
} as const;

export function oneLine(p: GraphPerson): string {
  if (p.roleTitle && p.organisation) return `${p.roleTitle} at ${p.organisation}`;
  return p.headline ?? p.roleTitle ?? p.organisation ?? 'No role recorded';
}

/* What the map knows about the clicked person, and the way to their page. */
export function PersonCard({
  person,
  onClose,
  onPath,
}: {
  person: GraphPerson;
  onClose(): void;
  onPath(to: string): void;
}) {
  return (
    <div className={`tend-card ${classes.panel}`} data-testid="map-person-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <PersonAvatar person={{ id: person.id, fullName: person.label, photoUrl: person.photoUrl }} size={44} />
          <div style={{ minWidth: 0 }}>
            <Text fw={650} truncate>
              {person.label}
            </Text>
            <Text size="sm" c="dimmed" lineClamp={2}>
              {oneLine(person)}
            </Text>
          </div>
        </Group>
        <ActionIcon aria-label="Close" onClick={onClose}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
      <Stack gap={8} mt="md">
        <Group gap={8}>
          <CircleBadge circle={person.circle} size="sm" />
          <Text size="xs" c={person.dueness === 'overdue' ? 'orange.8' : 'dimmed'}>
            {dueLabel[person.dueness]}
          </Text>
        </Group>
        <div>
          <Group justify="space-between" mb={4}>
            <Text size="xs" c="dimmed">
              Strength
            </Text>
            <Text size="xs" fw={600}>
              {Math.round(person.strength)}
            </Text>
          </Group>
          <Progress value={person.strength} size="sm" radius="xl" aria-label="Relationship strength" />
        </div>
        {person.tags.length > 0 && (
          <Group gap={4}>
            {person.tags.map((t) => (
              <Badge key={t} size="sm" color="gray" tt="none">
                {t}
              </Badge>
            ))}
          </Group>
        )}
        <Group gap={8} mt={4} grow>
          <Button component={Link} to={`/people/${person.id}`} size="sm">
            Open
          </Button>
          <Button
            size="sm"
            variant="default"
            leftSection={<IconRoute size={15} />}
            onClick={() => onPath(`person:${person.id}`)}
          >
            Way in
          </Button>
        </Group>
      </Stack>
    </div>
  );
}

export function OrganisationCard({
  org,
  onClose,
  onPath,
}: {
  org: GraphOrganisation;
  onClose(): void;
  onPath(to: string): void;
}) {
  return (
    <div className={`tend-card ${classes.panel}`} data-testid="map-org-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <IconBuilding size={22} stroke={1.6} />
          <div style={{ minWidth: 0 }}>
            <Text fw={650} truncate>
              {org.label}
            </Text>
            <Text size="sm" c="dimmed">
              {org.members === 1 ? '1 person you know' : `${org.members.toLocaleString()} people you know`}
            </Text>
          </div>
        </Group>
        <ActionIcon aria-label="Close" onClick={onClose}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
      <Button
        mt="md"
        fullWidth
        size="sm"
        variant="default"
        leftSection={<IconRoute size={15} />}
        onClick={() => onPath(`org:${org.id}`)}
      >
        Find a way in
      </Button>
    </div>
  );
}
