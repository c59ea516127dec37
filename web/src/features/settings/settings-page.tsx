import { Tabs } from '@mantine/core';
import {
  IconDevices,
  IconHeartHandshake,
  IconHistory,
  IconKey,
  IconRefresh,
  IconUserCircle,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AccountTab } from './account-tab';
import { AuditTab } from './audit-tab';
import { KeepInTouchTab } from './keep-in-touch-tab';
import { SessionsTab } from './sessions-tab';
import { SyncTab } from './sync-tab';
import { TokensTab } from './tokens-tab';
import { WorkspacesTab } from './workspaces-tab';

const TABS = [
  { value: 'account', label: 'Account', icon: IconUserCircle, panel: AccountTab },
  { value: 'keep-in-touch', label: 'Keep in touch', icon: IconHeartHandshake, panel: KeepInTouchTab },
  { value: 'sync', label: 'Sync', icon: IconRefresh, panel: SyncTab },
  { value: 'sessions', label: 'Sessions', icon: IconDevices, panel: SessionsTab },
  { value: 'tokens', label: 'API tokens', icon: IconKey, panel: TokensTab },
  { value: 'security', label: 'Security log', icon: IconHistory, panel: AuditTab },
  { value: 'workspaces', label: 'Workspaces', icon: IconUsersGroup, panel: WorkspacesTab },
] as const;

export default function SettingsPage() {
  const { tab = 'account' } = useParams();
  const navigate = useNavigate();
  const current = TABS.find((t) => t.value === tab);
  useDocumentTitle(current ? `${current.label} · Settings` : 'Settings');
  if (!current) return <Navigate to="/settings/account" replace />;
  const Panel = current.panel;
  return (
    <div style={{ maxWidth: 880 }}>
      <PageHeader
        title="Settings"
        subtitle="Your account, how Tend keeps you in touch, where its reminders reach you, where you are signed in, and who can reach your data."
      />
      <Tabs value={current.value} onChange={(v) => v && navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List mb="lg">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={16} stroke={1.7} />}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Panel />
      </Tabs>
    </div>
  );
}
