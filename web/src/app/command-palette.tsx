import { Group, Kbd, Text, ThemeIcon, useMantineColorScheme } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import {
  IconBook2,
  IconBuilding,
  IconBulb,
  IconCalendarEvent,
  IconMessages,
  IconMoon,
  IconNotebook,
  IconNotes,
  IconSearch,
  IconSun,
  IconUserPlus,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { PersonAvatar } from '../components/person-avatar';
import { Highlighted } from '../features/search/highlighted';
import { api } from '../lib/api';
import type { SearchHit } from '../lib/types';
import type { Capture } from './capture-context';
import { accountNav, mainNav } from './nav';

const [paletteStore, paletteControls] = createSpotlight();

/** Open the command palette from anywhere (buttons, the capture sheet). */
export const openPalette = paletteControls.open;

/** The palette's list, by our own id: Spotlight learns its list's id only in an effect after the first render. */
const LIST_ID = 'tend-palette-list';

/*
 * Results arrive after the query changes; Spotlight keeps its highlight on whatever row was
 * first before, so put it back on the first row, where Enter is expected to go. Returns that row.
 */
function selectFirst(): HTMLElement | null {
  const list = document.getElementById(LIST_ID);
  if (!list) return null;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const first = list.querySelector<HTMLElement>('[data-action]');
  first?.setAttribute('data-selected', 'true');
  paletteStore.updateState((state) => ({ ...state, selected: first ? 0 : -1 }));
  return first;
}

/** Takes the highlight off, so that Spotlight's own Enter handler, which runs next, opens nothing. */
function unselect() {
  document.getElementById(LIST_ID)?.querySelector('[data-selected]')?.removeAttribute('data-selected');
  paletteStore.updateState((state) => ({ ...state, selected: -1 }));
}

interface Command {
  id: string;
  label: string;
  hint?: string;
  icon: React.ReactNode;
  keywords: string;
  run: () => void;
}

/** Groups of the palette, in the order of their best hit; notes and things learned sit together. */
const GROUPS: { label: string; types: SearchHit['type'][]; icon: React.ReactNode }[] = [
  { label: 'People', types: ['person'], icon: null },
  { label: 'Organisations', types: ['organisation'], icon: <IconBuilding size={18} stroke={1.6} /> },
  { label: 'Notes and things learned', types: ['note', 'learning'], icon: <IconNotes size={18} stroke={1.6} /> },
  { label: 'Interactions', types: ['interaction'], icon: <IconMessages size={18} stroke={1.6} /> },
  { label: 'Events', types: ['event'], icon: <IconCalendarEvent size={18} stroke={1.6} /> },
  { label: 'Resources', types: ['resource'], icon: <IconBook2 size={18} stroke={1.6} /> },
];

/** Where a hit opens: its own page, or the person it is filed under. */
function hitPath(h: SearchHit): string {
  switch (h.type) {
    case 'event':
      return `/events/${h.id}`;
    case 'resource':
      return `/resources/${h.id}`;
    case 'organisation':
      return `/people?q=${encodeURIComponent(h.title)}`;
    case 'person':
      return `/people/${h.id}`;
    default:
      return h.personId ? `/people/${h.personId}` : '/people';
  }
}

function groupsOf(items: SearchHit[]) {
  const groups = GROUPS.map((g) => ({ ...g, hits: items.filter((h) => g.types.includes(h.type)) })).filter(
    (g) => g.hits.length > 0,
  );
  const rank = (g: (typeof groups)[number]) => items.indexOf(g.hits[0] as SearchHit);
  return groups.sort((a, b) => rank(a) - rank(b));
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

  const search = useQuery({
    queryKey: ['search', 'palette', q],
    queryFn: () => api.search({ query: { q, limit: 20 } }),
    enabled: q.length > 0,
    staleTime: 10_000,
    placeholderData: (previous) => previous,
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
  const found = q ? (search.data?.items ?? []) : [];
  const groups = groupsOf(found);
  const resultKey = `${found.map((p) => p.id).join()}|${shownCommands.map((c) => c.id).join()}`;
  // Whether the rows shown answer what is typed now (not the previous query's, kept while the next loads).
  const current = query.trim() === q && (q === '' || search.isError || (search.isSuccess && !search.isPlaceholderData));
  /*
   * Enter pressed while the rows on screen still answer an earlier query (typing fast, the search
   * debounced or on its way) waits for the answer to what was typed, then opens its first row:
   * the person you typed, not whoever matched the first letters.
   */
  const enterPending = useRef(false);
  // A layout effect: the first row is selected in the same task as the new rows are committed,
  // so no key press can land between the two.
  useLayoutEffect(() => {
    if (!resultKey) return;
    const first = selectFirst();
    if (enterPending.current && current) {
      enterPending.current = false;
      // A failed search shows the commands alone: opening one of those is not what Enter asked for.
      if (!search.isError) first?.click();
    }
  }, [resultKey, current, search.isError]);
  // The list mounts each time the palette opens (its rows did not change, so the effect above does not run).
  const listMounted = useCallback((el: HTMLDivElement | null) => {
    if (el) selectFirst();
  }, []);
  const onSearchKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (current) {
      enterPending.current = false;
      // Spotlight's handler, next, opens the highlighted row: make sure there is one.
      const list = document.getElementById(LIST_ID);
      const selected = list?.querySelector<HTMLElement>('[data-selected]') ?? selectFirst();
      // Spotlight knows Enter by its key code, which some phone keyboards leave empty: open it here then.
      const code = event.nativeEvent.code;
      if (code !== 'Enter' && code !== 'NumpadEnter') selected?.click();
      return;
    }
    enterPending.current = true;
    unselect();
  };

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K', '/']}
      onSpotlightClose={() => {
        enterPending.current = false;
      }}
      scrollable
      maxHeight={460}
      radius="lg"
      size="lg"
      styles={{ actionLabel: { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500 } }}
    >
      <Spotlight.Search
        placeholder="Search people, notes, events… or type a command"
        leftSection={<IconSearch size={18} stroke={1.7} />}
        aria-label="Search everything and commands"
        onKeyDown={onSearchKeyDown}
        onChange={() => {
          // A pending Enter was for the words typed so far; editing them cancels it.
          enterPending.current = false;
        }}
      />
      <Spotlight.ActionsList id={LIST_ID} ref={listMounted}>
        {groups.map((g) => (
          <Spotlight.ActionsGroup key={g.label} label={g.label}>
            {g.hits.map((h) => (
              <Spotlight.Action
                key={`${h.type}:${h.id}`}
                onClick={() => navigate(hitPath(h))}
                style={{ overflow: 'hidden' }}
                data-testid="search-hit"
              >
                <Group wrap="nowrap" gap="sm" w="100%" align="flex-start" style={{ minWidth: 0 }}>
                  {h.type === 'person' ? (
                    <PersonAvatar person={{ id: h.id, fullName: h.title, photoUrl: null }} size={32} />
                  ) : (
                    <ThemeIcon variant="light" color="gray" size={32} radius="xl">
                      {h.type === 'learning' ? <IconBulb size={18} stroke={1.6} /> : g.icon}
                    </ThemeIcon>
                  )}
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Text size="sm" fw={550} truncate>
                      <Highlighted text={h.title} ranges={h.titleHighlights} />
                    </Text>
                    {h.subtitle && (
                      <Text size="xs" c="dimmed" truncate>
                        {h.subtitle}
                      </Text>
                    )}
                    {h.snippet && (
                      <Text size="xs" c="dimmed" lineClamp={2} mt={2}>
                        <Highlighted text={h.snippet.text} ranges={h.snippet.highlights} />
                      </Text>
                    )}
                  </div>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        ))}
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
            {search.isFetching ? 'Searching…' : `Nobody and nothing matches “${query.trim()}”.`}
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
