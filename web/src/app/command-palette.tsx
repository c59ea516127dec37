import { Group, Kbd, Text, useMantineColorScheme } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { IconMoon, IconNotebook, IconSearch, IconSun, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { PersonAvatar } from '../components/person-avatar';
import { api } from '../lib/api';
import { roleLine } from '../lib/labels';
import type { Capture } from './capture-context';
import { accountNav, mainNav } from './nav';

const [paletteStore, paletteControls] = createSpotlight();

/** Open the command palette from anywhere (buttons, the capture sheet). */
export const openPalette = paletteControls.open;

/*
 * Results arrive after the query changes; Spotlight keeps its highlight on whatever row was
 * first before, so put it back on the first row, where Enter is expected to go.
 */
function selectFirst() {
  const { listId } = paletteStore.getState();
  const list = listId ? document.getElementById(listId) : null;
  if (!list) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const first = list.querySelector('[data-action]');
  first?.setAttribute('data-selected', 'true');
  paletteStore.updateState((state) => ({ ...state, selected: first ? 0 : -1 }));
}

interface Command {
  id: string;
  label: string;
  hint?: string;
  icon: React.ReactNode;
  keywords: string;
  run: () => void;
}

function matches(query: string, text: string): boolean {
  const hay = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** `/` or Ctrl/Cmd+K: find a person by name, or run an action, without touching the mouse. */
export function CommandPalette({ capture }: { capture: Capture }) {
  const navigate = useNavigate();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 120);

  const people = useQuery({
    queryKey: ['people', 'palette', q],
    queryFn: () => api.listPeople({ query: { q, limit: 7, sort: 'name' } }),
    enabled: q.length > 0,
    staleTime: 10_000,
  });

  const commands: Command[] = [
    {
      id: 'add-person',
      label: 'Add a person',
      hint: 'N',
      icon: <IconUserPlus size={18} />,
      keywords: 'new create contact',
      run: capture.addPerson,
    },
    {
      id: 'log',
      label: 'Log an interaction',
      hint: 'L',
      icon: <IconNotebook size={18} />,
      keywords: 'coffee call meeting message note',
      run: () => capture.logInteraction(),
    },
    ...[...mainNav, ...accountNav].map((item) => ({
      id: `go-${item.to}`,
      label: `Go to ${item.label}`,
      ...(item.key ? { hint: `G ${item.key.toUpperCase()}` } : {}),
      icon: <item.icon size={18} />,
      keywords: 'open page navigate',
      run: () => navigate(item.to),
    })),
    {
      id: 'theme',
      label: colorScheme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme',
      icon: colorScheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />,
      keywords: 'appearance colour color mode night',
      run: () => setColorScheme(colorScheme === 'dark' ? 'light' : 'dark'),
    },
  ];

  const shownCommands = query.trim()
    ? commands.filter((c) => matches(query, `${c.label} ${c.keywords}`))
    : commands.slice(0, 4);
  const found = q ? (people.data?.items ?? []) : [];
  const resultKey = `${found.map((p) => p.id).join()}|${shownCommands.map((c) => c.id).join()}`;
  useEffect(() => {
    if (resultKey) requestAnimationFrame(selectFirst);
  }, [resultKey]);

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K', '/']}
      scrollable
      maxHeight={460}
      radius="lg"
      size="lg"
      styles={{ actionLabel: { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500 } }}
    >
      <Spotlight.Search
        placeholder="Search people, or type a command…"
        leftSection={<IconSearch size={18} stroke={1.7} />}
        aria-label="Search people and commands"
      />
      <Spotlight.ActionsList>
        {found.length > 0 && (
          <Spotlight.ActionsGroup label="People">
            {found.map((p) => (
              <Spotlight.Action key={p.id} onClick={() => navigate(`/people/${p.id}`)} style={{ overflow: 'hidden' }}>
                <Group wrap="nowrap" gap="sm" w="100%" style={{ minWidth: 0 }}>
                  <PersonAvatar person={p} size={32} />
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Text size="sm" fw={550} truncate>
                      {p.fullName}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {p.headline ?? roleLine(p.roleTitle, p.organisation) ?? ''}
                    </Text>
                  </div>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {shownCommands.length > 0 && (
          <Spotlight.ActionsGroup label="Actions">
            {shownCommands.map((c) => (
              <Spotlight.Action
                key={c.id}
                label={c.label}
                leftSection={c.icon}
                rightSection={c.hint ? <Kbd size="xs">{c.hint}</Kbd> : null}
                onClick={c.run}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {found.length === 0 && shownCommands.length === 0 && (
          <Spotlight.Empty>
            {people.isFetching ? 'Searching…' : `Nobody and nothing matches “${query.trim()}”.`}
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
      <Spotlight.Footer>
        <Text size="xs" c="dimmed">
          ↑ ↓ to move · Enter to open · Esc to close
        </Text>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}
