import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Circle, MetChannel } from '../../../../src/contract/common.js';
import { PersonCreate } from '../../../../src/contract/people.js';
import { api, keys, queryClient } from '../../lib/api';
import { CIRCLES, circleHint, circleLabel, MET_CHANNELS, metChannelLabel } from '../../lib/labels';
import { errorToForm, type FormProblem, problemToForm, zodToProblem } from '../../lib/problem';
import { usePhone } from '../../lib/use-media';
import { submitOnModEnter } from './submit-on-mod-enter';
import { LabelsInput, normaliseUrl, OrganisationInput } from './person-fields';

interface Values {
  fullName: string;
  headline: string;
  roleTitle: string;
  organisationName: string;
  email: string;
  phone: string;
  linkedin: string;
  circle: string | null;
  tags: string[];
  topics: string[];
  metChannel: string | null;
  metEvent: string;
  metContext: string;
}

const initialValues: Values = {
  fullName: '',
  headline: '',
  roleTitle: '',
  organisationName: '',
  email: '',
  phone: '',
  linkedin: '',
  circle: null,
  tags: [],
  topics: [],
  metChannel: null,
  metEvent: '',
  metContext: '',
};

/** Where the API puts a field error, and which input shows it. */
function mapPath(path: string): string | null {
  const direct: Record<string, string> = {
    fullName: 'fullName',
    headline: 'headline',
    roleTitle: 'roleTitle',
    organisationName: 'organisationName',
    circle: 'circle',
    'howWeMet.channel': 'metChannel',
    'howWeMet.event': 'metEvent',
    'howWeMet.context': 'metContext',
  };
  if (direct[path]) return direct[path];
  if (path.startsWith('emails.')) return 'email';
  if (path.startsWith('phones.')) return 'phone';
  if (path.startsWith('links.')) return 'linkedin';
  if (path.startsWith('tags')) return 'tags';
  if (path.startsWith('topics')) return 'topics';
  return null;
}

function toBody(v: Values) {
  const t = (s: string) => s.trim() || undefined;
  const met = {
    ...(v.metChannel ? { channel: v.metChannel as MetChannel } : {}),
    ...(t(v.metEvent) ? { event: t(v.metEvent) } : {}),
    ...(t(v.metContext) ? { context: t(v.metContext) } : {}),
  };
  return {
    fullName: v.fullName.trim(),
    ...(t(v.headline) ? { headline: t(v.headline) } : {}),
    ...(t(v.roleTitle) ? { roleTitle: t(v.roleTitle) } : {}),
    ...(t(v.organisationName) ? { organisationName: t(v.organisationName) } : {}),
    ...(t(v.email) ? { emails: [{ value: v.email.trim(), primary: true }] } : {}),
    ...(t(v.phone) ? { phones: [{ value: v.phone.trim(), primary: true }] } : {}),
    ...(t(v.linkedin) ? { links: [{ url: normaliseUrl(v.linkedin), label: 'linkedin' }] } : {}),
    ...(v.circle ? { circle: v.circle as Circle } : {}),
    ...(v.tags.length ? { tags: v.tags } : {}),
    ...(v.topics.length ? { topics: v.topics } : {}),
    ...(Object.keys(met).length ? { howWeMet: met } : {}),
  };
}

export default function AddPersonModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const phone = usePhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={650}>Add a person</Text>}
      size="lg"
      fullScreen={phone}
      transitionProps={phone ? { transition: 'slide-up', duration: 180 } : { duration: 150 }}
    >
      {opened && <AddPersonForm onClose={onClose} />}
    </Modal>
  );
}

function AddPersonForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const inputSize = usePhone() ? 'md' : 'sm';
  const [problem, setProblem] = useState<FormProblem['general']>(null);
  const form = useForm<Values>({ mode: 'controlled', initialValues });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const body = toBody(values);
    const parsed = PersonCreate.safeParse(body);
    if (!parsed.success) {
      const p = problemToForm(zodToProblem(parsed.error), mapPath);
      form.setErrors(p.fields);
      setProblem(p.general?.messages.length ? p.general : null);
      return;
    }
    try {
      const person = await api.createPerson({ body });
      queryClient.setQueryData(keys.person(person.id), person);
      void queryClient.invalidateQueries({ queryKey: keys.people });
      void queryClient.invalidateQueries({ queryKey: keys.tags });
      void queryClient.invalidateQueries({ queryKey: keys.topics });
      notifications.show({ color: 'sage', message: `${person.fullName} is in your network.` });
      onClose();
      navigate(`/people/${person.id}`);
    } catch (error) {
      const p = errorToForm(error, mapPath);
      form.setErrors(p.fields);
      setProblem(p.general);
    }
  });

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
      <Stack gap="md">
        {problem && (
          <Alert color="red" variant="light" title={problem.title}>
            {problem.detail}
            {problem.messages.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Alert>
        )}
        <TextInput
          label="Full name"
          placeholder="Ana Lima"
          required
          data-autofocus
          autoComplete="off"
          size={inputSize}
          {...form.getInputProps('fullName')}
        />
        <TextInput
          label="The one line that matters"
          description="What you want to remember first, e.g. met at DevConf, building Rust payments"
          size={inputSize}
          {...form.getInputProps('headline')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput label="Role" placeholder="Staff engineer" size={inputSize} {...form.getInputProps('roleTitle')} />
          <OrganisationInput
            label="Organisation"
            placeholder="Stripe"
            size={inputSize}
            {...form.getInputProps('organisationName')}
          />
        </SimpleGrid>

        <SectionLabel>How to reach them</SectionLabel>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput
            label="Email"
            type="email"
            placeholder="ana@example.com"
            size={inputSize}
            {...form.getInputProps('email')}
          />
          <TextInput
            label="Phone"
            type="tel"
            placeholder="+44 20 7946 0958"
            size={inputSize}
            {...form.getInputProps('phone')}
          />
        </SimpleGrid>
        <TextInput
          label="LinkedIn URL"
          placeholder="https://www.linkedin.com/in/…"
          inputMode="url"
          size={inputSize}
          {...form.getInputProps('linkedin')}
        />

        <SectionLabel>Your relationship</SectionLabel>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Select
            label="Circle"
            description="How often you want to be in touch"
            placeholder="Decide later"
            data={CIRCLES.map((c) => ({ value: c, label: `${circleLabel[c]}: ${circleHint[c].toLowerCase()}` }))}
            clearable
            size={inputSize}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('circle')}
          />
          <Select
            label="How you met"
            description="Where your paths crossed"
            placeholder="Choose one"
            data={MET_CHANNELS.map((c) => ({ value: c, label: metChannelLabel[c] }))}
            clearable
            size={inputSize}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('metChannel')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput label="Event" placeholder="DevConf 2026" size={inputSize} {...form.getInputProps('metEvent')} />
          <TextInput
            label="What brought you together"
            placeholder="Sat next to each other at the Rust talk"
            size={inputSize}
            {...form.getInputProps('metContext')}
          />
        </SimpleGrid>
        <LabelsInput
          source="tags"
          label="Tags"
          description="Your own groups; press Enter or comma after each"
          placeholder="e.g. devconf, hiring"
          size={inputSize}
          {...form.getInputProps('tags')}
        />
        <LabelsInput
          source="topics"
          label="Topics they care about"
          placeholder="e.g. rust, climate tech"
          size={inputSize}
          {...form.getInputProps('topics')}
        />
        <Group justify="flex-end" gap="sm" className="tend-form-footer">
          <Text size="xs" c="dimmed" mr="auto" visibleFrom="sm">
            Ctrl+Enter saves
          </Text>
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Save person
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SectionLabel({ children }: { children: React.ReactNode }) {
  return (
    <Text size="xs" fw={600} tt="uppercase" c="dimmed" mt="xs" style={{ letterSpacing: '0.06em' }}>
      {children}
    </Text>
  );
}
