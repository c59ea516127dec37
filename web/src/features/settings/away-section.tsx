import { ActionIcon, Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AwayPeriod } from '../../../../src/contract/away.js';
import { Section } from '../../components/section';
import { api, queryClient } from '../../lib/api';
import { errorToForm, type FormProblem } from '../../lib/problem';
import { refreshAfterChange } from '../today/use-today';

const FIELDS: Record<string, string> = { from: 'from', to: 'to', label: 'label' };

function day(d: string): string {
  return new Date(`${d}T12:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "Away from … to …": periods Today plans around (check-ins brought forward before leaving). */
export function AwaySection() {
  const periods = useQuery({ queryKey: ['away-periods'], queryFn: () => api.listAwayPeriods({ query: {} }) });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: ['away-periods'] });
    refreshAfterChange();
  };
  const add = useMutation({
    mutationFn: () => api.createAwayPeriod({ body: { from, to, ...(label.trim() ? { label: label.trim() } : {}) } }),
    onSuccess: (p) => {
      setFrom('');
      setTo('');
      setLabel('');
      setProblem(null);
      notifications.show({ color: 'sage', message: `Away ${day(p.from)} – ${day(p.to)} recorded` });
    },
    onError: (e) => setProblem(errorToForm(e, (path) => FIELDS[path] ?? null)),
    onSettled: changed,
  });
  const remove = useMutation({
    mutationFn: (p: AwayPeriod) => api.deleteAwayPeriod({ params: { id: p.id } }),
    onError: (e) => notifications.show({ color: 'red', title: 'Could not remove it', message: (e as Error).message }),
    onSettled: changed,
  });

  return (
    <Section
      title="Away"
      hint="Going away? Tell Tend when: in the ten days before you leave, Today brings forward the inner and close check-ins that would fall due while you are away."
    >
      <Stack pb="md" gap="sm">
        {periods.isError && <Alert color="red">{periods.error.message}</Alert>}
        {periods.data && periods.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            No away periods coming up.
          </Text>
        )}
        {periods.data?.items.map((p) => (
          <Group key={p.id} gap="xs" data-testid="away-period">
            <Text size="sm">
              Away from {day(p.from)} to {day(p.to)}
              {p.label ? ` · ${p.label}` : ''}
            </Text>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Remove the away period from ${day(p.from)}`}
              onClick={() => remove.mutate(p)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {problem?.general && (
          <Alert color="red" title={problem.general.title}>
            {problem.general.detail}
            {problem.general.messages.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Alert>
        )}
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Away from"
            type="date"
            value={from}
            error={problem?.fields.from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            label="to"
            type="date"
            value={to}
            error={problem?.fields.to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <TextInput
            label="Label (optional)"
            placeholder="Holidays"
            maxLength={80}
            value={label}
            error={problem?.fields.label}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
        </Group>
        <Group>
          <Button variant="light" onClick={() => add.mutate()} loading={add.isPending} disabled={!from || !to}>
            Add away period
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
