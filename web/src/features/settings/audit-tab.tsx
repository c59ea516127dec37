import { Group, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconKey,
  IconKeyOff,
  IconLock,
  IconLogin,
  IconLogout,
  IconMail,
  IconShieldCheck,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '../../../../src/contract/accounts.js';
import { LinesSkeleton, Section } from '../../components/section';
import { RelativeTime } from '../../components/relative-time';
import { api, keys } from '../../lib/api';
import { deviceName } from './sessions-tab';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function describeEvent(e: AuditEvent): { text: string; icon: typeof IconLogin; warn?: boolean } {
  const d = e.detail;
  switch (e.kind) {
    case 'login':
      return { text: 'Signed in', icon: IconLogin };
    case 'login_failed':
      return {
        text:
          d.reason === 'locked'
            ? 'Sign-in refused: account locked'
            : d.reason === 'password_change'
              ? 'Wrong current password when changing it'
              : 'Failed sign-in: wrong password',
        icon: IconAlertTriangle,
        warn: true,
      };
    case 'account_locked':
      return {
        text: `Account locked for ${str(String(d.minutes ?? ''))} minutes after repeated failures`,
        icon: IconLock,
        warn: true,
      };
    case 'logout':
      return { text: 'Signed out', icon: IconLogout };
    case 'session_revoked':
      return { text: 'Signed out a device', icon: IconLogout };
    case 'sessions_revoked_all':
      return { text: 'Signed out everywhere', icon: IconLogout };
    case 'password_changed':
      return { text: 'Changed the password', icon: IconShieldCheck };
    case 'password_reset':
      return { text: 'Password reset by the operator', icon: IconShieldCheck, warn: true };
    case 'token_created':
      return { text: `Created API token “${str(d.name)}” (${str(d.scope)})`, icon: IconKey };
    case 'token_revoked':
      return { text: `Revoked API token “${str(d.name)}”`, icon: IconKeyOff };
    case 'user_created':
      return { text: 'Account created', icon: IconShieldCheck };
    case 'invitation_created':
      return { text: `Created an invitation${d.email ? ` for ${str(d.email)}` : ''}`, icon: IconMail };
    case 'invitation_revoked':
      return { text: 'Withdrew an invitation', icon: IconMail };
    case 'invitation_accepted':
      return { text: 'Accepted an invitation', icon: IconMail };
    case 'workspace_created':
      return { text: `Created the team workspace “${str(d.name)}”`, icon: IconUsersGroup };
    case 'role_changed':
      return { text: `Role changed from ${str(d.from)} to ${str(d.to)}`, icon: IconUsersGroup };
    case 'member_removed':
      return { text: 'Removed from a team workspace', icon: IconUsersGroup };
    default:
      return { text: e.kind, icon: IconShieldCheck };
  }
}

export function AuditTab() {
  const events = useQuery({ queryKey: keys.audit, queryFn: () => api.listAuditEvents({ query: { limit: 100 } }) });
  return (
    <Section
      title="Security log"
      hint="Sign-ins, failed attempts, tokens and role changes on your account, newest first."
    >
      {events.isPending ? (
        <LinesSkeleton n={4} />
      ) : (
        <Stack gap={0} pb="sm" data-testid="audit-log">
          {events.data?.items.map((e) => {
            const { text, icon: Icon, warn } = describeEvent(e);
            return (
              <Group key={e.id} gap="md" wrap="nowrap" py={10} style={{ borderBottom: '1px solid var(--tend-border)' }}>
                <ThemeIcon variant="light" color={warn ? 'orange' : 'sage'} radius="xl" size={34}>
                  <Icon size={17} stroke={1.7} />
                </ThemeIcon>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm">{text}</Text>
                  <Text size="xs" c="dimmed" truncate>
                    <RelativeTime iso={e.createdAt} />
                    {e.ip ? ` · ${e.ip}` : ''}
                    {e.userAgent ? ` · ${deviceName(e.userAgent)}` : ''}
                  </Text>
                </div>
              </Group>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
