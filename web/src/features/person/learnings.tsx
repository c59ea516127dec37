import { ActionIcon, Badge, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { RelativeTime } from '../../components/relative-time';
import { api, keys, queryClient } from '../../lib/api';
import { firstName, LEARNING_CATEGORIES, type LearningCategory, learningCategoryLabel } from '../../lib/labels';
import { errorToForm } from '../../lib/problem';
import type { PersonDetail } from '../../lib/types';

/** What you learned while listening: goals, projects, family, interests. Kept so the next talk starts here. */
export function Learnings({ person }: { person: PersonDetail }) {
  const [adding, setAdding] = useState(false);
  const [category, setCategory] = useState<LearningCategory>('interest');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const items = [...person.learnings].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    // The schema (and zod) loads when a learning is saved, not with the person page.
    const { LearningCreate } = await import('../../../../src/contract/people.js');
    const parsed = LearningCreate.safeParse({ category, body });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the text');
      return;
    }
    setSaving(true);
    try {
      const learning = await api.createLearning({ params: { id: person.id }, body: { category, body } });
      queryClient.setQueryData<PersonDetail>(keys.person(person.id), (p) =>
        p ? { ...p, learnings: [learning, ...p.learnings] } : p,
      );
      setBody('');
      setError(null);
      setAdding(false);
    } catch (err) {
      const p = errorToForm(err, (path) => (path.startsWith('body') || path === 'category' ? 'body' : null));
      setError(Object.values(p.fields)[0] ?? [p.general?.title, p.general?.detail].filter(Boolean).join(': '));
    } finally {
      setSaving(false);
    }
  };

  const forget = async (learningId: string) => {
    const before = queryClient.getQueryData<PersonDetail>(keys.person(person.id));
    queryClient.setQueryData<PersonDetail>(keys.person(person.id), (p) =>
      p ? { ...p, learnings: p.learnings.filter((l) => l.id !== learningId) } : p,
    );
    try {
      await api.deleteLearning({ params: { id: person.id, learningId } });
    } catch (err) {
      queryClient.setQueryData(keys.person(person.id), before);
      notifications.show({ color: 'red', title: 'Could not forget that', message: (err as Error).message });
    }
  };

  return (
    <Stack gap="sm">
      {items.length === 0 && !adding && (
        <Text size="sm" c="dimmed">
          Nothing yet. What is {firstName(person.fullName)} working towards? What do they care about outside work?
        </Text>
      )}
      {items.map((l) => (
        <Group key={l.id} gap="xs" align="flex-start" wrap="nowrap" className="tend-learning">
          <div style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
              {l.body}
            </Text>
            <Group gap={6} mt={4}>
              <Badge size="xs" variant="light" color="gray" tt="none">
                {learningCategoryLabel[l.category]}
              </Badge>
              <Text size="xs" c="dimmed">
                <RelativeTime iso={l.learnedOn ? `${l.learnedOn}T12:00:00Z` : l.createdAt} />
              </Text>
            </Group>
          </div>
          <ActionIcon size="sm" aria-label={`Forget: ${l.body.slice(0, 40)}`} onClick={() => forget(l.id)}>
            <IconX size={14} />
          </ActionIcon>
        </Group>
      ))}
      {adding ? (
        <form onSubmit={save}>
          <Stack gap="xs">
            <Select
              aria-label="What kind of thing"
              data={LEARNING_CATEGORIES.map((c) => ({ value: c, label: learningCategoryLabel[c] }))}
              value={category}
              onChange={(v) => v && setCategory(v as LearningCategory)}
              allowDeselect={false}
              size="sm"
              comboboxProps={{ withinPortal: true }}
            />
            <Textarea
              label="Something you learned"
              placeholder="Training for the Lisbon marathon in October"
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void save(e);
                if (e.key === 'Escape') setAdding(false);
              }}
              error={error}
              autosize
              minRows={2}
              autoFocus
            />
            <Group gap="xs" justify="flex-end">
              <Button size="xs" variant="default" onClick={() => setAdding(false)}>
                Cancel
              </Button>
              <Button size="xs" type="submit" loading={saving}>
                Remember
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => setAdding(true)}
          style={{ alignSelf: 'flex-start' }}
          px={4}
        >
          Add something you learned
        </Button>
      )}
    </Stack>
  );
}
