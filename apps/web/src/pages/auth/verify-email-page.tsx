import { Alert, Button, Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useVerifyEmail } from '../../api/auth';
import { AuthCard } from '../../components/auth-card';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useVerifyEmail();
  const sent = useRef(false);

  useEffect(() => {
    // The token is single use: StrictMode's second effect run must not send it again.
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  return (
    <AuthCard title="Email verification">
      <Stack>
        {!token && (
          <Alert color="red" title="This link is incomplete">
            Open the link from the email again.
          </Alert>
        )}
        {token && (verify.isIdle || verify.isPending) && <LoadingState label="Verifying" />}
        {verify.isSuccess && (
          <Alert color="green" title="Email verified">
            Thank you, your email address is confirmed.
          </Alert>
        )}
        {verify.isError && <ProblemAlert error={verify.error} />}
        {(verify.isSuccess || verify.isError || !token) && (
          <Button component={Link} to="/">
            Continue
          </Button>
        )}
      </Stack>
    </AuthCard>
  );
}
