import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { OpportunityKind, OpportunityStage } from '../../../../src/contract/opportunities';
import type { PersonRef } from '../../app/capture-context';
import { api, queryClient } from '../../lib/api';
import { errorToForm, type FormProblem } from '../../lib/problem';
import { usePhone } from '../../lib/use-media';
import { PersonPicker } from '../capture/person-picker';
import { KINDS, STAGES, kindLabel, netKeys, stageLabel } from './labels';

const FIELD: Record<string, string> = {
  title: 'title',
  kind: 'kind',
  stage: 'stage',
  value: 'value',
  people: 'via',
  eventId: 'event',
  expectedCloseOn: 'expected',
};

/** A new opportunity: what, how far, what it is worth, and who (or which event) it came through. */
export function OpportunityModal({
  opened,
  onClose,
  via: initialVia,
}: {
  opened: boolean;
  onClose: () => void;
  via?: PersonRef;
}) {
  const phone = usePhone();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<OpportunityKind>('job_lead');
  const [stage, setStage] = useState<OpportunityStage>('lead');
  const [amount, setAmount] = useState<number | string>('');
  const [currency, setCurrency] = useState('EUR');
  const [via, setVia] = useState<PersonRef[]>(initialVia ? [initialVia] : []);
  const [eventId, setEventId] = useState<string | null>(null);
  const [expected, setExpected] = useState('');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);

  const events = useQuery({
    queryKey: ['events', 'picker'],
    queryFn: () => api.listEvents({ query: { limit: 100 } }),
    enabled: opened,
  });

  const reset = () => {
    setTitle('');
    setAmount('');
    setVia(initialVia ? [initialVia] : []);
    setEventId(null);
    setExpected('');
    setNotes('');
    setProblem(null);
  };

  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      const source = via[0];
      const o = await api.createOpportunity({
        body: {
          title: title.trim(),
          kind,
          stage,
          ...(amount !== '' ? { value: { amount: Number(amount), currency } } : {}),
          ...(source ? { people: [{ personId: source.id, role: 'source' as const }] } : {}),
          ...(eventId ? { eventId } : {}),
          ...(expected ? { expectedCloseOn: expected } : {}),
          ...(notes.trim() ? { notes } : {}),
        },
      });
      void queryClient.invalidateQueries({ queryKey: netKeys.opportunities });
      notifications.show({ color: 'sage', message: `${o.title} is on the board.` });
      reset();
      onClose();
    } catch (error) {
      setProblem(errorToForm(error, (p) => FIELD[p.split('.')[0] ?? ''] ?? null));
    } finally {
      setSaving(false);
    }
  };

  const err = (f: string) => problem?.fields[f];
  return (
    <Modal opened={opened} onClose={onClose} title="New opportunity" size="lg" fullScreen={phone}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          {problem?.general && (
            <Alert color="red" variant="light" title={problem.general.title}>
              {problem.general.detail}
            </Alert>
          )}
          <TextInput
            label="What is it?"
            placeholder="Staff engineer at Acme, a keynote at RustConf…"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={err('title')}
            required
            data-autofocus
            size="md"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Kind"
              data={KINDS.map((k) => ({ value: k, label: kindLabel[k] }))}
              value={kind}
              onChange={(v) => v && setKind(v as OpportunityKind)}
              allowDeselect={false}
              error={err('kind')}
              size="md"
            />
            <Select
              label="Stage"
              data={STAGES.map((s) => ({ value: s, label: stageLabel[s] }))}
              value={stage}
              onChange={(v) => v && setStage(v as OpportunityStage)}
              allowDeselect={false}
              error={err('stage')}
              size="md"
            />
          </SimpleGrid>
          <PersonPicker
            label="Came through"
            description="The person it came through: the report counts it for them, and Today reminds you to thank them."
            value={via}
            onChange={(v) => setVia(v.slice(-1))}
            error={err('via')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <NumberInput
                label="Value"
                placeholder="Optional"
                value={amount}
                onChange={setAmount}
                min={0}
                thousandSeparator=","
                error={err('value')}
                style={{ flex: 1 }}
                size="md"
              />
              <TextInput
                label="Currency"
                value={currency}
                onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase().slice(0, 3))}
                w={84}
                size="md"
              />
            </Group>
            <Select
              label="Through an event"
              placeholder={events.data?.items.length ? 'Choose an event' : 'No events yet'}
              data={(events.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
              value={eventId}
              onChange={setEventId}
              clearable
              searchable
              error={err('event')}
              size="md"
            />
          </SimpleGrid>
          <TextInput
            label="Expected to close"
            type="date"
            value={expected}
            onChange={(e) => setExpected(e.currentTarget.value)}
            error={err('expected')}
            size="md"
          />
          <Textarea
            label="Notes"
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Add opportunity
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
