import { SegmentedControl, SimpleGrid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ChannelCard, CoolingCard, GiveAskCard, GrowthCard, OpportunityCard, StrengthCard, WeeklyCard } from './cards';

const RANGES = ['3', '6', '12'] as const;

/** The last `months` months as YYYY-MM, oldest first (the give/ask chart fills gaps with zeros). */
function monthList(months: number, now = new Date()): string[] {
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** Insights: how the network grows, where it is tended and where it cools; one card per chart. */
export default function InsightsPage() {
  useDocumentTitle('Insights');
  const [params, setParams] = useSearchParams();
  const range = (RANGES as readonly string[]).includes(params.get('months') ?? '')
    ? (params.get('months') as string)
    : '6';
  const months = Number(range);
  const query = { months };
  const key = (name: string) => ['insights', name, months] as const;

  const growth = useQuery({ queryKey: key('growth'), queryFn: () => api.growthInsights({ query }) });
  const weekly = useQuery({ queryKey: key('weekly'), queryFn: () => api.weeklyInsights({ query }) });
  const channels = useQuery({ queryKey: key('channels'), queryFn: () => api.channelInsights({ query }) });
  const strength = useQuery({ queryKey: key('strength'), queryFn: () => api.strengthInsights({ query }) });
  const cooling = useQuery({
    queryKey: key('cooling'),
    queryFn: () => api.coolingInsights({ query: { ...query, limit: 6 } }),
  });
  const giveAsk = useQuery({ queryKey: key('give-ask'), queryFn: () => api.giveAskInsights({ query }) });
  const opportunities = useQuery({
    queryKey: key('opportunities'),
    queryFn: () => api.opportunityInsights({ query }),
  });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Insights"
        subtitle="How your network is growing, where you keep in touch, and who could use a hello."
        actions={
          <SegmentedControl
            aria-label="Time range"
            value={range}
            onChange={(v) => setParams(v === '6' ? {} : { months: v }, { replace: true })}
            data={[
              { value: '3', label: '3 months' },
              { value: '6', label: '6 months' },
              { value: '12', label: '12 months' },
            ]}
          />
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
        <GrowthCard q={growth} />
        <WeeklyCard q={weekly} />
        <ChannelCard q={channels} />
        <StrengthCard q={strength} />
        <CoolingCard q={cooling} />
        <GiveAskCard q={giveAsk} months={monthList(months)} />
        <OpportunityCard q={opportunities} />
      </SimpleGrid>
    </Stack>
  );
}
