import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { PersonRef } from '../../app/capture-context';
import { api, queryClient } from '../../lib/api';
import { errorToForm, type FormProblem } from '../../lib/problem';
import { usePhone } from '../../lib/use-media';
import { PersonPicker } from '../capture/person-picker';
import { netKeys } from '../opportunities/labels';

/** Propose introducing A to B: A is asked first, B only once A said yes. */
export function ProposeIntroModal({
  opened,
  onClose,
  a: initialA,
}: {
  opened: boolean;
  onClose: () => void;
  a?: PersonRef;
}) {
  const phone = usePhone();
  const [a, setA] = useState<PersonRef[]>(initialA ? [initialA] : []);
  const [b, setB] = useState<PersonRef[]>([]);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const [pa] = a;
    const [pb] = b;
    if (!pa || !pb) {
      setProblem({
        fields: pa ? { b: 'Choose who they should meet' } : { a: 'Choose who to ask first' },
        general: null,
        code: null,
      });
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const intro = await api.createIntroduction({
        body: { personAId: pa.id, personBId: pb.id, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      void queryClient.invalidateQueries({ queryKey: netKeys.introductions });
      void queryClient.invalidateQueries({ queryKey: ['today'] });
      notifications.show({
        color: 'sage',
        message: `Proposed. Next: ${intro.nextAction?.toLowerCase() ?? 'ask them'}.`,
      });
      setB([]);
      setReason('');
      onClose();
    } catch (error) {
      setProblem(
        errorToForm(error, (p) =>
          p === 'personAId' ? 'a' : p === 'personBId' ? 'b' : p === 'reason' ? 'reason' : null,
        ),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Propose an introduction" size="lg" fullScreen={phone}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            A double opt-in: you ask the first person, then the second, and introduce them only when both said yes. Each
            step puts the next action on Today.
          </Text>
          {problem?.general && (
            <Alert color="red" variant="light" title={problem.general.title}>
              {problem.general.detail}
            </Alert>
          )}
          <PersonPicker label="Ask first" value={a} onChange={(v) => setA(v.slice(-1))} error={problem?.fields.a} />
          <PersonPicker label="Would meet" value={b} onChange={(v) => setB(v.slice(-1))} error={problem?.fields.b} />
          <Textarea
            label="Why they should meet"
            placeholder="Both are building payment systems in Rust"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={problem?.fields.reason}
            autosize
            minRows={2}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Propose
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
