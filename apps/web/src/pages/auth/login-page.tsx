import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin } from '../../api/auth';
import { asProblem } from '../../api/problem';
import { AuthCard } from '../../components/auth-card';
import { ProblemAlert } from '../../components/problem-alert';
import { useAuthSnapshot } from '../../auth/token-store';
import { safeNext } from './safe-next';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { tokens } = useAuthSnapshot();
  const next = safeNext(params.get('next'));

  if (tokens && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email, password, ...(needsTotp ? { totpCode } : {}) },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: (error) => {
          if (asProblem(error)?.slug === 'totp-required') setNeedsTotp(true);
        },
      },
    );
  };

  const error = login.error && asProblem(login.error)?.slug !== 'totp-required' ? login.error : null;

  return (
    <AuthCard
      title={needsTotp ? 'Two-factor code' : 'Log in'}
      subtitle={needsTotp ? 'Enter the 6-digit code from your authenticator app.' : undefined}
      footer={
        <>
          No account yet?{' '}
          <Anchor component={Link} to="/signup">
            Sign up
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {!needsTotp && (
            <>
              <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
              <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            </>
          )}
          {needsTotp && (
            <TextInput
              label="Authentication code"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={8}
              required
              autoFocus
              value={totpCode}
              onChange={(e) => setTotpCode(e.currentTarget.value.trim())}
            />
          )}
          <ProblemAlert error={error} />
          <Button type="submit" loading={login.isPending} fullWidth>
            {needsTotp ? 'Verify' : 'Log in'}
          </Button>
          {needsTotp ? (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setNeedsTotp(false);
                setTotpCode('');
                login.reset();
              }}
            >
              Use another account
            </Anchor>
          ) : (
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/forgot-password">
                Forgot your password?
              </Anchor>
            </Text>
          )}
        </Stack>
      </form>
    </AuthCard>
  );
}
