import { Alert, Button, Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useConfirmSignup } from '../../api/auth';
import { AuthCard } from '../../components/auth-card';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';

export function ConfirmSignupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmSignup();
  const sent = useRef(false);

  useEffect(() => {
    // The token is single use: StrictMode's second effect run must not send it again.
    if (!token || sent.current) return;
    sent.current = true;
    confirm.mutate(token);
  }, [token, confirm]);

  return (
    <AuthCard title="Create your organization">
      <Stack>
        {!token && (
          <Alert color="red" title="This link is incomplete">
            Open the link from the email again.
          </Alert>
        )}
        {token && (confirm.isIdle || confirm.isPending || confirm.isSuccess) && <LoadingState label="Creating your account" />}
        {confirm.isError && <ProblemAlert error={confirm.error} />}
        {(confirm.isError || !token) && (
          <Button component={Link} to="/signup">
            Sign up again
          </Button>
        )}
      </Stack>
    </AuthCard>
  );
}
