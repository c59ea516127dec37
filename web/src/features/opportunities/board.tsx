import { ActionIcon, Badge, Group, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconCalendarEvent, IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { OpportunityStage } from '../../../../src/contract/opportunities';
import { PersonAvatar } from '../../components/person-avatar';
import { api, queryClient } from '../../lib/api';
import classes from './opportunities.module.css';
import { type Opportunity, STAGES, kindLabel, money, netKeys, stageColor, stageLabel } from './labels';

/** Moves a card at once; the server's answer (or the old state on failure) follows. */
export async function moveOpportunity(o: Opportunity, stage: OpportunityStage) {
  if (o.stage === stage) return;
  const key = netKeys.opportunityList({});
  const before = queryClient.getQueryData<{ items: Opportunity[] }>(key);
  queryClient.setQueryData<{ items: Opportunity[] }>(key, (d) =>
    d ? { items: d.items.map((x) => (x.id === o.id ? { ...x, stage } : x)) } : d,
  );
  try {
    await api.moveOpportunity({ params: { id: o.id }, body: { stage } });
    if (stage === 'won') {
      const source = o.people.find((p) => p.role === 'source');
      notifications.show({
        color: 'sage',
        message: source
          ? `Won. Today will remind you to thank ${source.fullName.split(' ')[0]}.`
          : `${o.title} is won.`,
      });
    }
  } catch (error) {
    queryClient.setQueryData(key, before);
    notifications.show({ color: 'red', title: 'Could not move it', message: (error as Error).message });
  } finally {
    void queryClient.invalidateQueries({ queryKey: netKeys.opportunities });
  }
}

export function Board({ items }: { items: Opportunity[] }) {
  const [over, setOver] = useState<OpportunityStage | null>(null);
  return (
    <div className={classes.board} data-testid="opportunity-board">
      {STAGES.map((stage) => {
        const cards = items.filter((o) => o.stage === stage);
        const total = sumByCurrency(cards);
        return (
          <section
            key={stage}
            aria-label={stageLabel[stage]}
            data-testid={`board-column-${stage}`}
            className={classes.column}
            data-over={over === stage || undefined}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(stage);
            }}
            onDragLeave={() => setOver((s) => (s === stage ? null : s))}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const o = items.find((x) => x.id === e.dataTransfer.getData('text/opportunity'));
              if (o) void moveOpportunity(o, stage);
            }}
          >
            <Group justify="space-between" mb="sm" wrap="nowrap">
              <Group gap={8} wrap="nowrap">
                <span className={classes.dot} data-color={stageColor[stage]} />
                <Text fw={650} size="sm">
                  {stageLabel[stage]}
                </Text>
                <Text size="sm" c="dimmed">
                  {cards.length}
                </Text>
              </Group>
              {total && (
                <Text size="xs" c="dimmed" truncate>
                  {total}
                </Text>
              )}
            </Group>
            <Stack gap="sm">
              {cards.map((o) => (
                <Card key={o.id} o={o} />
              ))}
              {cards.length === 0 && (
                <Text size="xs" c="dimmed" ta="center" py="lg" className={classes.empty}>
                  {stage === 'lead' ? 'New leads land here' : 'Drag a card here'}
                </Text>
              )}
            </Stack>
          </section>
        );
      })}
    </div>
  );
}

function Card({ o }: { o: Opportunity }) {
  const source = o.people.find((p) => p.role === 'source');
  const value = money(o.value);
  return (
    <article
      className={classes.card}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData('text/opportunity', o.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      data-testid="opportunity-card"
      aria-label={o.title}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={6}>
        <Text fw={600} size="sm" lh={1.35} style={{ minWidth: 0 }}>
          {o.title}
        </Text>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Move ${o.title}`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Move to</Menu.Label>
            {STAGES.filter((s) => s !== o.stage).map((s) => (
              <Menu.Item
                key={s}
                leftSection={<IconArrowsExchange size={14} />}
                onClick={() => void moveOpportunity(o, s)}
              >
                {stageLabel[s]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Group gap={6} mt={6}>
        <Badge variant="light" color="gray" tt="none" fw={500} size="sm">
          {kindLabel[o.kind]}
        </Badge>
        {value && (
          <Text size="xs" fw={600}>
            {value}
          </Text>
        )}
      </Group>
      {(source || o.event) && (
        <Stack gap={4} mt={10}>
          {source && (
            <Group gap={6} wrap="nowrap">
              <PersonAvatar person={source} size={20} />
              <Text size="xs" c="dimmed" truncate>
                via{' '}
                <Text component={Link} to={`/people/${source.id}`} size="xs" className="tend-link-plain" inherit>
                  {source.fullName}
                </Text>
              </Text>
            </Group>
          )}
          {o.event && (
            <Group gap={6} wrap="nowrap">
              <IconCalendarEvent size={14} aria-hidden style={{ flexShrink: 0, opacity: 0.7 }} />
              <Text size="xs" c="dimmed" truncate>
                {o.event.name}
              </Text>
            </Group>
          )}
        </Stack>
      )}
    </article>
  );
}

function sumByCurrency(items: Opportunity[]): string | null {
  const by = new Map<string, number>();
  for (const o of items) if (o.value) by.set(o.value.currency, (by.get(o.value.currency) ?? 0) + o.value.amount);
  const parts = [...by].map(([currency, amount]) => money({ currency, amount }));
  return parts.length ? parts.join(' + ') : null;
}
