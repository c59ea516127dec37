import { Alert, Button, FileButton, Group, List, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArchive, IconCheck, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RestoreResult } from '../../../../src/contract/export.js';
import { LinesSkeleton, Section } from '../../components/section';
import { api, isApiError, queryClient } from '../../lib/api';

const LABELS: Record<string, string> = {
  organisations: 'Organisations',
  people: 'People',
  contactPoints: 'Emails, phones and links',
  personRoles: 'Roles',
  tags: 'Tags',
  topics: 'Topics',
  personTags: 'Tag assignments',
  personTopics: 'Topic assignments',
  personPurposes: 'Purposes',
  interactions: 'Interactions',
  interactionParticipants: 'Interaction participants',
  learnings: 'Things learned',
  importantDates: 'Important dates',
  followUps: 'Follow-ups',
  followUpPeople: 'Follow-up people',
  achievements: 'Achievements',
  nudgeStates: 'Remembered nudges',
  weeklyActivity: 'Weekly activity',
  personMerges: 'Merges',
  duplicateDismissals: 'Dismissed duplicates',
};

function message(err: unknown): string {
  if (isApiError(err)) return err.problem.detail ?? err.problem.title;
  return err instanceof Error ? err.message : String(err);
}

export function BackupTab() {
  const counts = useQuery({ queryKey: ['backup', 'counts'], queryFn: () => api.backupCounts({}) });
  const [file, setFile] = useState<File | null>(null);
  const [doc, setDoc] = useState<unknown>(null);
  const [preview, setPreview] = useState<RestoreResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const dryRun = useMutation({
    mutationFn: (body: unknown) => api.restore({ query: { dryRun: 'true' }, body }),
    onSuccess: setPreview,
    onError: (e) => setError(message(e)),
  });
  const restore = useMutation({
    mutationFn: () => api.restore({ query: { dryRun: 'false' }, body: doc }),
    onSuccess: (r) => {
      notifications.show({
        color: 'sage',
        icon: <IconCheck size={16} />,
        message: `Restored ${r.counts.people ?? 0} people and everything around them.`,
      });
      setPreview(null);
      setFile(null);
      setDoc(null);
      return queryClient.invalidateQueries();
    },
    onError: (e) => setError(message(e)),
  });

  const pick = async (f: File | null) => {
    setFile(f);
    setPreview(null);
    setError(null);
    setDoc(null);
    if (!f) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await f.text());
    } catch {
      setError(`${f.name} is not a Tend backup: it is not JSON.`);
      return;
    }
    setDoc(parsed);
    dryRun.mutate(parsed);
  };

  const total = counts.data ? Object.values(counts.data.counts).reduce((a, b) => a + b, 0) : 0;
  const empty = counts.data !== undefined && total === 0;

  return (
    <Stack gap="lg">
      <Section
        title="Download a backup"
        hint="Everything in this workspace in one JSON file: people, organisations, interactions, follow-ups, achievements, settings and more."
      >
        <Stack gap="sm" pb="md" pt={4}>
          <Group>
            <Button component="a" href="/api/v1/backup" download leftSection={<IconArchive size={16} />}>
              Download backup
            </Button>
            {counts.data && (
              <Text size="sm" c="dimmed">
                {counts.data.counts.people ?? 0} people · {counts.data.counts.interactions ?? 0} interactions
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" maw={680}>
            Never included: passwords, sign-in sessions, API tokens, invitation links and the security log. They belong
            to this Tend instance, not to your data.
          </Text>
        </Stack>
      </Section>

      <Section
        title="Restore a backup"
        hint="Into an empty workspace only, all or nothing: Tend checks the file first and shows what it holds."
      >
        <Stack gap="md" pb="md" pt={4}>
          {counts.isPending ? (
            <LinesSkeleton n={1} />
          ) : !empty ? (
            <Alert
              color="yellow"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title="This workspace has data"
            >
              A backup restores only into an empty workspace, so nothing you have is overwritten. Restore it into a
              fresh Tend, or sign in with a new account, whose workspace starts empty.
            </Alert>
          ) : (
            <Text size="sm">This workspace is empty: ready to restore.</Text>
          )}
          <Group>
            <FileButton onChange={pick} accept="application/json,.json">
              {(props) => (
                <Button {...props} variant="light" leftSection={<IconUpload size={16} />} loading={dryRun.isPending}>
                  Choose a backup file…
                </Button>
              )}
            </FileButton>
            {file && (
              <Text size="sm" c="dimmed">
                {file.name}
              </Text>
            )}
          </Group>
          {error && (
            <Alert color="red" variant="light" title="Cannot restore this file" data-testid="restore-error">
              {error}
            </Alert>
          )}
          {preview && (
            <Stack gap="sm" data-testid="restore-preview">
              <Text size="sm">
                The backup of <b>{preview.workspaceName}</b> checks out. It holds:
              </Text>
              <Table maw={420} withRowBorders={false} verticalSpacing={4}>
                <Table.Tbody>
                  {Object.entries(preview.counts)
                    .filter(([, n]) => n > 0)
                    .map(([k, n]) => (
                      <Table.Tr key={k}>
                        <Table.Td>{LABELS[k] ?? k}</Table.Td>
                        <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                          {n.toLocaleString()}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
              <List size="xs" c="dimmed">
                <List.Item>The workspace takes the backup's name and settings.</List.Item>
                <List.Item>Ids are kept, so links between people, interactions and follow-ups stay intact.</List.Item>
              </List>
              <Group>
                <Button onClick={() => restore.mutate()} loading={restore.isPending}>
                  Restore into this workspace
                </Button>
                <Button variant="subtle" color="gray" onClick={() => pick(null)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Section>
    </Stack>
  );
}
