import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Section } from '../../components/section';
import { RelativeTime } from '../../components/relative-time';
import { api } from '../../lib/api';
import { errorToForm, type FormProblem } from '../../lib/problem';
import { PASSWORD_HINT } from '../auth/auth-layout';
import { useMe } from '../auth/use-auth';

export function AccountTab() {
  const me = useMe();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v) => (v.length >= 10 ? null : 'Use at least 10 characters'),
      confirm: (v, all) => (v === all.newPassword ? null : 'The two new passwords differ'),
    },
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me) return null;

  return (
    <Stack gap="lg">
      <Section title="You">
        <Stack gap={4} pb="sm">
          <Text fw={600}>{me.displayName}</Text>
          <Text size="sm" c="dimmed">
            {me.email}
            {me.isOwner ? ' · owner of this server' : ''}
          </Text>
          <Text size="sm" c="dimmed">
            Member since <RelativeTime iso={me.createdAt} /> · password changed{' '}
            <RelativeTime iso={me.passwordChangedAt} />
          </Text>
        </Stack>
      </Section>
      <Section
        title="Change password"
        hint="Your other sessions are signed out; this one stays. API tokens keep working."
      >
        <form
          noValidate
          onSubmit={form.onSubmit(async (v) => {
            setBusy(true);
            setProblem(null);
            try {
              await api.changePassword({ body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
              form.reset();
              notifications.show({ message: 'Password changed. Your other sessions were signed out.' });
            } catch (err) {
              const p = errorToForm(err, (path) =>
                path === 'newPassword' ? 'newPassword' : path === 'currentPassword' ? 'currentPassword' : null,
              );
              if (p.code === 'wrong_password')
                form.setFieldError('currentPassword', 'That is not your current password');
              else {
                form.setErrors(p.fields);
                setProblem(p);
              }
            } finally {
              setBusy(false);
            }
          })}
        >
          <Stack gap="sm" maw={420} pb="md">
            {problem?.general && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={problem.general.title}>
                {problem.general.detail}
              </Alert>
            )}
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              description={PASSWORD_HINT}
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput label="New password, again" autoComplete="new-password" {...form.getInputProps('confirm')} />
            <Group>
              <Button type="submit" loading={busy}>
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Section>
    </Stack>
  );
}
