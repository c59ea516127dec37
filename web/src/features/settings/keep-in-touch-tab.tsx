import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Settings, SettingsUpdate, TemplateKind } from '../../../../src/contract/keep-in-touch.js';
import { Section } from '../../components/section';
import { api, queryClient } from '../../lib/api';
import { refreshAfterChange } from '../today/use-today';
import { AwaySection } from './away-section';

const CIRCLES = [
  ['inner', 'Inner circle'],
  ['close', 'Close'],
  ['wider', 'Wider'],
  ['loose', 'Loose ties'],
] as const;

const TEMPLATES: [TemplateKind, string][] = [
  ['thank_you', 'Thank-you after meeting'],
  ['congratulation', 'Congratulation'],
  ['check_in', 'No-agenda check-in'],
  ['share_article', 'Sharing an article'],
];

const zones = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** The keep-in-touch rules: circles, weekly goal, follow-ups, time zone and message templates. */
export function KeepInTouchTab() {
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.getSettings({}) });
  const [draft, setDraft] = useState<Settings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (body: SettingsUpdate) => api.updateSettings({ body }),
    onSuccess: (s) => {
      queryClient.setQueryData(['settings'], s);
      notifications.show({ color: 'sage', message: 'Settings saved' });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Could not save', message: (e as Error).message }),
    onSettled: refreshAfterChange,
  });

  if (settings.isError) return <Alert color="red">{settings.error.message}</Alert>;
  if (!draft) return null;
  const set = (patch: Partial<Settings>) => setDraft({ ...draft, ...patch });
  const submit = () =>
    save.mutate({
      timeZone: draft.timeZone,
      weekStartsOn: draft.weekStartsOn,
      cadences: draft.cadences,
      followUps: draft.followUps,
      weeklyGoal: draft.weeklyGoal,
      templates: Object.fromEntries(
        TEMPLATES.filter(([k]) => draft.templates[k] !== settings.data?.templates[k]).map(([k]) => [
          k,
          draft.templates[k],
        ]),
      ),
    });

  return (
    <Stack gap="xl">
      <Section title="Circles and cadences" hint="How often to be in touch with each circle. A person can override it.">
        <SimpleGrid cols={{ base: 2, sm: 4 }} pb="md">
          {CIRCLES.map(([c, label]) => (
            <NumberInput
              key={c}
              label={label}
              suffix=" days"
              min={1}
              max={3650}
              value={draft.cadences[c]}
              onChange={(v) => set({ cadences: { ...draft.cadences, [c]: Number(v) || 1 } })}
            />
          ))}
        </SimpleGrid>
      </Section>

      <Section title="Weekly goal" hint="Consistency beats intensity: a few touches every week.">
        <SimpleGrid cols={{ base: 1, sm: 2 }} pb="md">
          <NumberInput
            label="Meaningful touches a week"
            min={0}
            max={500}
            value={draft.weeklyGoal.touches}
            onChange={(v) => set({ weeklyGoal: { ...draft.weeklyGoal, touches: Number(v) || 0 } })}
          />
          <NumberInput
            label="No-agenda check-ins a week"
            min={0}
            max={100}
            value={draft.weeklyGoal.checkIns}
            onChange={(v) => set({ weeklyGoal: { ...draft.weeklyGoal, checkIns: Number(v) || 0 } })}
          />
        </SimpleGrid>
      </Section>

      <Section title="Follow-ups" hint="After an in-person meeting or an event encounter.">
        <Group align="flex-end" pb="md" gap="xl">
          <Switch
            label="Create a follow-up automatically"
            checked={draft.followUps.autoCreate}
            onChange={(e) => set({ followUps: { ...draft.followUps, autoCreate: e.currentTarget.checked } })}
          />
          <NumberInput
            label="Due after"
            suffix=" days"
            min={0}
            max={60}
            w={140}
            disabled={!draft.followUps.autoCreate}
            value={draft.followUps.delayDays}
            onChange={(v) => set({ followUps: { ...draft.followUps, delayDays: Number(v) || 0 } })}
          />
        </Group>
      </Section>

      <Section title="Calendar" hint="Today, due dates and weeks follow your time zone.">
        <SimpleGrid cols={{ base: 1, sm: 2 }} pb="md">
          <Select
            label="Time zone"
            searchable
            data={zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones]}
            value={draft.timeZone}
            onChange={(v) => v && set({ timeZone: v })}
            allowDeselect={false}
          />
          <Select
            label="Weeks start on"
            data={[
              { value: '1', label: 'Monday' },
              { value: '0', label: 'Sunday' },
            ]}
            value={String(draft.weekStartsOn)}
            onChange={(v) => set({ weekStartsOn: v === '0' ? 0 : 1 })}
            allowDeselect={false}
          />
        </SimpleGrid>
      </Section>

      <Section
        title="Message templates"
        hint="Placeholders: {{firstName}}, {{metAt}}, {{lastTopic}}, {{interest}}, {{topics}}, {{achievement}}, {{article}}. Text in [[ ]] is left out when a placeholder in it is unknown."
      >
        <Stack pb="md">
          {TEMPLATES.map(([k, label]) => (
            <Textarea
              key={k}
              label={label}
              autosize
              minRows={3}
              value={draft.templates[k]}
              onChange={(e) => set({ templates: { ...draft.templates, [k]: e.currentTarget.value } })}
            />
          ))}
        </Stack>
      </Section>

      <Group>
        <Button onClick={submit} loading={save.isPending} className="tend-touch">
          Save settings
        </Button>
        <Button variant="subtle" color="gray" onClick={() => setDraft(settings.data ?? null)}>
          Discard changes
        </Button>
      </Group>

      <AwaySection />
    </Stack>
  );
}
