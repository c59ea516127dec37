import { ActionIcon, Button, Kbd, Menu, Skeleton, Stack, Text } from '@mantine/core';
import { IconDots, IconLeaf, IconNotebook, IconPlus, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { usePhone } from '../lib/use-media';
import { AccountMenu } from './account-menu';
import { useCapture } from './capture-context';
import { openPalette } from './command-palette';
import { installIntentPrefetch } from './intent-prefetch';
import { accountNav, mainNav } from './nav';
import classes from './shell.module.css';

function Brand() {
  return (
    <NavLink to="/" className={classes.brand} aria-label="Tend, go to Today">
      <span className={classes.brandMark}>
        <IconLeaf size={18} stroke={2} />
      </span>
      Tend
    </NavLink>
  );
}

function Sidebar() {
  const capture = useCapture();
  return (
    <nav className={classes.sidebar} aria-label="Main">
      <Brand />
      <button type="button" className={classes.searchTrigger} onClick={() => openPalette()}>
        <IconSearch size={16} stroke={1.7} />
        <span style={{ flex: 1, textAlign: 'left' }}>Search</span>
        <Kbd size="xs">/</Kbd>
      </button>
      <Stack gap={6} mb="md">
        <Button
          data-testid="add-person"
          leftSection={<IconUserPlus size={17} />}
          onClick={capture.addPerson}
          justify="flex-start"
          rightSection={
            <span className="tend-kbd-hint" style={{ color: 'inherit', opacity: 0.8 }}>
              N
            </span>
          }
          styles={{ section: { marginLeft: 'auto' }, inner: { width: '100%' }, label: { flex: 1 } }}
        >
          Add person
        </Button>
        <Button
          variant="default"
          leftSection={<IconNotebook size={17} />}
          onClick={() => capture.logInteraction()}
          justify="flex-start"
          rightSection={<span className="tend-kbd-hint">L</span>}
          styles={{ inner: { width: '100%' }, label: { flex: 1 } }}
        >
          Log interaction
        </Button>
      </Stack>
      {mainNav.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.to === '/'} className={classes.navLink}>
          <item.icon size={19} stroke={1.7} />
          {item.label}
          {item.key && (
            <span className={`tend-kbd-hint ${classes.navHint}`} aria-hidden>
              G {item.key.toUpperCase()}
            </span>
          )}
        </NavLink>
      ))}
      <div style={{ flex: 1 }} />
      <AccountMenu onShortcuts={capture.showShortcuts} />
    </nav>
  );
}

function PhoneChrome() {
  const capture = useCapture();
  const navigate = useNavigate();
  const tabs = mainNav.filter((i) => ['/', '/people', '/events', '/insights'].includes(i.to));
  const more = [...mainNav.filter((i) => !tabs.includes(i)), ...accountNav];
  return (
    <>
      <header className={classes.topbar}>
        <Brand />
        <div style={{ flex: 1 }} />
        <ActionIcon size={44} aria-label="Search" onClick={() => openPalette()}>
          <IconSearch size={21} stroke={1.7} />
        </ActionIcon>
        <ActionIcon size={44} aria-label="Add person" data-testid="add-person" onClick={capture.addPerson}>
          <IconUserPlus size={21} stroke={1.7} />
        </ActionIcon>
        <AccountMenu compact onShortcuts={capture.showShortcuts} />
      </header>
      <nav className={classes.bottombar} aria-label="Main">
        {tabs.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.to === '/'} className={classes.tab}>
            <item.icon size={22} stroke={1.7} />
            {item.label}
          </NavLink>
        ))}
        <Menu position="top-end" width={220} withinPortal>
          <Menu.Target>
            <button type="button" className={classes.tab}>
              <IconDots size={22} stroke={1.7} />
              More
            </button>
          </Menu.Target>
          <Menu.Dropdown>
            {more.map((item) => (
              <Menu.Item key={item.to} leftSection={<item.icon size={18} />} onClick={() => navigate(item.to)} mih={44}>
                {item.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </nav>
      <ActionIcon
        className={classes.fab}
        variant="filled"
        color="sage"
        size={56}
        radius="xl"
        aria-label="Capture: log an interaction or add a person"
        onClick={capture.openSheet}
      >
        <IconPlus size={26} stroke={2} />
      </ActionIcon>
    </>
  );
}

export function PageFallback() {
  return (
    <Stack gap="lg" aria-busy="true" aria-label="Loading">
      <Skeleton height={34} width={220} />
      <Skeleton height={16} width="60%" />
      <Skeleton height={120} radius="lg" />
      <Skeleton height={120} radius="lg" />
    </Stack>
  );
}

export function Shell() {
  const phone = usePhone();
  // A person's page starts loading when the pointer rests on or presses a link or row to them.
  useEffect(() => installIntentPrefetch(), []);
  return (
    <div className={classes.shell}>
      <SkipLink />
      {!phone && (
        <div className={classes.sidebarColumn}>
          <Sidebar />
        </div>
      )}
      <div style={{ minWidth: 0 }}>
        {phone && <PhoneChrome />}
        <main className={classes.main} id="main">
          <div className={classes.content}>
            <Suspense fallback={<PageFallback />}>
              <Outlet />
            </Suspense>
          </div>
        </main>
      </div>
    </div>
  );
}

function SkipLink() {
  return (
    <Text
      component="a"
      href="#main"
      style={{
        position: 'absolute',
        left: -9999,
        top: 8,
        zIndex: 300,
        padding: '8px 14px',
        borderRadius: 8,
        background: 'var(--tend-surface)',
        border: '1px solid var(--tend-border)',
      }}
      onFocus={(e) => {
        e.currentTarget.style.left = '8px';
      }}
      onBlur={(e) => {
        e.currentTarget.style.left = '-9999px';
      }}
    >
      Skip to content
    </Text>
  );
}
