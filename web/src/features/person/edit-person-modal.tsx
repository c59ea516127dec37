import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRefresh, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { Circle, MetChannel, Purpose } from '../../../../src/contract/common.js';
import { PersonUpdate } from '../../../../src/contract/people.js';
import type { PersonRef } from '../../app/capture-context';
import { LabelsInput, normaliseUrl, OrganisationInput } from '../capture/person-fields';
import { PersonPicker } from '../capture/person-picker';
import { submitOnModEnter } from '../capture/submit-on-mod-enter';
import { api, isApiError, keys, queryClient } from '../../lib/api';
import {
  CIRCLES,
  circleHint,
  circleLabel,
  MET_CHANNELS,
  metChannelLabel,
  PURPOSES,
  purposeLabel,
} from '../../lib/labels';
import { errorToForm, type FormProblem, problemToForm, zodToProblem } from '../../lib/problem';
import type { PersonDetail } from '../../lib/types';
import { usePhone } from '../../lib/use-media';

type DateKind = 'birthday' | 'work_anniversary' | 'custom';

interface Values {
  fullName: string;
  headline: string;
  roleTitle: string;
  organisationName: string;
  location: string;
  timeZone: string;
  photoUrl: string;
  circle: Circle;
  cadenceDays: number | string;
  notes: string;
  emails: { value: string; label: string; primary: boolean }[];
  phones: { value: string; label: string; primary: boolean }[];
  links: { url: string; label: string }[];
  tags: string[];
  topics: string[];
  purposes: string[];
  howWeMet: {
    channel: string | null;
    platform: string;
    date: string;
    event: string;
    context: string;
    introducedBy: PersonRef[];
  };
  importantDates: {
    kind: DateKind;
    label: string;
    month: string | null;
    day: number | string;
    year: number | string;
  }[];
}

function fromPerson(p: PersonDetail): Values {
  return {
    fullName: p.fullName,
    headline: p.headline ?? '',
    roleTitle: p.roleTitle ?? '',
    organisationName: p.organisation?.name ?? '',
    location: p.location ?? '',
    timeZone: p.timeZone ?? '',
    photoUrl: p.photoUrl ?? '',
    circle: p.circle,
    cadenceDays: p.cadenceDays ?? '',
    notes: p.notes,
    emails: p.emails.map((e) => ({ value: e.value, label: e.label ?? '', primary: e.primary })),
    phones: p.phones.map((e) => ({ value: e.value, label: e.label ?? '', primary: e.primary })),
    links: p.links.map((l) => ({ url: l.url, label: l.label ?? '' })),
    tags: p.tags,
    topics: p.topics,
    purposes: p.purposes,
    howWeMet: {
      channel: p.howWeMet.channel,
      platform: p.howWeMet.platform ?? '',
      date: p.howWeMet.date ?? '',
      event: p.howWeMet.event ?? '',
      context: p.howWeMet.context ?? '',
      introducedBy: p.howWeMet.introducedBy ? [{ ...p.howWeMet.introducedBy, photoUrl: null }] : [],
    },
    importantDates: p.importantDates.map((d) => ({
      kind: d.kind,
      label: d.label ?? '',
      month: String(d.month),
      day: d.day,
      year: d.year ?? '',
    })),
  };
}

const orNull = (s: string) => s.trim() || null;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, so two people editing different fields do not undo each other. */
function toPatch(v: Values, initial: Values) {
  const patch: Record<string, unknown> = {};
  const text = ['headline', 'roleTitle', 'location', 'timeZone', 'photoUrl'] as const;
  if (v.fullName !== initial.fullName) patch.fullName = v.fullName.trim();
  for (const k of text) if (v[k] !== initial[k]) patch[k] = orNull(v[k]);
  if (v.organisationName.trim() !== initial.organisationName.trim()) {
    if (v.organisationName.trim()) patch.organisationName = v.organisationName.trim();
    else patch.organisationId = null;
  }
  if (v.circle !== initial.circle) patch.circle = v.circle;
  if (v.cadenceDays !== initial.cadenceDays) patch.cadenceDays = v.cadenceDays === '' ? null : Number(v.cadenceDays);
  if (v.notes !== initial.notes) patch.notes = v.notes;
  if (!same(v.emails, initial.emails))
    patch.emails = v.emails
      .filter((e) => e.value.trim())
      .map((e) => ({
        value: e.value.trim(),
        primary: e.primary,
        ...(e.label.trim() ? { label: e.label.trim() } : {}),
      }));
  if (!same(v.phones, initial.phones))
    patch.phones = v.phones
      .filter((e) => e.value.trim())
      .map((e) => ({
        value: e.value.trim(),
        primary: e.primary,
        ...(e.label.trim() ? { label: e.label.trim() } : {}),
      }));
  if (!same(v.links, initial.links))
    patch.links = v.links
      .filter((l) => l.url.trim())
      .map((l) => ({ url: normaliseUrl(l.url), ...(l.label.trim() ? { label: l.label.trim() } : {}) }));
  if (!same(v.tags, initial.tags)) patch.tags = v.tags;
  if (!same(v.topics, initial.topics)) patch.topics = v.topics;
  if (!same(v.purposes, initial.purposes)) patch.purposes = v.purposes as Purpose[];
  if (!same(v.howWeMet, initial.howWeMet)) {
    patch.howWeMet = {
      channel: (v.howWeMet.channel as MetChannel | null) ?? null,
      platform: orNull(v.howWeMet.platform),
      date: orNull(v.howWeMet.date),
      event: orNull(v.howWeMet.event),
      context: orNull(v.howWeMet.context),
      introducedById: v.howWeMet.introducedBy[0]?.id ?? null,
    };
  }
  if (!same(v.importantDates, initial.importantDates)) {
    patch.importantDates = v.importantDates.map((d) => ({
      kind: d.kind,
      month: Number(d.month),
      day: Number(d.day),
      ...(d.year !== '' ? { year: Number(d.year) } : {}),
      ...(d.label.trim() ? { label: d.label.trim() } : {}),
    }));
  }
  return patch;
}

const topLevel = new Set([
  'fullName',
  'headline',
  'roleTitle',
  'organisationName',
  'location',
  'timeZone',
  'photoUrl',
  'circle',
  'cadenceDays',
  'notes',
  'emails',
  'phones',
  'links',
  'tags',
  'topics',
  'purposes',
  'howWeMet',
  'importantDates',
]);

function mapPath(path: string): string | null {
  if (path === 'organisationId') return 'organisationName';
  const head = path.split('.')[0] ?? '';
  if (!topLevel.has(head)) return null;
  // Tags and topics are single inputs: their item errors show on the whole field.
  if (head === 'tags' || head === 'topics' || head === 'purposes') return head;
  return path;
}

const monthNames = Array.from({ length: 12 }, (_, i) => ({
  value: String(i + 1),
  label: new Intl.DateTimeFormat(undefined, { month: 'long' }).format(new Date(2024, i, 1)),
}));

export default function EditPersonModal({
  person,
  opened,
  onClose,
}: {
  person: PersonDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const phone = usePhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={650}>Edit {person.fullName}</Text>}
      size="xl"
      fullScreen={phone}
      transitionProps={phone ? { transition: 'slide-up', duration: 180 } : { duration: 150 }}
    >
      {opened && <EditForm person={person} onClose={onClose} />}
    </Modal>
  );
}

function EditForm({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const [base, setBase] = useState(person);
  const [initial, setInitial] = useState(() => fromPerson(person));
  const form = useForm<Values>({ mode: 'controlled', initialValues: initial });
  const [problem, setProblem] = useState<FormProblem['general']>(null);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);

  const reload = async () => {
    setReloading(true);
    try {
      const fresh = await api.getPerson({ params: { id: person.id } });
      queryClient.setQueryData(keys.person(person.id), fresh);
      const values = fromPerson(fresh);
      setBase(fresh);
      setInitial(values);
      form.setValues(values);
      form.resetDirty(values);
      form.clearErrors();
      setStale(false);
      setProblem(null);
    } finally {
      setReloading(false);
    }
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const patch = toPatch(values, initial);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    const body = { ...patch, version: base.version };
    const parsed = PersonUpdate.safeParse(body);
    if (!parsed.success) {
      const p = problemToForm(zodToProblem(parsed.error), mapPath);
      form.setErrors(p.fields);
      setProblem(p.general?.messages.length ? p.general : null);
      return;
    }
    try {
      const updated = await api.updatePerson({ params: { id: person.id }, body });
      queryClient.setQueryData(keys.person(person.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.people, refetchType: 'active' });
      void queryClient.invalidateQueries({ queryKey: keys.tags });
      void queryClient.invalidateQueries({ queryKey: keys.topics });
      notifications.show({ color: 'sage', message: `Saved ${updated.fullName}.` });
      onClose();
    } catch (error) {
      if (isApiError(error) && (error.status === 412 || error.code === 'stale_version')) {
        setStale(true);
        return;
      }
      const p = errorToForm(error, mapPath);
      form.setErrors(p.fields);
      setProblem(p.general);
    }
  });

  const listRow = (field: 'emails' | 'phones', i: number, placeholder: string, type: string) => (
    <Group key={`${field}-${i}`} gap="xs" wrap="nowrap" align="flex-start">
      <TextInput
        aria-label={`${field === 'emails' ? 'Email' : 'Phone'} ${i + 1}`}
        placeholder={placeholder}
        type={type}
        style={{ flex: 1 }}
        {...form.getInputProps(`${field}.${i}.value`)}
      />
      <TextInput aria-label="Label" placeholder="work, home…" w={110} {...form.getInputProps(`${field}.${i}.label`)} />
      <Checkbox label="Primary" mt={8} {...form.getInputProps(`${field}.${i}.primary`, { type: 'checkbox' })} />
      <ActionIcon aria-label="Remove" mt={4} onClick={() => form.removeListItem(field, i)}>
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
      <Stack gap="md">
        {stale && (
          <Alert color="orange" variant="light" title="Someone changed this person while you were editing">
            <Text size="sm">
              Reload to see their version first. Your changes in this form will be replaced, so copy anything you want
              to keep.
            </Text>
            <Button
              size="xs"
              mt="sm"
              color="orange"
              variant="light"
              leftSection={<IconRefresh size={14} />}
              onClick={reload}
              loading={reloading}
            >
              Reload
            </Button>
          </Alert>
        )}
        {problem && (
          <Alert color="red" variant="light" title={problem.title}>
            {problem.detail}
            {problem.messages.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Alert>
        )}

        <TextInput label="Full name" required data-autofocus {...form.getInputProps('fullName')} />
        <TextInput label="The one line that matters" {...form.getInputProps('headline')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Role" {...form.getInputProps('roleTitle')} />
          <OrganisationInput label="Organisation" {...form.getInputProps('organisationName')} />
          <Select
            label="Circle"
            data={CIRCLES.map((c) => ({ value: c, label: circleLabel[c] }))}
            description={circleHint[form.values.circle]}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('circle')}
          />
          <NumberInput
            label="Keep in touch every (days)"
            description="Leave empty to follow the circle"
            min={1}
            max={3650}
            allowDecimal={false}
            {...form.getInputProps('cadenceDays')}
          />
        </SimpleGrid>

        <Heading>Contact</Heading>
        {form.values.emails.map((_, i) => listRow('emails', i, 'ana@example.com', 'email'))}
        {form.values.phones.map((_, i) => listRow('phones', i, '+44 20 7946 0958', 'tel'))}
        {form.values.links.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity
          <Group key={`link-${i}`} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              aria-label={`Link ${i + 1}`}
              placeholder="https://…"
              style={{ flex: 1 }}
              {...form.getInputProps(`links.${i}.url`)}
            />
            <TextInput
              aria-label="Label"
              placeholder="linkedin, website…"
              w={140}
              {...form.getInputProps(`links.${i}.label`)}
            />
            <ActionIcon aria-label="Remove link" mt={4} onClick={() => form.removeListItem('links', i)}>
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs">
          <AddButton
            onClick={() =>
              form.insertListItem('emails', { value: '', label: '', primary: form.values.emails.length === 0 })
            }
          >
            Email
          </AddButton>
          <AddButton
            onClick={() =>
              form.insertListItem('phones', { value: '', label: '', primary: form.values.phones.length === 0 })
            }
          >
            Phone
          </AddButton>
          <AddButton onClick={() => form.insertListItem('links', { url: '', label: '' })}>Link</AddButton>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Location" placeholder="Lisbon, Portugal" {...form.getInputProps('location')} />
          <TextInput label="Time zone" placeholder="Europe/Lisbon" {...form.getInputProps('timeZone')} />
        </SimpleGrid>
        <TextInput label="Photo URL" placeholder="https://…" {...form.getInputProps('photoUrl')} />

        <Heading>How you met</Heading>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Where"
            data={MET_CHANNELS.map((c) => ({ value: c, label: metChannelLabel[c] }))}
            clearable
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('howWeMet.channel')}
          />
          <TextInput label="When" type="date" {...form.getInputProps('howWeMet.date')} />
          <TextInput label="Event" placeholder="DevConf 2026" {...form.getInputProps('howWeMet.event')} />
          <TextInput label="Platform" placeholder="Rust Discord, Zoom…" {...form.getInputProps('howWeMet.platform')} />
        </SimpleGrid>
        <TextInput label="What brought you together" {...form.getInputProps('howWeMet.context')} />
        <PersonPicker
          label="Introduced by"
          description="Who introduced you. Their page lists the people they introduced you to."
          value={form.values.howWeMet.introducedBy}
          onChange={(v) => form.setFieldValue('howWeMet.introducedBy', v.filter((x) => x.id !== person.id).slice(-1))}
        />

        <Heading>What matters to them</Heading>
        <LabelsInput source="topics" label="Topics they care about" {...form.getInputProps('topics')} />
        <MultiSelect
          label="Why they matter to you"
          data={PURPOSES.map((p) => ({ value: p, label: purposeLabel[p] }))}
          clearable
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('purposes')}
        />
        <LabelsInput source="tags" label="Tags" {...form.getInputProps('tags')} />

        <Heading>Important dates</Heading>
        {form.values.importantDates.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity
          <Group key={`date-${i}`} gap="xs" wrap="wrap" align="flex-start">
            <Select
              aria-label="Kind of date"
              data={[
                { value: 'birthday', label: 'Birthday' },
                { value: 'work_anniversary', label: 'Work anniversary' },
                { value: 'custom', label: 'Other' },
              ]}
              allowDeselect={false}
              w={170}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps(`importantDates.${i}.kind`)}
            />
            <Select
              aria-label="Month"
              data={monthNames}
              w={140}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps(`importantDates.${i}.month`)}
            />
            <NumberInput
              aria-label="Day"
              placeholder="Day"
              min={1}
              max={31}
              w={80}
              {...form.getInputProps(`importantDates.${i}.day`)}
            />
            <NumberInput
              aria-label="Year (optional)"
              placeholder="Year"
              min={1900}
              max={2200}
              w={100}
              {...form.getInputProps(`importantDates.${i}.year`)}
            />
            {d.kind === 'custom' && (
              <TextInput
                aria-label="What it is"
                placeholder="What it is"
                w={160}
                {...form.getInputProps(`importantDates.${i}.label`)}
              />
            )}
            <ActionIcon aria-label="Remove date" mt={4} onClick={() => form.removeListItem('importantDates', i)}>
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <AddButton
            onClick={() =>
              form.insertListItem('importantDates', { kind: 'birthday', label: '', month: null, day: '', year: '' })
            }
          >
            Date
          </AddButton>
        </Group>

        <Heading>Notes</Heading>
        <Textarea
          aria-label="Notes"
          description="Markdown is fine: blank lines make paragraphs, - makes a list."
          autosize
          minRows={4}
          maxRows={16}
          {...form.getInputProps('notes')}
        />

        <Group justify="flex-end" gap="sm" className="tend-form-footer">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting} disabled={stale}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Heading({ children }: { children: React.ReactNode }) {
  return (
    <Text size="xs" fw={600} tt="uppercase" c="dimmed" mt="sm" style={{ letterSpacing: '0.06em' }}>
      {children}
    </Text>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return (
    <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={onClick}>
      {children}
    </Button>
  );
}
