import { Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Section } from '../../components/section';
import { api, keys } from '../../lib/api';

const CIRCLES = [
  { value: 'inner', label: 'Inner circle' },
  { value: 'close', label: 'Close' },
  { value: 'wider', label: 'Wider' },
  { value: 'loose', label: 'Loose' },
  { value: 'none', label: 'No circle' },
];

export function ExportTab() {
  const [format, setFormat] = useState<'csv' | 'vcard'>('csv');
  const [version, setVersion] = useState<'4.0' | '3.0'>('4.0');
  const [tag, setTag] = useState<string | null>(null);
  const [circle, setCircle] = useState<string | null>(null);
  const tags = useQuery({ queryKey: keys.tags, queryFn: () => api.listTags({}) });

  const params = new URLSearchParams();
  if (format === 'vcard') params.set('version', version);
  if (tag) params.set('tag', tag);
  if (circle) params.set('circle', circle);
  const qs = params.toString();
  const href = `/api/v1/export/people.${format === 'csv' ? 'csv' : 'vcf'}${qs ? `?${qs}` : ''}`;

  return (
    <Stack gap="lg">
      <Section
        title="Export people"
        hint="Everyone in this workspace (or a tag or circle of them), for a spreadsheet, your phone or another app."
      >
        <Stack gap="md" pb="md" pt={4}>
          <div>
            <Text size="sm" fw={500} mb={6} id="export-format">
              Format
            </Text>
            <SegmentedControl
              aria-labelledby="export-format"
              value={format}
              onChange={(v) => setFormat(v as 'csv' | 'vcard')}
              data={[
                { value: 'csv', label: 'CSV (spreadsheet)' },
                { value: 'vcard', label: 'vCard (contacts)' },
              ]}
            />
          </div>
          {format === 'vcard' && (
            <div>
              <Text size="sm" fw={500} mb={6} id="export-version">
                vCard version
              </Text>
              <SegmentedControl
                aria-labelledby="export-version"
                value={version}
                onChange={(v) => setVersion(v as '4.0' | '3.0')}
                data={[
                  { value: '4.0', label: '4.0 (current)' },
                  { value: '3.0', label: '3.0 (older phones, Outlook)' },
                ]}
              />
            </div>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={560}>
            <Select
              label="Only people tagged"
              placeholder="Any tag"
              clearable
              searchable
              data={(tags.data?.items ?? []).map((t) => t.name)}
              value={tag}
              onChange={setTag}
            />
            <Select
              label="Only people in the circle"
              placeholder="Any circle"
              clearable
              data={CIRCLES}
              value={circle}
              onChange={setCircle}
            />
          </SimpleGrid>
          <Group>
            <Button
              component="a"
              href={href}
              download
              leftSection={<IconDownload size={16} />}
              data-testid="export-download"
            >
              Download {format === 'csv' ? 'CSV' : `vCard ${version}`}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" maw={640}>
            {format === 'csv'
              ? 'Columns: name parts, headline, title, organisation, location, time zone, emails, phones, links, tags, topics, circle, cadence, last contacted, next due, birthday, notes. Cells that start with = + - or @ get a leading apostrophe, so a spreadsheet never runs them as formulas.'
              : 'One .vcf file with a card per person: names, emails, phones, links, organisation, title, birthday and other dates, notes and tags. Tend-only fields (circle, cadence, topics) travel as X-TEND properties, so importing the file back into Tend keeps them.'}
          </Text>
        </Stack>
      </Section>
    </Stack>
  );
}
