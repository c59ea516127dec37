import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconLink, IconPlus, IconShare } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Resource, ResourceKind } from '../../../../src/contract/resources.js';
import { PageHeader } from '../../components/page-header';
import { LinesSkeleton } from '../../components/section';
import { api, queryClient } from '../../lib/api';
import { errorToForm } from '../../lib/problem';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import classes from './resources.module.css';

export const resourceKindLabel: Record<ResourceKind, string> = {
  article: 'Article',
  talk: 'Talk',
  paper: 'Paper',
  tool: 'Tool',
  video: 'Video',
  book: 'Book',
  podcast: 'Podcast',
  other: 'Other',
};

/** The library: things worth sharing, by topic, with how often each went out. */
export default function ResourcesPage() {
  useDocumentTitle('Resources');
  const [params, setParams] = useSearchParams();
  const topic = params.get('topic') ?? '';
  const [adding, setAdding] = useState(false);
  const resources = useQuery({
    queryKey: ['resources', topic],
    queryFn: () => api.listResources({ query: topic ? { topic } : {} }),
  });
  const all = useQuery({ queryKey: ['resources', ''], queryFn: () => api.listResources({ query: {} }) });
  const topics = [...new Set((all.data?.items ?? []).flatMap((r) => r.topics))].sort((a, b) => a.localeCompare(b));
  const items = resources.data?.items ?? [];
  return (
    <Stack gap="lg">
      <PageHeader
        title="Resources"
        subtitle="Articles, talks, papers and tools worth passing on. Tend remembers who got what."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Save a resource
          </Button>
        }
      />
      {topics.length > 0 && (
        <Group gap={6} aria-label="Filter by topic">
          <Badge
            component="button"
            variant={topic ? 'default' : 'filled'}
            radius="xl"
            size="lg"
            className={classes.chip}
            onClick={() => setParams({})}
          >
            All
          </Badge>
          {topics.map((t) => (
            <Badge
              key={t}
              component="button"
              variant={t === topic ? 'filled' : 'default'}
              radius="xl"
              size="lg"
              className={classes.chip}
              onClick={() => setParams({ topic: t })}
            >
              {t}
            </Badge>
          ))}
        </Group>
      )}
      {resources.isPending ? (
        <LinesSkeleton n={4} />
      ) : items.length === 0 ? (
        <Stack className="tend-card" p="xl" gap="xs" align="flex-start">
          <Text fw={600}>{topic ? `Nothing about ${topic} yet` : 'Your library is empty'}</Text>
          <Text c="dimmed" size="sm" maw={520}>
            Save the article you would like to pass on, with its topics. Tend suggests who cares about it, prefers
            people you are due to check in with, and never lets you send it twice.
          </Text>
          <Button variant="light" mt="xs" onClick={() => setAdding(true)}>
            Save your first resource
          </Button>
        </Stack>
      ) : (
        <div className={classes.grid}>
          {items.map((r) => (
            <ResourceCard key={r.id} resource={r} />
          ))}
        </div>
      )}
      <AddResourceModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function host(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

function ResourceCard({ resource: r }: { resource: Resource }) {
  return (
    <UnstyledButton
      component={Link}
      to={`/resources/${r.id}`}
      className={`tend-card ${classes.card}`}
      data-testid="resource-card"
    >
      <Group gap={6} mb={6}>
        <Badge variant="light" radius="sm" size="sm">
          {resourceKindLabel[r.kind]}
        </Badge>
        <Text size="xs" c="dimmed" truncate>
          {host(r.url)}
        </Text>
      </Group>
      <Text fw={650} lineClamp={2}>
        {r.title}
      </Text>
      {r.note && (
        <Text size="sm" c="dimmed" lineClamp={2} mt={4}>
          {r.note}
        </Text>
      )}
      <Group justify="space-between" mt="sm" wrap="nowrap">
        <Group gap={4} style={{ minWidth: 0, overflow: 'hidden' }} wrap="nowrap">
          {r.topics.slice(0, 3).map((t) => (
            <Badge key={t} variant="outline" color="gray" radius="xl" size="sm" tt="none">
              {t}
            </Badge>
          ))}
        </Group>
        <Group gap={4} c="dimmed" wrap="nowrap">
          <IconShare size={14} />
          <Text size="xs" c="dimmed">
            {r.shareCount === 0 ? 'not shared yet' : `shared ${r.shareCount}×`}
          </Text>
        </Group>
      </Group>
    </UnstyledButton>
  );
}

const FIELDS = ['url', 'title', 'note', 'kind', 'topics'];

function AddResourceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const phone = usePhone();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>Save a resource</Text>} size="lg" fullScreen={phone}>
      {opened && <AddResourceForm onClose={onClose} />}
    </Modal>
  );
}

function AddResourceForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const size = usePhone() ? 'md' : 'sm';
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [kind, setKind] = useState<ResourceKind>('article');
  const [topics, setTopics] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api.createResource({
        body: {
          url: url.trim(),
          kind,
          topics,
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(note.trim() ? { note } : {}),
        },
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['resources'] });
      onClose();
      void navigate(`/resources/${r.id}`);
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
        save.mutate();
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
          label="Address"
          placeholder="https://…"
          type="url"
          inputMode="url"
          leftSection={<IconLink size={16} />}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={errors.url}
          required
          data-autofocus
          size={size}
        />
        <TextInput
          label="Title"
          placeholder="Defaults to the address"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          size={size}
        />
        <Select
          label="Kind"
          data={Object.entries(resourceKindLabel).map(([value, label]) => ({ value, label }))}
          value={kind}
          onChange={(v) => v && setKind(v as ResourceKind)}
          allowDeselect={false}
          size={size}
        />
        <TagsInput
          label="Topics"
          description="Press Enter after each. People with the same topics are suggested."
          placeholder="Rust, climate tech…"
          value={topics}
          onChange={setTopics}
          error={errors.topics}
          size={size}
        />
        <Textarea
          label="Note"
          placeholder="Why it is worth sharing"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          size={size}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
