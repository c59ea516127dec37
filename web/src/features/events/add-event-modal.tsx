import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { EventKind } from '../../../../src/contract/events.js';
import { api, queryClient } from '../../lib/api';
import { errorToForm } from '../../lib/problem';
import { usePhone } from '../../lib/use-media';
import { EVENT_KINDS, eventKindLabel } from './labels';

const FIELDS = ['name', 'kind', 'startsOn', 'endsOn', 'place', 'url', 'goals'];

/** Add an event: a name and a date are enough; the rest helps you go with a plan. */
export function AddEventModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const phone = usePhone();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>Add an event</Text>} size="lg" fullScreen={phone}>
      {opened && <AddEventForm onClose={onClose} />}
    </Modal>
  );
}

function AddEventForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const size = usePhone() ? 'md' : 'sm';
  const [name, setName] = useState('');
  const [kind, setKind] = useState<EventKind>('conference');
  const [startsOn, setStartsOn] = useState(new Date().toISOString().slice(0, 10));
  const [endsOn, setEndsOn] = useState('');
  const [place, setPlace] = useState('');
  const [url, setUrl] = useState('');
  const [goals, setGoals] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.createEvent({
        body: {
          name,
          kind,
          startsOn,
          ...(endsOn ? { endsOn } : {}),
          ...(place.trim() ? { place: place.trim() } : {}),
          ...(url.trim() ? { url: url.trim() } : {}),
          ...(goals.trim() ? { goals } : {}),
        },
      }),
    onSuccess: (e) => {
      void queryClient.invalidateQueries({ queryKey: ['events'] });
      onClose();
      void navigate(`/events/${e.id}`);
    },
    onError: (error) => {
      const p = errorToForm(error, (path) => {
        const head = path.split('.')[0] ?? '';
        return FIELDS.includes(head) ? head : null;
      });
      setErrors(p.fields);
      setGeneral(p.general ? [p.general.title, p.general.detail].filter(Boolean).join(': ') : null);
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
      noValidate
    >
      <Stack gap="md">
        {general && (
          <Alert color="red" variant="light">
            {general}
          </Alert>
        )}
        <TextInput
          label="Name"
          placeholder="DevConf 2026"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
          data-autofocus
          size={size}
        />
        <Select
          label="Kind"
          data={EVENT_KINDS.map((k) => ({ value: k, label: eventKindLabel[k] }))}
          value={kind}
          onChange={(v) => v && setKind(v as EventKind)}
          allowDeselect={false}
          error={errors.kind}
          size={size}
        />
        <SimpleGrid cols={2}>
          <TextInput
            type="date"
            label="First day"
            value={startsOn}
            onChange={(e) => setStartsOn(e.currentTarget.value)}
            error={errors.startsOn}
            size={size}
          />
          <TextInput
            type="date"
            label="Last day"
            description="If it runs several days"
            value={endsOn}
            onChange={(e) => setEndsOn(e.currentTarget.value)}
            error={errors.endsOn}
            size={size}
          />
        </SimpleGrid>
        <TextInput
          label="Place"
          placeholder="Brno, Hall B"
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
          error={errors.place}
          size={size}
        />
        <TextInput
          label="Link"
          placeholder="https://…"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={errors.url}
          size={size}
        />
        <Textarea
          label="Goals"
          placeholder="Meet three people working on climate tech"
          autosize
          minRows={2}
          value={goals}
          onChange={(e) => setGoals(e.currentTarget.value)}
          error={errors.goals}
          size={size}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add event
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
