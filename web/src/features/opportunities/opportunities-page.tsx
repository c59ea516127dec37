import { Badge, Button, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconArrowsLeftRight, IconChartBar, IconLayoutKanban, IconList, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { LinesSkeleton, Section } from '../../components/section';
import { api } from '../../lib/api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import { IntroductionList } from '../introductions/introduction-list';
import { ProposeIntroModal } from '../introductions/propose-intro-modal';
import { Board } from './board';
import { type Opportunity, kindLabel, money, netKeys, stageColor, stageLabel } from './labels';
import { OpportunityModal } from './opportunity-modal';
import { Report } from './report';

const TABS = ['board', 'list', 'report', 'introductions'] as const;
type Tab = (typeof TABS)[number];

export default function OpportunitiesPage() {
  useDocumentTitle('Opportunities');
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'board';
  const [adding, setAdding] = useState(false);
  const [proposing, setProposing] = useState(false);

  const list = useQuery({
    queryKey: netKeys.opportunityList({}),
    queryFn: () => api.listOpportunities({ query: { limit: 500 } }),
  });
  const report = useQuery({
    queryKey: netKeys.report,
    queryFn: () => api.opportunityReport({}),
    enabled: tab === 'report',
  });
  const intros = useQuery({
    queryKey: netKeys.introductionList({}),
    queryFn: () => api.listIntroductions({ query: { limit: 200 } }),
    enabled: tab === 'introductions',
  });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Opportunities"
        subtitle="Leads, referrals and invitations, and the people and events they came through."
        actions={
          tab === 'introductions' ? (
            <Button
              leftSection={<IconArrowsLeftRight size={17} />}
              onClick={() => setProposing(true)}
              className="tend-touch"
            >
              Propose an introduction
            </Button>
          ) : (
            <Button leftSection={<IconPlus size={17} />} onClick={() => setAdding(true)} className="tend-touch">
              New opportunity
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => v && setParams(v === 'board' ? {} : { tab: v }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="lg" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          <Tabs.Tab value="board" leftSection={phone ? undefined : <IconLayoutKanban size={16} stroke={1.7} />}>
            Board
          </Tabs.Tab>
          <Tabs.Tab value="list" leftSection={phone ? undefined : <IconList size={16} stroke={1.7} />}>
            List
          </Tabs.Tab>
          <Tabs.Tab value="report" leftSection={phone ? undefined : <IconChartBar size={16} stroke={1.7} />}>
            Report
          </Tabs.Tab>
          <Tabs.Tab
            value="introductions"
            leftSection={phone ? undefined : <IconArrowsLeftRight size={16} stroke={1.7} />}
          >
            {phone ? 'Intros' : 'Introductions'}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="board">
          {list.isPending ? (
            <LinesSkeleton n={4} />
          ) : list.isError ? (
            <Text c="red">Could not load opportunities: {list.error.message}</Text>
          ) : list.data.items.length === 0 ? (
            <Empty onAdd={() => setAdding(true)} />
          ) : (
            <Board items={list.data.items} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="list">
          {list.data ? <OpportunityTable items={list.data.items} /> : <LinesSkeleton n={5} />}
        </Tabs.Panel>
        <Tabs.Panel value="report">
          {report.isError ? (
            <Text c="red">Could not load the report: {report.error.message}</Text>
          ) : report.data ? (
            report.data.totals.count === 0 ? (
              <Empty onAdd={() => setAdding(true)} />
            ) : (
              <Report report={report.data} />
            )
          ) : (
            <LinesSkeleton n={5} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="introductions">
          <Section
            title="Introductions"
            hint="Double opt-in: ask the first person, then the second, introduce them when both said yes."
          >
            {intros.data ? (
              intros.data.items.length === 0 ? (
                <Text size="sm" c="dimmed" pb="md">
                  No introductions yet. Who in your network should meet? Propose it, and Tend keeps the next step on
                  Today.
                </Text>
              ) : (
                <IntroductionList items={intros.data.items} />
              )
            ) : (
              <LinesSkeleton n={3} />
            )}
          </Section>
        </Tabs.Panel>
      </Tabs>
      <OpportunityModal opened={adding} onClose={() => setAdding(false)} />
      <ProposeIntroModal opened={proposing} onClose={() => setProposing(false)} />
    </Stack>
  );
}

function Empty({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="tend-card" style={{ padding: '32px 24px', textAlign: 'center' }}>
      <Text fw={600} size="lg">
        Nothing on the board yet
      </Text>
      <Text c="dimmed" mt={6} maw={520} mx="auto">
        When a conversation turns into a job lead, a client or a speaking slot, add it with the person it came through.
        Over time the report shows which relationships and events produced value.
      </Text>
      <Button mt="lg" leftSection={<IconPlus size={17} />} onClick={onAdd}>
        Add the first opportunity
      </Button>
    </div>
  );
}

function OpportunityTable({ items }: { items: Opportunity[] }) {
  if (items.length === 0) return <Text c="dimmed">No opportunities yet.</Text>;
  return (
    <div className="tend-card" style={{ padding: 0, overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover miw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Opportunity</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Came through</Table.Th>
            <Table.Th>Opened</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((o) => {
            const source = o.people.find((p) => p.role === 'source');
            return (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {o.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {kindLabel[o.kind]}
                    {o.event ? ` · ${o.event.name}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={stageColor[o.stage]} tt="none" fw={500}>
                    {stageLabel[o.stage]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{money(o.value) ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  {source ? (
                    <Text component={Link} to={`/people/${source.id}`} size="sm" className="tend-link-plain">
                      {source.fullName}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="sm" c="dimmed">
                      {o.openedOn}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
