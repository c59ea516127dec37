import {
  Alert,
  Button,
  Group,
  Input,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { type Channel, DEFAULT_CHANNEL, type InteractionKind } from '../../../../src/contract/common.js';
import { ASK_KINDS, type ExchangeKind, GIVE_KINDS } from '../../../../src/contract/exchange.js';
import { InteractionCreate } from '../../../../src/contract/interactions.js';
import type { InteractionDraft, PersonRef } from '../../app/capture-context';
import { KindIcon } from '../../lib/kind-icon';
import { channelLabel, exchangeKindLabel, firstName, KINDS, kindLabel } from '../../lib/labels';
import { errorToForm, problemToForm, zodToProblem } from '../../lib/problem';
import { fromLocalInput, toLocalInput } from '../../lib/time';
import { usePhone } from '../../lib/use-media';
import { submitOnModEnter } from './submit-on-mod-enter';
import { PersonPicker } from './person-picker';
import { saveInteraction } from './save-interaction';

interface Props {
  opened: boolean;
  draft: InteractionDraft;
  onClose: () => void;
  /** Reopens the form with what was typed when a save fails after the optimistic close. */
  onRetry: (draft: InteractionDraft) => void;
}

const IMPLIED_GIVE: ReadonlySet<InteractionKind> = new Set(['article_share', 'introduction', 'congratulation']);

const kindOptions = KINDS.map((k) => ({ value: k, label: kindLabel[k] }));

function mapPath(path: string): string | null {
  const head = path.split('.')[0] ?? '';
  if (head === 'participantIds') return 'participants';
  if (head === 'exchangeKind') return 'exchange';
  return ['kind', 'summary', 'occurredAt', 'channel', 'platform', 'notes', 'exchange'].includes(head) ? head : null;
}

export default function LogInteractionModal({ opened, draft, onClose, onRetry }: Props) {
  const phone = usePhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={650}>Log an interaction</Text>}
      size="lg"
      fullScreen={phone}
      transitionProps={phone ? { transition: 'slide-up', duration: 180 } : { duration: 150 }}
    >
      {opened && <LogForm draft={draft} onClose={onClose} onRetry={onRetry} />}
    </Modal>
  );
}

function LogForm({ draft, onClose, onRetry }: Omit<Props, 'opened'>) {
  const inputSize = usePhone() ? 'md' : 'sm';
  const [kind, setKind] = useState<InteractionKind>(draft.kind ?? 'coffee');
  const [channel, setChannel] = useState<Channel>(draft.channel ?? DEFAULT_CHANNEL[draft.kind ?? 'coffee']);
  const [channelTouched, setChannelTouched] = useState(Boolean(draft.channel));
  const [summary, setSummary] = useState(draft.summary ?? '');
  const [notes, setNotes] = useState(draft.notes ?? '');
  const [platform, setPlatform] = useState(draft.platform ?? '');
  const [when, setWhen] = useState(toLocalInput(draft.occurredAt ? new Date(draft.occurredAt) : new Date()));
  const [participants, setParticipants] = useState<PersonRef[]>(draft.participants ?? []);
  const [exchange, setExchange] = useState<'none' | 'give' | 'ask'>(draft.exchange ?? 'none');
  const [exchangeKind, setExchangeKind] = useState<ExchangeKind>(draft.exchangeKind ?? 'other');
  const [errors, setErrors] = useState<Record<string, string>>(draft.fieldErrors ?? {});
  const [general, setGeneral] = useState<string | null>(draft.error ?? null);

  const changeKind = (value: string | null) => {
    if (!value) return;
    const k = value as InteractionKind;
    setKind(k);
    if (!channelTouched) setChannel(DEFAULT_CHANNEL[k]);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const occurredAt = fromLocalInput(when);
    const candidate = {
      kind,
      channel,
      summary,
      participantIds: participants.map((p) => p.id),
      ...(occurredAt ? { occurredAt } : {}),
      ...(platform.trim() ? { platform: platform.trim() } : {}),
      ...(notes.trim() ? { notes } : {}),
      ...(exchange !== 'none' ? { exchange, exchangeKind } : {}),
    };
    const parsed = InteractionCreate.safeParse(candidate);
    if (!parsed.success) {
      const p = problemToForm(zodToProblem(parsed.error), mapPath);
      setErrors(p.fields);
      setGeneral(p.general?.messages.length ? p.general.messages.join('; ') : null);
      return;
    }
    const kept: InteractionDraft = {
      kind,
      channel,
      summary,
      notes,
      platform,
      participants,
      occurredAt: occurredAt ?? '',
      exchange,
      exchangeKind,
    };
    onClose();
    const who = participants.map((p) => firstName(p.fullName)).join(', ');
    saveInteraction(candidate, participants).then(
      () => notifications.show({ message: `Logged with ${who}: ${summary}`, color: 'sage' }),
      (error: unknown) => {
        const p = errorToForm(error, mapPath);
        const general = p.general
          ? [p.general.title, p.general.detail, ...p.general.messages].filter(Boolean).join(': ')
          : undefined;
        notifications.show({
          color: 'red',
          title: 'Not saved yet',
          message: 'Your words are kept: check and try again.',
        });
        onRetry({ ...kept, fieldErrors: p.fields, ...(general ? { error: general } : {}) });
      },
    );
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
      <Stack gap="md">
        {general && (
          <Alert color="red" variant="light" title="Could not save">
            {general}
          </Alert>
        )}
        <PersonPicker
          label="With"
          value={participants}
          onChange={(v) => {
            setParticipants(v);
            setErrors((e) => ({ ...e, participants: '' }));
          }}
          error={errors.participants}
          autoFocus={participants.length === 0}
        />
        <TextInput
          label="Summary"
          placeholder="What was it about? e.g. coffee at DevConf, talked about Rust payments"
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={errors.summary}
          size={inputSize}
          required
          data-autofocus={participants.length > 0 ? true : undefined}
          maxLength={500}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Select
            label="Kind"
            data={kindOptions}
            value={kind}
            onChange={changeKind}
            allowDeselect={false}
            leftSection={<KindIcon kind={kind} size={18} />}
            renderOption={({ option }) => (
              <Group gap="xs" wrap="nowrap">
                <KindIcon kind={option.value as InteractionKind} size={16} />
                <span>{option.label}</span>
              </Group>
            )}
            error={errors.kind}
            size={inputSize}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="When"
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.currentTarget.value)}
            error={errors.occurredAt}
            size={inputSize}
          />
        </SimpleGrid>
        <Input.Wrapper label="Channel" labelElement="div" id="log-channel" size={inputSize}>
          <SegmentedControl
            aria-labelledby="log-channel-label"
            value={channel}
            onChange={(v) => {
              setChannel(v as Channel);
              setChannelTouched(true);
            }}
            data={(['in_person', 'online'] as const).map((c) => ({ value: c, label: channelLabel[c] }))}
            fullWidth
            size={inputSize}
          />
        </Input.Wrapper>
        <TextInput
          label="Place or platform"
          placeholder={channel === 'online' ? 'Zoom, LinkedIn, Rust Discord…' : 'Café, office, conference hall…'}
          value={platform}
          onChange={(e) => setPlatform(e.currentTarget.value)}
          error={errors.platform}
          size={inputSize}
          maxLength={100}
        />
        <Input.Wrapper
          label="Give or ask"
          labelElement="div"
          id="log-exchange"
          size={inputSize}
          description={
            exchange === 'none' && IMPLIED_GIVE.has(kind) ? `${kindLabel[kind]} counts as a give by itself.` : undefined
          }
          error={errors.exchange}
        >
          <SegmentedControl
            aria-labelledby="log-exchange-label"
            value={exchange}
            onChange={(v) => {
              setExchange(v as 'none' | 'give' | 'ask');
              setExchangeKind('other');
            }}
            data={[
              { value: 'none', label: 'Neither' },
              { value: 'give', label: 'I gave' },
              { value: 'ask', label: 'I asked' },
            ]}
            fullWidth
            size={inputSize}
          />
        </Input.Wrapper>
        {exchange !== 'none' && (
          <Select
            label={exchange === 'give' ? 'What you gave' : 'What you asked for'}
            data={(exchange === 'give' ? GIVE_KINDS : ASK_KINDS).map((k) => ({
              value: k,
              label: exchangeKindLabel[k],
            }))}
            value={exchangeKind}
            onChange={(v) => v && setExchangeKind(v as ExchangeKind)}
            allowDeselect={false}
            size={inputSize}
          />
        )}
        <Textarea
          label="Notes"
          description="What you learned, what you promised, what to bring up next time."
          autosize
          minRows={3}
          maxRows={10}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
          size={inputSize}
        />
        <Group justify="flex-end" gap="sm" className="tend-form-footer">
          <Text size="xs" c="dimmed" mr="auto" visibleFrom="sm">
            Ctrl+Enter saves
          </Text>
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Save</Button>
        </Group>
      </Stack>
    </form>
  );
}
