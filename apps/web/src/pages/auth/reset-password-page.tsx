import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useResetPassword } from '../../api/auth';
import { fieldErrors } from '../../api/problem';
import { AuthCard } from '../../components/auth-card';
import { ProblemAlert } from '../../components/problem-alert';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const reset = useResetPassword();
  const mismatch = confirm.length > 0 && confirm !== password;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    reset.mutate({ token, password });
  };

  if (!token) {
    return (
      <AuthCard title="Reset your password">
        <Alert color="red" title="This link is incomplete">
          Open the link from the email again, or{' '}
          <Anchor component={Link} to="/forgot-password">
            ask for a new one
          </Anchor>
          .
        </Alert>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      {reset.isSuccess ? (
        <Stack>
          <Alert color="green" title="Password changed">
            You can now log in with your new password.
          </Alert>
          <Button component={Link} to="/login">
            Log in
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <PasswordInput label="New password" autoComplete="new-password" required value={password} error={fieldErrors(reset.error).password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <PasswordInput label="Repeat new password" autoComplete="new-password" required value={confirm} error={mismatch ? 'Passwords do not match' : undefined} onChange={(e) => setConfirm(e.currentTarget.value)} />
            <ProblemAlert error={reset.error} hideFields={['password']} />
            <Button type="submit" loading={reset.isPending} disabled={mismatch} fullWidth>
              Change password
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
