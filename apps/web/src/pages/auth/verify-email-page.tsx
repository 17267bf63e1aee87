import { Alert, Button, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { useVerifyEmail } from '../../api/auth';
import { useSingleUseToken } from '../../auth/use-single-use-token';
import { AuthCard } from '../../components/auth-card';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';

export function VerifyEmailPage() {
  const verify = useVerifyEmail();
  const token = useSingleUseToken(verify.mutate);

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
