import { Alert, Button, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { useConfirmSignup } from '../../api/auth';
import { useSingleUseToken } from '../../auth/use-single-use-token';
import { AuthCard } from '../../components/auth-card';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';

export function ConfirmSignupPage() {
  const confirm = useConfirmSignup();
  const token = useSingleUseToken(confirm.mutate);

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
