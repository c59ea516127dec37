import { Badge, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Workspace } from '../../../../src/contract/accounts.js';
import { api, queryClient } from '../../lib/api';

/**
 * Team reach, in a team's settings: opt in to share whom you know (never notes
 * or interactions), and ask "who on the team knows someone at X".
 */
export function TeamReach({ workspace }: { workspace: Pick<Workspace, 'id' | 'name'> }) {
  const key = ['reach', workspace.id];
  const sharing = useQuery({
    queryKey: [...key, 'sharing'],
    queryFn: () => api.getReachSharing({ params: { id: workspace.id } }),
  });
  const toggle = useMutation({
    mutationFn: (share: boolean) => api.setReachSharing({ params: { id: workspace.id }, body: { share } }),
    onSuccess: (data) => {
      queryClient.setQueryData([...key, 'sharing'], data);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const [org, setOrg] = useState('');
  const [debounced] = useDebouncedValue(org.trim(), 300);
  const found = useQuery({
    queryKey: [...key, 'find', debounced],
    queryFn: () => api.findTeamReach({ params: { id: workspace.id }, query: { org: debounced } }),
    enabled: debounced.length > 0,
  });
  return (
    <Stack gap="xs" mt="md" pb="md" data-testid="team-reach">
      <Text size="sm" fw={600}>
        Team reach
      </Text>
      <Switch
        checked={sharing.data?.share ?? false}
        disabled={sharing.isPending || toggle.isPending}
        onChange={(e) => toggle.mutate(e.currentTarget.checked)}
        label={`Share whom I know with ${workspace.name}`}
        description="Colleagues see a contact's name, role and organisation, that you know them and how well. Never your notes, interactions or contact details. Turning it off hides them at once."
      />
      <TextInput
        label="Who knows someone at…"
        placeholder="Stripe"
        value={org}
        onChange={(e) => setOrg(e.currentTarget.value)}
        description={
          sharing.data
            ? `${sharing.data.sharingMembers} member${sharing.data.sharingMembers === 1 ? '' : 's'} share${sharing.data.sharingMembers === 1 ? 's' : ''} their reach`
            : undefined
        }
      />
      {found.data &&
        (found.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody on the team shares a contact at {debounced}.
          </Text>
        ) : (
          <Stack gap={6} component="ul" p={0} m={0}>
            {found.data.items.map((e) => (
              <Group
                key={`${e.connector.userId}-${e.contact.fullName}-${e.contact.role ?? ''}`}
                component="li"
                gap="xs"
                wrap="wrap"
                style={{ listStyle: 'none' }}
              >
                <Text size="sm" fw={600}>
                  {e.contact.fullName}
                </Text>
                <Text size="sm" c="dimmed">
                  {[e.contact.role, e.contact.organisation].filter(Boolean).join(' at ')}
                </Text>
                <Text size="sm">· known by {e.connector.displayName}</Text>
                <Badge size="sm" variant="light">
                  {e.strength}
                </Badge>
              </Group>
            ))}
          </Stack>
        ))}
    </Stack>
  );
}
