import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowBackUp, IconCheck, IconCloudUpload, IconFile, IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ImportBatch, ImportPreview, ImportSource, MappableField } from '../../../../src/contract/import.js';
import { RelativeTime } from '../../components/relative-time';
import { LinesSkeleton, Section } from '../../components/section';
import { api, isApiError, keys, queryClient } from '../../lib/api';
import { SOURCES, contentTypeOf } from './import-sources';

const IMPORTS_KEY = ['imports'] as const;

const FIELD_LABELS: Record<MappableField, string> = {
  ignore: 'Ignore',
  fullName: 'Full name',
  givenName: 'First name',
  familyName: 'Last name',
  nickname: 'Nickname',
  email: 'Email',
  phone: 'Phone',
  linkedin: 'LinkedIn URL',
  website: 'Website',
  organisation: 'Organisation',
  roleTitle: 'Job title',
  headline: 'Headline',
  location: 'Location',
  notes: 'Notes',
  tags: 'Tags',
  metOn: 'Met on (date)',
  metContext: 'How we met',
  birthday: 'Birthday',
};
const FIELD_OPTIONS = Object.entries(FIELD_LABELS).map(([value, label]) => ({ value, label }));

function messageOf(err: unknown): string {
  if (isApiError(err)) return err.problem.detail ?? err.problem.title;
  return err instanceof Error ? err.message : String(err);
}

function DropZone({ accept, multiple, onFiles }: { accept: string; multiple: boolean; onFiles: (f: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  };
  return (
    <Paper
      p="xl"
      radius="md"
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      style={{
        border: `2px dashed ${over ? 'var(--mantine-primary-color-filled)' : 'var(--tend-border)'}`,
        background: over ? 'var(--tend-active)' : 'var(--tend-surface)',
        textAlign: 'center',
        cursor: 'pointer',
      }}
      onClick={() => input.current?.click()}
    >
      <Stack align="center" gap={6}>
        <ThemeIcon size={48} radius="xl" variant="light">
          <IconCloudUpload size={26} stroke={1.6} />
        </ThemeIcon>
        <Text fw={600}>Drop {multiple ? 'files' : 'a file'} here, or click to choose</Text>
        <Text size="sm" c="dimmed">
          {accept.replace(/\./g, '').replace(/,/g, ', ')} · up to 200 MB
        </Text>
      </Stack>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        multiple={multiple}
        aria-label="Choose files to import"
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          if (files.length > 0) onFiles(files);
          e.currentTarget.value = '';
        }}
      />
    </Paper>
  );
}

function Counts({ report }: { report: NonNullable<ImportPreview['report']> }) {
  const c = report.counts;
  const cells: [string, number, string][] = [
    ['New', c.created, 'teal'],
    ['Updated', c.updated, 'blue'],
    ['Unchanged', c.unchanged, 'gray'],
    ['Possible duplicates', c.possibleDuplicates, 'yellow'],
    ['Errors', c.errors, 'red'],
  ];
  if (c.interactions) cells.splice(3, 0, ['Interactions', c.interactions, 'grape']);
  return (
    <SimpleGrid cols={{ base: 2, sm: cells.length }} spacing="sm" data-testid="import-counts">
      {cells.map(([label, n, color]) => (
        <Paper key={label} p="sm" radius="md" withBorder>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            {label}
          </Text>
          <Text fz={26} fw={650} c={n > 0 ? color : undefined} data-testid={`count-${label.toLowerCase()}`}>
            {n.toLocaleString()}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Problems({ report }: { report: NonNullable<ImportPreview['report']> }) {
  if (report.errors.length === 0 && report.skipped.length === 0) return null;
  const multiFile = new Set(report.errors.map((e) => e.file)).size > 1;
  return (
    <Stack gap="xs">
      {report.errors.length > 0 && (
        <>
          <Text fw={600} size="sm">
            Rows that will be left out ({report.counts.errors.toLocaleString()})
          </Text>
          <Table.ScrollContainer minWidth={420} mah={260}>
            <Table striped withTableBorder fz="sm" data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={multiFile ? 180 : 90}>Line</Table.Th>
                  <Table.Th>What is wrong</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((e) => (
                  <Table.Tr key={`${e.file}:${e.line}`}>
                    <Table.Td>
                      <Text size="sm" ff="monospace" title={e.file}>
                        {multiFile ? `${e.file.split(/[/:]/).pop()}:${e.line}` : e.line}
                      </Text>
                    </Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {report.skipped.length > 0 && (
        <Text size="sm" c="dimmed">
          Skipped on purpose: {report.counts.skipped.toLocaleString()} (
          {[
            ...new Set(
              report.skipped.map((s) => s.message.replace(/ \(.*\)$/, '').replace(/line \d+/, 'an earlier row')),
            ),
          ]
            .slice(0, 3)
            .join('; ')}
          )
        </Text>
      )}
    </Stack>
  );
}

function Sample({ report }: { report: NonNullable<ImportPreview['report']> }) {
  if (report.sample.length === 0) return null;
  const tone = { create: 'teal', update: 'blue', unchanged: 'gray', possible_duplicate: 'yellow' } as const;
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        First rows
      </Text>
      <Table.ScrollContainer minWidth={420} mah={300}>
        <Table fz="sm" data-testid="import-sample">
          <Table.Tbody>
            {report.sample.slice(0, 10).map((s) => (
              <Table.Tr key={`${s.file}:${s.line}`}>
                <Table.Td w={130}>
                  <Badge color={tone[s.action]} variant="light">
                    {s.action.replace('_', ' ')}
                  </Badge>
                </Table.Td>
                <Table.Td fw={550}>{s.fullName}</Table.Td>
                <Table.Td c="dimmed">
                  {s.matchedBy ? `matched by ${s.matchedBy}` : ''}
                  {s.changes.length > 0 ? ` · ${s.changes.join(', ')}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Mapping({
  preview,
  mapping,
  onChange,
}: {
  preview: ImportPreview;
  mapping: Record<string, MappableField>;
  onChange: (m: Record<string, MappableField>) => void;
}) {
  const cols = preview.columns;
  if (!cols) return null;
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        Which column is which?
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder fz="sm" data-testid="column-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column</Table.Th>
              <Table.Th>First values</Table.Th>
              <Table.Th w={200}>Import as</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cols.headers.map((h, i) => (
              <Table.Tr key={h}>
                <Table.Td fw={550}>{h}</Table.Td>
                <Table.Td
                  c="dimmed"
                  style={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {cols.rows
                    .map((r) => r[i] ?? '')
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(' · ')}
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={`Import ${h} as`}
                    data={FIELD_OPTIONS}
                    value={mapping[h] ?? 'ignore'}
                    allowDeselect={false}
                    onChange={(v) => v && onChange({ ...mapping, [h]: v as MappableField })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

type Step =
  | { kind: 'pick' }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'applying'; batchId: string }
  | { kind: 'done'; batch: ImportBatch };

function Wizard() {
  const [source, setSource] = useState<ImportSource>('linkedin');
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [files, setFiles] = useState<File[]>([]);
  const [mapping, setMapping] = useState<Record<string, MappableField>>({});
  const [error, setError] = useState<string | null>(null);
  const info = SOURCES.find((s) => s.value === source) ?? SOURCES[0];
  const phone = useMediaQuery('(max-width: 40em)');

  const upload = useMutation({
    mutationFn: async (chosen: File[]) => {
      const batch = await api.createImport({ body: { source, fileName: chosen[0]?.name ?? '' } });
      for (const f of chosen) {
        await api.uploadImportFile({
          params: { id: batch.id, name: f.name },
          raw: { contentType: contentTypeOf(f), body: f },
        });
      }
      return api.previewImport({ params: { id: batch.id }, body: {} });
    },
    onMutate: (chosen) => {
      setFiles(chosen);
      setError(null);
    },
    onSuccess: (preview) => {
      setMapping(preview.batch.mapping ?? preview.columns?.suggested ?? {});
      setStep({ kind: 'preview', preview });
    },
    onError: (err) => setError(messageOf(err)),
  });
  const remap = useMutation({
    mutationFn: (m: Record<string, MappableField>) =>
      step.kind === 'preview'
        ? api.previewImport({ params: { id: step.preview.batch.id }, body: { mapping: m } })
        : Promise.reject(new Error('no import')),
    onSuccess: (preview) => setStep({ kind: 'preview', preview }),
    onError: (err) => setError(messageOf(err)),
  });
  const progress = useQuery({
    queryKey: [...IMPORTS_KEY, 'progress', step.kind === 'applying' ? step.batchId : ''],
    queryFn: () => api.getImport({ params: { id: step.kind === 'applying' ? step.batchId : '' } }),
    enabled: step.kind === 'applying',
    refetchInterval: 500,
  });
  const apply = useMutation({
    mutationFn: (id: string) => api.applyImport({ params: { id } }),
    onMutate: (id) => setStep({ kind: 'applying', batchId: id }),
    onSuccess: (batch) => {
      setStep({ kind: 'done', batch });
      void queryClient.invalidateQueries({ queryKey: IMPORTS_KEY });
      void queryClient.invalidateQueries({ queryKey: keys.people });
    },
    onError: (err) => {
      setError(messageOf(err));
      setStep({ kind: 'pick' });
      void queryClient.invalidateQueries({ queryKey: IMPORTS_KEY });
    },
  });
  const undo = useUndo();
  const restart = () => {
    setStep({ kind: 'pick' });
    setFiles([]);
    setError(null);
  };

  return (
    <Section title="Import people" hint="Choose where your contacts come from, then drop the file.">
      <Stack gap="md" pb="md">
        {step.kind === 'pick' && (
          <>
            <SegmentedControl
              fullWidth
              data={SOURCES.map((s) => ({ value: s.value, label: s.label }))}
              value={source}
              onChange={(v) => setSource(v as ImportSource)}
              aria-label="Source"
              data-testid="source-picker"
              orientation={phone ? 'vertical' : 'horizontal'}
            />
            <Text size="sm" c="dimmed">
              {info?.how}
            </Text>
            <DropZone
              accept={info?.accept ?? '.csv'}
              multiple={info?.multiple ?? false}
              onFiles={(f) => upload.mutate(f)}
            />
            {upload.isPending && (
              <Group gap="xs">
                <Progress value={100} animated style={{ flex: 1 }} />
                <Text size="sm" c="dimmed">
                  Reading {files.map((f) => f.name).join(', ')}…
                </Text>
              </Group>
            )}
          </>
        )}
        {error && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title="This file cannot be imported"
            data-testid="import-error"
          >
            {error}
          </Alert>
        )}
        {step.kind === 'preview' && (
          <>
            <Group gap="xs">
              <IconFile size={18} />
              <Text fw={600}>{step.preview.batch.files.map((f) => f.name).join(', ')}</Text>
              {step.preview.encoding && step.preview.encoding !== 'utf-8' && step.preview.encoding !== 'zip' && (
                <Badge variant="light" color="gray">
                  {step.preview.encoding}
                </Badge>
              )}
            </Group>
            <Mapping
              preview={step.preview}
              mapping={mapping}
              onChange={(m) => {
                setMapping(m);
                remap.mutate(m);
              }}
            />
            {step.preview.report ? (
              <>
                <Counts report={step.preview.report} />
                <Problems report={step.preview.report} />
                <Sample report={step.preview.report} />
              </>
            ) : (
              <Alert color="yellow">{step.preview.problem}</Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={restart}>
                Start over
              </Button>
              <Button
                leftSection={<IconCheck size={16} />}
                disabled={!step.preview.report || remap.isPending}
                onClick={() => apply.mutate(step.preview.batch.id)}
                data-testid="apply-import"
              >
                Import{' '}
                {step.preview.report
                  ? (
                      step.preview.report.counts.created +
                      step.preview.report.counts.updated +
                      step.preview.report.counts.possibleDuplicates
                    ).toLocaleString()
                  : ''}{' '}
                people
              </Button>
            </Group>
          </>
        )}
        {step.kind === 'applying' && (
          <Stack gap={6} data-testid="import-progress">
            <Text fw={600}>Importing…</Text>
            <Progress
              value={
                progress.data && progress.data.totalRows > 0
                  ? (100 * progress.data.processedRows) / progress.data.totalRows
                  : 5
              }
              animated
            />
            <Text size="sm" c="dimmed">
              {progress.data
                ? `${progress.data.processedRows.toLocaleString()} of ${progress.data.totalRows.toLocaleString()} rows`
                : 'Starting'}
            </Text>
          </Stack>
        )}
        {step.kind === 'done' && step.batch.report && (
          <Stack gap="md" data-testid="import-done">
            <Alert color="teal" icon={<IconCheck size={18} />} title="Imported">
              {step.batch.report.counts.created.toLocaleString()} new,{' '}
              {step.batch.report.counts.updated.toLocaleString()} updated
              {step.batch.report.counts.interactions
                ? `, ${step.batch.report.counts.interactions.toLocaleString()} interactions`
                : ''}
              . You can undo the whole import at any time.
            </Alert>
            <Group justify="flex-end">
              <Button
                variant="default"
                color="red"
                leftSection={<IconArrowBackUp size={16} />}
                loading={undo.isPending}
                onClick={() => undo.mutate(step.batch.id, { onSuccess: restart })}
              >
                Undo this import
              </Button>
              <Button variant="default" onClick={restart}>
                Import more
              </Button>
              <Button component={Link} to="/people">
                See people
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function useUndo() {
  return useMutation({
    mutationFn: (id: string) => api.undoImport({ params: { id } }),
    onSuccess: (b) => {
      notifications.show({ message: `Undone: the ${b.fileName || b.source} import is gone.` });
      void queryClient.invalidateQueries({ queryKey: IMPORTS_KEY });
      void queryClient.invalidateQueries({ queryKey: keys.people });
    },
    onError: (err) => notifications.show({ color: 'red', message: messageOf(err) }),
  });
}

const STATUS_COLOR: Record<string, string> = {
  applied: 'teal',
  undone: 'gray',
  failed: 'red',
  applying: 'blue',
  previewed: 'yellow',
  undoing: 'blue',
};

function PastImports() {
  const list = useQuery({ queryKey: IMPORTS_KEY, queryFn: () => api.listImports({ query: { limit: 50 } }) });
  const undo = useUndo();
  return (
    <Section title="Past imports" hint="Undo removes the people an import added and restores what it changed.">
      <Stack gap={0} pb="sm" data-testid="past-imports">
        {list.isPending ? (
          <LinesSkeleton n={2} />
        ) : list.data?.items.length === 0 ? (
          <Text size="sm" c="dimmed" py="md">
            No imports yet.
          </Text>
        ) : (
          list.data?.items.map((b) => (
            <Group
              key={b.id}
              justify="space-between"
              wrap="nowrap"
              py="sm"
              style={{ borderBottom: '1px solid var(--tend-border)' }}
            >
              <div style={{ minWidth: 0 }}>
                <Group gap={8} wrap="nowrap">
                  <Text fw={550} size="sm" truncate>
                    {b.fileName || b.source}
                  </Text>
                  <Badge color={STATUS_COLOR[b.status] ?? 'gray'} variant="light">
                    {b.status}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {SOURCES.find((s) => s.value === b.source)?.label} · <RelativeTime iso={b.createdAt} />
                  {b.report &&
                    ` · ${b.report.counts.created} new, ${b.report.counts.updated} updated, ${b.report.counts.errors} errors`}
                </Text>
              </div>
              {(b.status === 'applied' || b.status === 'failed') && (
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  leftSection={<IconX size={14} />}
                  loading={undo.isPending && undo.variables === b.id}
                  onClick={() => undo.mutate(b.id)}
                  aria-label={`Undo ${b.fileName || b.source} import`}
                  style={{ flexShrink: 0 }}
                >
                  Undo
                </Button>
              )}
            </Group>
          ))
        )}
      </Stack>
    </Section>
  );
}

export function ImportTab() {
  return (
    <Stack gap="lg">
      <Wizard />
      <PastImports />
    </Stack>
  );
}
