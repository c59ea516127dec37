import { AreaChart, BarChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import {
  channelTakeaway,
  coolingTakeaway,
  giveAskTakeaway,
  growthTakeaway,
  opportunityTakeaway,
  strengthTakeaway,
  weeklyTakeaway,
} from '../../../../src/contract/insights-text.js';
import { CircleBadge } from '../../components/circle-badge';
import { PersonAvatar } from '../../components/person-avatar';
import type { api } from '../../lib/api';
import { kindLabel } from '../../lib/labels';
import { ChartFigure, Figure, InsightCard } from './insight-card';

type Data<K extends keyof typeof api> = Awaited<ReturnType<(typeof api)[K]>>;
interface Q<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
}

/* Two shades of the one accent: in person (deep) and online (light); "before" in grey. */
const IN_PERSON = 'sage.7';
const ONLINE = 'sage.3';
const BEFORE = 'var(--insight-before)';
const H = 220;

const axis = { tickLine: 'none' as const, gridAxis: 'x' as const, strokeDasharray: '3 3' };

function monthLabel(month: string, long = false): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: long ? 'long' : 'short',
    year: long ? 'numeric' : undefined,
    timeZone: 'UTC',
  });
}

function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

const state = <T,>(q: Q<T>) => ({ loading: q.isPending, error: q.isError });

export function GrowthCard({ q }: { q: Q<Data<'growthInsights'>> }) {
  const g = q.data;
  const rows = (g?.byMonth ?? []).map((m) => ({ month: monthLabel(m.month), Added: m.added, 'In network': m.total }));
  return (
    <InsightCard
      id="growth"
      title="Network growth"
      takeaway={g ? growthTakeaway(g) : null}
      empty="Add people or import your LinkedIn connections to see your network grow."
      figure={g && <Figure value={g.total.toLocaleString()} label="people" />}
      {...state(q)}
    >
      <ChartFigure
        summary={`People added per month: ${(g?.byMonth ?? []).map((m) => `${monthLabel(m.month, true)} ${m.added}`).join(', ')}`}
      >
        <BarChart
          h={H}
          data={rows}
          dataKey="month"
          series={[{ name: 'Added', color: IN_PERSON, label: 'People added' }]}
          yAxisLabel="People added"
          maxBarWidth={36}
          {...axis}
          yAxisProps={{ allowDecimals: false, width: 40 }}
        />
      </ChartFigure>
    </InsightCard>
  );
}

export function WeeklyCard({ q }: { q: Q<Data<'weeklyInsights'>> }) {
  const w = q.data;
  const rows = (w?.byWeek ?? []).map((b) => ({ week: dayLabel(b.week), 'In person': b.inPerson, Online: b.online }));
  return (
    <InsightCard
      id="weekly"
      title="Interactions per week"
      takeaway={w ? weeklyTakeaway(w) : null}
      empty="Log a coffee, a call or a message, and your weeks fill in here."
      figure={w && <Figure value={w.total.toLocaleString()} label="interactions" />}
      {...state(q)}
    >
      <ChartFigure
        summary={`Interactions per week, from the week of ${w ? dayLabel(w.from) : ''}: ${w?.total ?? 0} in all, ${w?.inPerson ?? 0} in person and ${w?.online ?? 0} online`}
      >
        <BarChart
          h={H}
          data={rows}
          dataKey="week"
          type="stacked"
          series={[
            { name: 'In person', color: IN_PERSON },
            { name: 'Online', color: ONLINE },
          ]}
          yAxisLabel="Interactions"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          {...axis}
          yAxisProps={{ allowDecimals: false, width: 40 }}
          xAxisProps={{ minTickGap: 16 }}
        />
      </ChartFigure>
    </InsightCard>
  );
}

export function ChannelCard({ q }: { q: Q<Data<'channelInsights'>> }) {
  const c = q.data;
  const rows = (c?.byKind ?? []).slice(0, 8).map((k) => ({
    kind: kindLabel[k.kind] ?? k.kind,
    'In person': k.inPerson,
    Online: k.online,
  }));
  const online = c && c.total > 0 ? Math.round((100 * c.online) / c.total) : 0;
  return (
    <InsightCard
      id="channels"
      title="Channel mix"
      takeaway={c ? channelTakeaway(c) : null}
      empty="When you log interactions, this shows how much happens online and how much in person."
      figure={c && <Figure value={`${online}%`} label="online" />}
      {...state(q)}
    >
      <ChartFigure
        summary={`Interactions by kind: ${(c?.byKind ?? []).map((k) => `${kindLabel[k.kind]} ${k.inPerson} in person, ${k.online} online`).join('; ')}`}
      >
        <BarChart
          h={Math.max(160, rows.length * 34 + 60)}
          data={rows}
          dataKey="kind"
          type="stacked"
          orientation="vertical"
          series={[
            { name: 'In person', color: IN_PERSON },
            { name: 'Online', color: ONLINE },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          tickLine="none"
          gridAxis="y"
          strokeDasharray="3 3"
          yAxisProps={{ width: 110 }}
          xAxisProps={{ allowDecimals: false }}
          xAxisLabel="Interactions"
          maxBarWidth={22}
        />
      </ChartFigure>
    </InsightCard>
  );
}

export function StrengthCard({ q }: { q: Q<Data<'strengthInsights'>> }) {
  const s = q.data;
  const then = s?.comparedWith ? `Week of ${dayLabel(s.comparedWith)}` : null;
  const rows = (s?.bands ?? []).map((b, i) => ({
    band: i === 0 ? 'None' : b.label,
    ...(then ? { [then]: b.before ?? 0 } : {}),
    Now: b.now,
  }));
  return (
    <InsightCard
      id="strength"
      title="Relationship strength"
      takeaway={s ? strengthTakeaway(s) : null}
      empty="Strength grows with every interaction and fades with time. Add people to see the spread."
      figure={s?.comparedWith ? <Figure value={`${s.warmed} / ${s.cooled}`} label="warmed / cooled" /> : undefined}
      {...state(q)}
    >
      <ChartFigure
        summary={`People per strength band now${then ? ` and in the ${then.toLowerCase()}` : ''}: ${(s?.bands ?? []).map((b) => `${b.label} ${b.now}${b.before !== null ? ` (was ${b.before})` : ''}`).join(', ')}`}
      >
        <BarChart
          h={H}
          data={rows}
          dataKey="band"
          series={[...(then ? [{ name: then, color: BEFORE }] : []), { name: 'Now', color: IN_PERSON }]}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          yAxisLabel="People"
          xAxisLabel="Strength (0–100)"
          {...axis}
          yAxisProps={{ allowDecimals: false, width: 40 }}
          maxBarWidth={28}
        />
      </ChartFigure>
    </InsightCard>
  );
}

export function CoolingCard({ q }: { q: Q<Data<'coolingInsights'>> }) {
  const c = q.data;
  return (
    <InsightCard
      id="cooling"
      title="Cooling relationships"
      takeaway={c ? coolingTakeaway(c) : null}
      empty="No one in your inner or close circles is cooling. Nicely tended."
      {...state(q)}
    >
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="cooling-list">
        {(c?.items ?? []).slice(0, 6).map((i) => (
          <li key={i.person.id}>
            <Link to={`/people/${i.person.id}`} className="tend-link-plain" style={{ display: 'block' }}>
              <Group gap="sm" wrap="nowrap" py={8} style={{ minHeight: 44 }}>
                <PersonAvatar person={i.person} size={36} />
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Group gap={8} wrap="nowrap">
                    <Text size="sm" fw={600} truncate>
                      {i.person.fullName}
                    </Text>
                    <CircleBadge circle={i.circle} />
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {i.reason}
                  </Text>
                </div>
                <div style={{ textAlign: 'right', flexShrink: 0 }}>
                  <Text size="sm" fw={600}>
                    {Math.round(i.strength)}
                  </Text>
                  {i.drop >= 1 && (
                    <Text size="xs" c="orange.8" style={{ whiteSpace: 'nowrap' }}>
                      −{Math.round(i.drop)}
                    </Text>
                  )}
                </div>
              </Group>
            </Link>
          </li>
        ))}
      </Stack>
    </InsightCard>
  );
}

export function GiveAskCard({ q, months }: { q: Q<Data<'giveAskInsights'>>; months: string[] }) {
  const g = q.data;
  const by = new Map((g?.byMonth ?? []).map((m) => [m.month, m]));
  const rows = months.map((m) => ({ month: monthLabel(m), Gave: by.get(m)?.gives ?? 0, Asked: by.get(m)?.asks ?? 0 }));
  return (
    <InsightCard
      id="give-ask"
      title="Give and ask"
      takeaway={g ? giveAskTakeaway(g, months.length) : null}
      empty="Mark an interaction as a give or an ask when you log it, to keep the balance in view."
      figure={g && <Figure value={`${g.gives}:${g.asks}`} label="gave : asked" />}
      {...state(q)}
    >
      <ChartFigure summary={`Gives and asks per month: ${g?.gives ?? 0} gives and ${g?.asks ?? 0} asks in all`}>
        <AreaChart
          h={H}
          data={rows}
          dataKey="month"
          series={[
            { name: 'Gave', color: IN_PERSON },
            { name: 'Asked', color: 'orange.5' },
          ]}
          curveType="monotone"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          yAxisLabel="Interactions"
          fillOpacity={0.15}
          {...axis}
          yAxisProps={{ allowDecimals: false, width: 40 }}
        />
      </ChartFigure>
    </InsightCard>
  );
}

const channelName = { in_person: 'In person', online: 'Online', unknown: 'Channel unknown' } as const;

export function OpportunityCard({ q }: { q: Q<Data<'opportunityInsights'>> }) {
  const o = q.data;
  const rows = (o?.bySource ?? []).slice(0, 6).map((r) => ({
    source: r.person?.fullName ?? 'No source person',
    Open: r.open,
    Won: r.won,
    Lost: r.lost,
  }));
  const won = o?.totals.wonValue.map((v) => `${v.amount.toLocaleString()} ${v.currency}`).join(' + ');
  return (
    <InsightCard
      id="opportunities"
      title="Opportunities by source"
      takeaway={o ? opportunityTakeaway(o) : null}
      empty="Record job leads, referrals and clients with the person they came through, and see who your opportunities come from."
      figure={o && <Figure value={won || String(o.totals.won)} label={won ? 'won' : 'won so far'} />}
      span
      {...state(q)}
    >
      <ChartFigure
        summary={`Opportunities by source person: ${(o?.bySource ?? []).map((r) => `${r.person?.fullName ?? 'no source person'} ${r.count} (${r.won} won)`).join(', ')}`}
      >
        <BarChart
          h={Math.max(140, rows.length * 36 + 60)}
          data={rows}
          dataKey="source"
          type="stacked"
          orientation="vertical"
          series={[
            { name: 'Won', color: IN_PERSON },
            { name: 'Open', color: ONLINE },
            { name: 'Lost', color: BEFORE },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          tickLine="none"
          gridAxis="y"
          strokeDasharray="3 3"
          yAxisProps={{ width: 140 }}
          xAxisProps={{ allowDecimals: false }}
          xAxisLabel="Opportunities"
          maxBarWidth={22}
        />
      </ChartFigure>
      <Group gap="lg" mt="sm">
        {(o?.byChannel ?? []).map((r) => (
          <Text key={r.channel} size="sm" c="dimmed">
            {channelName[r.channel]} <b>{r.count}</b>
          </Text>
        ))}
        {(o?.byEvent ?? [])
          .filter((r) => r.event)
          .slice(0, 3)
          .map((r) => (
            <Text key={r.event?.id} size="sm" c="dimmed">
              {r.event?.name} <b>{r.count}</b>
            </Text>
          ))}
      </Group>
    </InsightCard>
  );
}
