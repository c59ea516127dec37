import { Anchor, Button, Collapse, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, queryClient } from '../../lib/api';
import { errorToForm } from '../../lib/problem';
import { usePhone } from '../../lib/use-media';

const FIELDS: Record<string, string> = {
  fullName: 'name',
  context: 'context',
  email: 'email',
  linkedinUrl: 'linkedin',
};

/**
 * "I just met someone": a name and one line, in seconds, thumb-sized on a phone. An email or
 * LinkedIn URL finds someone already in the network instead of adding them twice.
 */
export function QuickAdd({ eventId, eventName }: { eventId: string; eventName: string }) {
  const phone = usePhone();
  const size = phone ? 'md' : 'sm';
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [context, setContext] = useState('');
  const [email, setEmail] = useState('');
  const [linkedin, setLinkedin] = useState('');
  const [more, setMore] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const met = useMutation({
    mutationFn: () =>
      api.metEventPerson({
        params: { id: eventId },
        body: {
          fullName: name,
          ...(context.trim() ? { context: context.trim() } : {}),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(linkedin.trim() ? { linkedinUrl: linkedin.trim() } : {}),
        },
      }),
    onSuccess: (r) => {
      setName('');
      setContext('');
      setEmail('');
      setLinkedin('');
      setErrors({});
      nameRef.current?.focus();
      notifications.show({
        color: 'sage',
        message: r.created
          ? `${r.entry.person.fullName} added to your network, met at ${eventName}`
          : `${r.entry.person.fullName} (already in your network) linked to ${eventName}`,
      });
      void queryClient.invalidateQueries({ queryKey: ['events'] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (error) => {
      const p = errorToForm(error, (path) => FIELDS[path.split('.')[0] ?? ''] ?? null);
      setErrors(
        p.general ? { ...p.fields, name: [p.general.title, p.general.detail].filter(Boolean).join(': ') } : p.fields,
      );
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) {
          setErrors({ name: 'Their name is enough to start.' });
          nameRef.current?.focus();
          return;
        }
        met.mutate();
      }}
      noValidate
      aria-label="Add someone you met"
    >
      <Stack gap="sm">
        <TextInput
          ref={nameRef}
          label="Name"
          placeholder="Ana Ruiz"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          size={size}
          autoComplete="off"
          enterKeyHint="next"
        />
        <TextInput
          label="One line of context"
          placeholder="Works on Rust payments at Acme"
          value={context}
          onChange={(e) => setContext(e.currentTarget.value)}
          error={errors.context}
          size={size}
          autoComplete="off"
          maxLength={300}
        />
        <Collapse expanded={more || Boolean(errors.email || errors.linkedin)}>
          <Stack gap="sm">
            <TextInput
              label="Email"
              type="email"
              inputMode="email"
              placeholder="ana@example.com"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
              size={size}
            />
            <TextInput
              label="LinkedIn URL"
              type="url"
              inputMode="url"
              placeholder="https://linkedin.com/in/…"
              value={linkedin}
              onChange={(e) => setLinkedin(e.currentTarget.value)}
              error={errors.linkedin}
              size={size}
            />
          </Stack>
        </Collapse>
        <Group justify="space-between" align="center">
          <Anchor component="button" type="button" size="sm" onClick={() => setMore((m) => !m)}>
            {more ? 'Fewer details' : '+ Email or LinkedIn'}
          </Anchor>
          <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={met.isPending} size={size}>
            Add
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
