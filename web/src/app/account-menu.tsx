import { ActionIcon, Avatar, Group, Menu, Text, UnstyledButton, useMantineColorScheme } from '@mantine/core';
import {
  IconCheck,
  IconChevronUp,
  IconDeviceDesktop,
  IconKeyboard,
  IconLogout,
  IconMoon,
  IconSun,
} from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { initials, resetAfterAuthChange, useMe } from '../features/auth/use-auth';
import { api } from '../lib/api';
import { accountNav } from './nav';

/** Import/Export, Settings, the theme and the shortcut sheet: the things you need rarely. */
export function AccountMenu({ compact, onShortcuts }: { compact?: boolean; onShortcuts: () => void }) {
  const navigate = useNavigate();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const me = useMe();
  const name = me?.displayName ?? 'Me';
  const signOut = async () => {
    try {
      await api.logout({});
    } finally {
      await resetAfterAuthChange();
      navigate('/login', { replace: true });
    }
  };
  const schemes = [
    { value: 'light', label: 'Light', icon: IconSun },
    { value: 'dark', label: 'Dark', icon: IconMoon },
    { value: 'auto', label: 'Match system', icon: IconDeviceDesktop },
  ] as const;

  return (
    <Menu position={compact ? 'bottom-end' : 'top-start'} width={220} withinPortal>
      <Menu.Target>
        {compact ? (
          <ActionIcon size={44} radius="xl" aria-label="Account menu">
            <Avatar size={30} radius="xl" color="sage" variant="filled">
              {initials(name)}
            </Avatar>
          </ActionIcon>
        ) : (
          <UnstyledButton
            aria-label="Account menu"
            style={{ width: '100%', padding: '8px 10px', borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Group gap="sm" wrap="nowrap">
              <Avatar size={30} radius="xl" color="sage" variant="filled">
                {initials(name)}
              </Avatar>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={550} truncate>
                  {name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {me?.email ?? 'Settings and theme'}
                </Text>
              </div>
              <IconChevronUp size={16} stroke={1.6} color="var(--mantine-color-dimmed)" />
            </Group>
          </UnstyledButton>
        )}
      </Menu.Target>
      <Menu.Dropdown>
        {accountNav.map((item) => (
          <Menu.Item key={item.to} leftSection={<item.icon size={16} />} onClick={() => navigate(item.to)}>
            {item.label}
          </Menu.Item>
        ))}
        <Menu.Item
          leftSection={<IconKeyboard size={16} />}
          onClick={onShortcuts}
          rightSection={<Text size="xs">?</Text>}
        >
          Keyboard shortcuts
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>Appearance</Menu.Label>
        {schemes.map((s) => (
          <Menu.Item
            key={s.value}
            leftSection={<s.icon size={16} />}
            rightSection={colorScheme === s.value ? <IconCheck size={14} /> : null}
            onClick={() => setColorScheme(s.value)}
            closeMenuOnClick={false}
            aria-checked={colorScheme === s.value}
            role="menuitemradio"
          >
            {s.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
