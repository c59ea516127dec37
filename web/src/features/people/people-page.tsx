import { ActionIcon, Alert, Button, Group, Menu, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowsSort, IconCheck, IconSearch, IconTrash, IconUsers, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { PeopleSort } from '../../../../src/contract/people.js';
import { PageHeader } from '../../components/page-header';
import { api, keys, queryClient } from '../../lib/api';
import { CIRCLES, circleLabel } from '../../lib/labels';
import type { PersonRow } from '../../lib/types';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import { WelcomeEmptyState } from '../today/welcome';
import { PeopleList } from './people-list';
import { readParams, toFilters } from './people-query';
import { usePeopleRows } from './use-people-rows';

const sortOptions: { value: PeopleSort; label: string }[] = [
  { value: 'name', label: 'Name, A to Z' },
  { value: '-name', label: 'Name, Z to A' },
  { value: '-lastContact', label: 'Recently talked to' },
  { value: 'lastContact', label: 'Longest since contact' },
  { value: '-created', label: 'Recently added' },
];

export default function PeoplePage() {
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const read = readParams(params);
  const { trash, q, circle, tag, sort } = read;
  useDocumentTitle(trash ? 'Trash' : 'People');

  const [search, setSearchText] = useState(q);

  const setParam = (name: string, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };

  // Typing stays instant in the box; the URL (and so the query) follows a quarter second later.
  const commitSearch = useDebouncedCallback((value: string) => setParam('q', value.trim() || null), 250);
  const setSearch = (value: string) => {
    setSearchText(value);
    commitSearch(value);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters change exactly when these values do
  const filters = useMemo(() => toFilters(read), [q, circle, tag, trash, sort]);
  const list = usePeopleRows(filters);

  const tags = useQuery({ queryKey: keys.tags, queryFn: () => api.listTags({}), staleTime: 60_000 });
  const tagOptions = [...(tags.data?.items ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({ value: t.name, label: `${t.name} (${t.peopleCount})` }));

  const filtered = Boolean(q || circle || tag);
  const restore = async (person: PersonRow) => {
    try {
      await api.restorePerson({ params: { id: person.id } });
      notifications.show({ color: 'sage', message: `${person.fullName} is back in your network.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not restore', message: (error as Error).message });
    } finally {
      void queryClient.invalidateQueries({ queryKey: keys.people });
    }
  };

  const countLine =
    list.total === undefined
      ? '\u00a0'
      : trash
        ? list.total === 0
          ? 'Nothing here right now.'
          : `${list.total.toLocaleString()} in the trash. Restore anyone you deleted by mistake.`
        : filtered
          ? `${list.total.toLocaleString()} matching`
          : `${list.total.toLocaleString()} ${list.total === 1 ? 'person' : 'people'} in your network`;

  const sortData = trash ? [...sortOptions, { value: '-updated' as const, label: 'Recently deleted' }] : sortOptions;
  const circleSelect = (
    <Select
      aria-label="Circle"
      placeholder={phone ? 'Circle' : 'All circles'}
      data={CIRCLES.map((c) => ({ value: c, label: circleLabel[c] }))}
      value={circle}
      onChange={(v) => setParam('circle', v)}
      clearable
      w={phone ? undefined : 150}
      size={phone ? 'md' : 'sm'}
      comboboxProps={{ withinPortal: true }}
    />
  );
  const tagSelect = (
    <Select
      aria-label="Tag"
      placeholder={phone ? 'Tag' : 'All tags'}
      data={tagOptions}
      value={tag}
      onChange={(v) => setParam('tag', v)}
      searchable
      clearable
      nothingFoundMessage="No such tag"
      w={phone ? undefined : 170}
      size={phone ? 'md' : 'sm'}
      comboboxProps={{ withinPortal: true }}
    />
  );
  const sortControl = phone ? (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" size={42} aria-label={`Sort: ${sortData.find((o) => o.value === sort)?.label}`}>
          <IconArrowsSort size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Sort by</Menu.Label>
        {sortData.map((o) => (
          <Menu.Item
            key={o.value}
            mih={44}
            onClick={() => setParam('sort', o.value)}
            rightSection={o.value === sort ? <IconCheck size={14} /> : null}
          >
            {o.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  ) : (
    <Select
      aria-label="Sort"
      data={sortData}
      value={sort}
      onChange={(v) => setParam('sort', v)}
      allowDeselect={false}
      w={200}
      size="sm"
      comboboxProps={{ withinPortal: true }}
    />
  );

  return (
    <Stack gap={0}>
      <PageHeader
        title={trash ? 'Trash' : 'People'}
        subtitle={countLine}
        actions={
          <Button
            variant={trash ? 'light' : 'subtle'}
            color={trash ? 'sage' : 'gray'}
            leftSection={trash ? <IconUsers size={16} /> : <IconTrash size={16} />}
            onClick={() => setParam('view', trash ? null : 'trash')}
            className="tend-touch"
          >
            {trash ? 'Back to people' : 'Trash'}
          </Button>
        }
      />
      <Stack gap="sm" mb="md">
        <Group gap="sm" wrap={phone ? 'wrap' : 'nowrap'}>
          <TextInput
            aria-label="Search people"
            placeholder="Search by name, role, organisation or email"
            leftSection={<IconSearch size={16} stroke={1.7} />}
            rightSection={
              search ? (
                <ActionIcon aria-label="Clear search" onClick={() => setSearch('')} size="sm">
                  <IconX size={14} />
                </ActionIcon>
              ) : null
            }
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setSearch('');
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLElement>('[role="grid"]')?.focus();
              }
            }}
            style={{ flex: 1, minWidth: phone ? '100%' : 240 }}
            size={phone ? 'md' : 'sm'}
            type="search"
          />
          {phone ? (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 42px', gap: 8, width: '100%' }}>
              {circleSelect}
              {tagSelect}
              {sortControl}
            </div>
          ) : (
            <>
              {circleSelect}
              {tagSelect}
              {sortControl}
            </>
          )}
        </Group>
      </Stack>

      {list.error ? (
        <Alert color="red" variant="light" title="Could not load people">
          <Text size="sm">{(list.error as Error).message}</Text>
          <Button size="xs" mt="sm" variant="light" color="red" onClick={list.retry}>
            Try again
          </Button>
        </Alert>
      ) : null}

      {!list.isPending && list.count === 0 ? (
        trash ? (
          <EmptyNote title="The trash is empty" body="People you delete wait here, so you can bring them back." />
        ) : filtered ? (
          <EmptyNote
            title="Nobody matches"
            body={q ? `No one’s name, role, organisation or email contains “${q}”.` : 'Nobody fits these filters.'}
            action={
              <Button
                variant="light"
                onClick={() => {
                  setSearch('');
                  setParams({}, { replace: true });
                }}
              >
                Clear search and filters
              </Button>
            }
          />
        ) : (
          <WelcomeEmptyState />
        )
      ) : (
        <PeopleList
          rows={list.rows}
          count={list.isPending ? 12 : list.count}
          ensure={list.ensure}
          compact={phone}
          trash={trash}
          stale={list.isStale}
          sort={sort}
          onSort={(s) => setParam('sort', s)}
          onRestore={restore}
        />
      )}
      {list.catchingUp && (
        <div className="tend-catching-up" role="status">
          Loading people {list.catchingUp.loaded.toLocaleString()} of {list.catchingUp.wanted.toLocaleString()}…
        </div>
      )}
      {!phone && list.count > 0 && (
        <Text size="xs" c="dimmed" mt="sm">
          Tip: click the list, then use ↑ ↓ and Enter. Press / to jump to anyone.
        </Text>
      )}
    </Stack>
  );
}

function EmptyNote({ title, body, action }: { title: string; body: string; action?: React.ReactNode }) {
  return (
    <div className="tend-card" style={{ padding: '40px 24px', textAlign: 'center' }}>
      <Text fw={600}>{title}</Text>
      <Text size="sm" c="dimmed" mt={4} mb={action ? 'md' : 0}>
        {body}
      </Text>
      {action}
    </div>
  );
}
