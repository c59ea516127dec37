import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PersonAvatar } from '../../components/person-avatar';
import { Section } from '../../components/section';
import { type OpportunityReport, money } from './labels';
import classes from './opportunities.module.css';

type Row = OpportunityReport['totals'];

const channelLabel = { in_person: 'In person', online: 'Online', unknown: 'Channel unknown' } as const;

function wonValue(r: Row): string {
  return r.wonValue.map((v) => money(v)).join(' + ') || '—';
}

/** Which parts of the network produced value: one calm bar per source, channel and event. */
export function Report({ report }: { report: OpportunityReport }) {
  const t = report.totals;
  return (
    <Stack gap="lg" data-testid="opportunity-report">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Figure label="Opportunities" value={String(t.count)} />
        <Figure label="Open" value={String(t.open)} />
        <Figure label="Won" value={`${t.won}${t.count ? ` (${Math.round((t.won / t.count) * 100)}%)` : ''}`} />
        <Figure label="Won value" value={wonValue(t)} />
      </SimpleGrid>
      <Section title="By source relationship" hint="The person each opportunity came through.">
        <Bars
          rows={report.bySource.map((r) => ({
            key: r.person?.id ?? 'none',
            row: r,
            label: r.person ? (
              <Group gap={8} wrap="nowrap">
                <PersonAvatar person={r.person} size={24} />
                <Text
                  component={Link}
                  to={`/people/${r.person.id}`}
                  size="sm"
                  fw={500}
                  truncate
                  className="tend-link-plain"
                >
                  {r.person.fullName}
                </Text>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                No source person
              </Text>
            ),
          }))}
        />
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title="By channel" hint="Online or in person: the conversation, event or first meeting it came from.">
          <Bars
            rows={report.byChannel.map((r) => ({
              key: r.channel,
              row: r,
              label: <Text size="sm">{channelLabel[r.channel]}</Text>,
            }))}
          />
        </Section>
        <Section title="By event" hint="Conferences and meetups that produced something.">
          <Bars
            rows={report.byEvent.map((r) => ({
              key: r.event?.id ?? 'none',
              row: r,
              label: (
                <Text size="sm" c={r.event ? undefined : 'dimmed'} truncate>
                  {r.event?.name ?? 'Not through an event'}
                </Text>
              ),
            }))}
          />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="tend-card" style={{ padding: '14px 16px' }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={650} style={{ letterSpacing: '0.06em' }}>
        {label}
      </Text>
      <Text fz={22} fw={650} mt={4} lh={1.2}>
        {value}
      </Text>
    </div>
  );
}

function Bars({ rows }: { rows: { key: string; row: Row; label: ReactNode }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.row.count));
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" pb="sm">
        Nothing yet.
      </Text>
    );
  }
  return (
    <Stack gap={12} pb="sm">
      {rows.map(({ key, row, label }) => (
        <div key={key} data-testid="report-row">
          <Group justify="space-between" wrap="nowrap" gap="sm" mb={6}>
            <div style={{ minWidth: 0, flex: 1 }}>{label}</div>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {row.count} · {row.won} won{row.wonValue.length ? ` · ${wonValue(row)}` : ''}
            </Text>
          </Group>
          <div className={classes.barTrack} role="img" aria-label={`${row.count} opportunities, ${row.won} won`}>
            <div className={classes.barWon} style={{ width: `${(row.won / max) * 100}%` }} />
            <div className={classes.barAll} style={{ width: `${((row.count - row.won) / max) * 100}%` }} />
          </div>
        </div>
      ))}
    </Stack>
  );
}
