import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PersonAvatar } from './person-avatar';

interface PersonLineProps {
  person: { id: string; fullName: string; photoUrl: string | null };
  /** The one line that matters, under the name. */
  line?: ReactNode;
  /** Why this person is shown here, in plain words. */
  reason?: ReactNode;
  action?: ReactNode;
  avatarSize?: number;
}

/** A face, a name, the line that matters, and at most one obvious action. */
export function PersonLine({ person, line, reason, action, avatarSize = 40 }: PersonLineProps) {
  return (
    <Group gap="md" wrap="nowrap" align="center" py={10}>
      <PersonAvatar person={person} size={avatarSize} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Text
          component={Link}
          to={`/people/${person.id}`}
          fw={600}
          size="sm"
          className="tend-link-plain"
          truncate
          display="block"
        >
          {person.fullName}
        </Text>
        {line && (
          <Text size="sm" c="dimmed" truncate>
            {line}
          </Text>
        )}
        {reason && (
          <Text size="xs" c="dimmed" mt={2}>
            {reason}
          </Text>
        )}
      </div>
      {action}
    </Group>
  );
}
