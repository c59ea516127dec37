import { Button, Drawer, Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { IconNotebook, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { keys, queryClient } from '../lib/api';
import type { PersonDetail } from '../lib/types';
import { type Capture, CaptureContext, type InteractionDraft } from './capture-context';
import { CommandPalette, openPalette } from './command-palette';
import { mainNav } from './nav';
import { useShortcuts } from './use-shortcuts';

const loadAddPerson = () => import('../features/capture/add-person-modal');
const loadLog = () => import('../features/capture/log-interaction-modal');
const AddPersonModal = lazy(loadAddPerson);
const LogInteractionModal = lazy(loadLog);

/**
 * Quick capture, one keystroke away from anywhere: the add-person and log forms, the
 * phone's capture sheet, the command palette and the keyboard shortcuts all live here.
 */
export function CaptureProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [addOpen, setAddOpen] = useState(false);
  const [addMounted, setAddMounted] = useState(false);
  const [log, setLog] = useState<{ open: boolean; draft: InteractionDraft; n: number }>({
    open: false,
    draft: {},
    n: 0,
  });
  const [sheetOpen, setSheetOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);

  // Fetch the form code while the person reads the page, so `n` and `l` open instantly. It brings
  // the schemas (zod), so it waits until the page's own requests are in and the browser is idle:
  // the browser is idle while a cold load waits for its data, and loading it then slowed the page.
  useEffect(() => {
    let timer = 0;
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 200));
    const whenQuiet = () => {
      if (queryClient.isFetching() > 0) {
        timer = window.setTimeout(whenQuiet, 200);
        return;
      }
      idle(() => {
        void loadAddPerson();
        void loadLog();
      });
    };
    timer = window.setTimeout(whenQuiet, 300);
    return () => window.clearTimeout(timer);
  }, []);

  const capture = useMemo<Capture>(
    () => ({
      addPerson: () => {
        setSheetOpen(false);
        setAddMounted(true);
        setAddOpen(true);
      },
      logInteraction: (draft = {}) => {
        setSheetOpen(false);
        setLog((s) => ({ open: true, draft, n: s.n + 1 }));
      },
      openSheet: () => setSheetOpen(true),
      showShortcuts: () => setHelpOpen(true),
    }),
    [],
  );

  useShortcuts({
    keys: {
      n: capture.addPerson,
      // On a person's page, `l` logs with them; anywhere else it starts empty.
      l: () => {
        const id = /^\/people\/([0-9a-f-]{36})$/.exec(location.pathname)?.[1];
        const person = id ? queryClient.getQueryData<PersonDetail>(keys.person(id)) : undefined;
        capture.logInteraction(person && !person.deletedAt ? { participants: [person] } : {});
      },
      '?': capture.showShortcuts,
    },
    go: Object.fromEntries(mainNav.filter((i) => i.key).map((i) => [i.key as string, () => navigate(i.to)])),
  });

  return (
    <CaptureContext.Provider value={capture}>
      {children}
      <CommandPalette capture={capture} />
      <Suspense fallback={null}>
        {addMounted && <AddPersonModal opened={addOpen} onClose={() => setAddOpen(false)} />}
        {log.n > 0 && (
          <LogInteractionModal
            key={log.n}
            opened={log.open}
            draft={log.draft}
            onClose={() => setLog((s) => ({ ...s, open: false }))}
            onRetry={capture.logInteraction}
          />
        )}
      </Suspense>
      <Drawer
        opened={sheetOpen}
        onClose={() => setSheetOpen(false)}
        position="bottom"
        size={300}
        title={<Text fw={650}>Capture</Text>}
        radius="lg"
        styles={{ content: { borderBottomLeftRadius: 0, borderBottomRightRadius: 0 } }}
      >
        <Stack gap="sm" pb="md">
          <Button size="lg" leftSection={<IconNotebook size={20} />} onClick={() => capture.logInteraction()}>
            Log an interaction
          </Button>
          <Button size="lg" variant="light" leftSection={<IconUserPlus size={20} />} onClick={capture.addPerson}>
            Add a person
          </Button>
          <Button
            size="lg"
            variant="default"
            leftSection={<IconSearch size={20} />}
            onClick={() => {
              setSheetOpen(false);
              openPalette();
            }}
          >
            Find someone
          </Button>
        </Stack>
      </Drawer>
      <ShortcutsHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </CaptureContext.Provider>
  );
}

function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const rows: [string[], string][] = [
    [['N'], 'Add a person'],
    [['L'], 'Log an interaction'],
    [['/'], 'Search people and commands'],
    [['Ctrl', 'K'], 'Search (⌘K on a Mac)'],
    ...mainNav
      .filter((i) => i.key)
      .map((i): [string[], string] => [['G', (i.key as string).toUpperCase()], `Go to ${i.label}`]),
    [['↑', '↓'], 'Move through a list'],
    [['Enter'], 'Open the selected person'],
    [['?'], 'This help'],
  ];
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>Keyboard shortcuts</Text>} size="md">
      <Table verticalSpacing={6} withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([combo, what]) => (
            <Table.Tr key={what}>
              <Table.Td w={120}>
                <Group gap={4} wrap="nowrap">
                  {combo.map((k) => (
                    <Kbd key={k} size="sm">
                      {k}
                    </Kbd>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{what}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
