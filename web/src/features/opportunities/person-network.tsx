import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsLeftRight, IconBulb, IconLink, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { ConnectionKind } from '../../../../src/contract/connections';
import type { PersonRef } from '../../app/capture-context';
import { PersonLine } from '../../components/person-line';
import { api, queryClient } from '../../lib/api';
import type { PersonDetail } from '../../lib/types';
import { PersonPicker } from '../capture/person-picker';
import { IntroductionList } from '../introductions/introduction-list';
import { ProposeIntroModal } from '../introductions/propose-intro-modal';
import { connectionKindLabel, kindLabel, money, netKeys, stageColor, stageLabel } from './labels';
import { OpportunityModal } from './opportunity-modal';

const KINDS: ConnectionKind[] = ['knows', 'worked_with', 'family', 'reports_to', 'introduced'];

/** Who this person knows, the introductions they are part of, and what came through them. */
export function PersonNetwork({ person }: { person: PersonDetail }) {
  const id = person.id;
  const connections = useQuery({
    queryKey: netKeys.connections(id),
    queryFn: () => api.listPersonConnections({ params: { id } }),
  });
  const intros = useQuery({
    queryKey: netKeys.introductionList({ personId: id }),
    queryFn: () => api.listIntroductions({ query: { personId: id, limit: 20 } }),
  });
  const opps = useQuery({
    queryKey: netKeys.opportunityList({ personId: id }),
    queryFn: () => api.listOpportunities({ query: { personId: id, limit: 20 } }),
  });
  const introduced = useQuery({
    queryKey: netKeys.introducedPeople(id),
    queryFn: () => api.listIntroducedPeople({ params: { id } }),
  });
  const [proposing, setProposing] = useState(false);
  const [connecting, setConnecting] = useState(false);
  const [adding, setAdding] = useState(false);
  const me: PersonRef = { id, fullName: person.fullName, photoUrl: person.photoUrl };
  const live = !person.deletedAt;

  const remove = async (connectionId: string) => {
    try {
      await api.deleteConnection({ params: { id: connectionId } });
      void queryClient.invalidateQueries({ queryKey: ['connections'] });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not remove it', message: (error as Error).message });
    }
  };

  return (
    <Stack gap="md">
      <Block
        title="Connections"
        action={
          live && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconLink size={14} />}
              onClick={() => setConnecting(true)}
            >
              Connect
            </Button>
          )
        }
      >
        {connections.data && connections.data.items.length > 0 ? (
          <Stack gap={0} data-testid="connections">
            {connections.data.items.map((c) => {
              const other = c.from.id === id ? c.to : c.from;
              const kind =
                c.kind === 'reports_to'
                  ? c.from.id === id
                    ? `${person.fullName.split(' ')[0]} reports to them`
                    : `Reports to ${person.fullName.split(' ')[0]}`
                  : connectionKindLabel[c.kind];
              return (
                <PersonLine
                  key={c.id}
                  person={other}
                  avatarSize={32}
                  line={`${kind}${c.source === 'introduction' ? ' · introduction' : ''}`}
                  reason={c.note || undefined}
                  action={
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label={`Strength ${c.strength} of 5`}>
                        <Text size="xs" c="dimmed" aria-label={`Strength ${c.strength} of 5`}>
                          {'●'.repeat(c.strength)}
                          <Text span inherit opacity={0.3}>
                            {'●'.repeat(5 - c.strength)}
                          </Text>
                        </Text>
                      </Tooltip>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={`Remove the connection with ${other.fullName}`}
                        onClick={() => void remove(c.id)}
                      >
                        <IconX size={14} />
                      </ActionIcon>
                    </Group>
                  }
                />
              );
            })}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {connections.isPending
              ? 'Loading…'
              : 'Nobody linked yet. Record who they know, or introduce them to someone.'}
          </Text>
        )}
      </Block>

      <Block
        title="Introductions"
        action={
          live && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconArrowsLeftRight size={14} />}
              onClick={() => setProposing(true)}
            >
              Introduce
            </Button>
          )
        }
      >
        {intros.data && intros.data.items.length > 0 ? (
          <IntroductionList items={intros.data.items} />
        ) : (
          <Text size="sm" c="dimmed">
            {intros.isPending ? 'Loading…' : `Who should ${person.fullName.split(' ')[0]} meet?`}
          </Text>
        )}
      </Block>

      <Block
        title="Opportunities"
        action={
          live && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconBulb size={14} />}
              onClick={() => setAdding(true)}
            >
              Add
            </Button>
          )
        }
      >
        {opps.data && opps.data.items.length > 0 ? (
          <Stack gap={10}>
            {opps.data.items.map((o) => (
              <Group key={o.id} justify="space-between" wrap="nowrap" gap="sm">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {o.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {kindLabel[o.kind]}
                    {money(o.value) ? ` · ${money(o.value)}` : ''}
                  </Text>
                </div>
                <Badge variant="light" color={stageColor[o.stage]} tt="none" fw={500}>
                  {stageLabel[o.stage]}
                </Badge>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {opps.isPending
              ? 'Loading…'
              : 'Nothing came through them yet. Leads, referrals and invitations they bring show here.'}
          </Text>
        )}
      </Block>

      {introduced.data && introduced.data.items.length > 0 && (
        <Block title="Introduced you to">
          <Stack gap={0}>
            {introduced.data.items.map((p) => (
              <PersonLine key={p.id} person={p} avatarSize={32} line={p.headline ?? undefined} />
            ))}
          </Stack>
        </Block>
      )}

      {live && (
        <>
          <ProposeIntroModal opened={proposing} onClose={() => setProposing(false)} a={me} />
          <OpportunityModal opened={adding} onClose={() => setAdding(false)} via={me} />
          <ConnectModal opened={connecting} onClose={() => setConnecting(false)} person={me} />
        </>
      )}
    </Stack>
  );
}

function ConnectModal({ opened, onClose, person }: { opened: boolean; onClose: () => void; person: PersonRef }) {
  const [other, setOther] = useState<PersonRef[]>([]);
  const [kind, setKind] = useState<ConnectionKind>('knows');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const [o] = other;
    if (!o) return setError('Choose who they know');
    try {
      await api.createConnection({ body: { fromId: person.id, toId: o.id, kind } });
      void queryClient.invalidateQueries({ queryKey: ['connections'] });
      setOther([]);
      setError(null);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Who does ${person.fullName.split(' ')[0]} know?`}>
      <Stack gap="md">
        <PersonPicker label="Person" value={other} onChange={(v) => setOther(v.slice(-1))} error={error} />
        <Select
          label="How"
          data={KINDS.filter((k) => k !== 'introduced').map((k) => ({
            value: k,
            label: k === 'reports_to' ? `${person.fullName.split(' ')[0]} reports to them` : connectionKindLabel[k],
          }))}
          value={kind}
          onChange={(v) => v && setKind(v as ConnectionKind)}
          allowDeselect={false}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()}>Connect</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Block({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="tend-card" style={{ padding: '16px 18px' }} aria-label={title}>
      <Group justify="space-between" mb={10} wrap="nowrap">
        <Title order={3} fz={13} fw={650} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.06em' }}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </section>
  );
}
