import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { errorToForm, type FormProblem } from '../../lib/problem';
import { PASSWORD_HINT } from './auth-layout';

export interface AuthValues {
  email: string;
  password: string;
  displayName: string;
}

/** Email (+ name) and password, with server errors shown under the right field. */
export function AuthForm({
  submitLabel,
  withName,
  newPassword,
  fixedEmail,
  onSubmit,
}: {
  submitLabel: string;
  withName?: boolean;
  newPassword?: boolean;
  fixedEmail?: string | null;
  onSubmit: (v: AuthValues) => Promise<unknown>;
}) {
  const form = useForm<AuthValues>({
    initialValues: { email: fixedEmail ?? '', password: '', displayName: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your email address'),
      password: (v) => (v ? null : 'Enter a password'),
    },
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(values);
    } catch (err) {
      const p = errorToForm(err, (path) =>
        path === 'email' ? 'email' : path === 'password' ? 'password' : path === 'displayName' ? 'displayName' : null,
      );
      form.setErrors(p.fields);
      setProblem(p);
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {problem?.general && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={problem.general.title}>
            {problem.general.detail}
          </Alert>
        )}
        {withName && (
          <TextInput
            label="Your name"
            placeholder="Ana Ruiz"
            autoComplete="name"
            {...form.getInputProps('displayName')}
          />
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete={newPassword ? 'username' : 'email'}
          required
          disabled={!!fixedEmail}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          required
          autoComplete={newPassword ? 'new-password' : 'current-password'}
          description={newPassword ? PASSWORD_HINT : undefined}
          {...form.getInputProps('password')}
        />
        <Button type="submit" size="md" loading={busy} fullWidth mt="xs">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
