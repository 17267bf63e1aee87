import { Alert, Button, Group, Text } from '@mantine/core';
import { useResendVerification } from '../api/auth';
import { ProblemAlert } from './problem-alert';

export function EmailVerificationAlert() {
  const resend = useResendVerification();
  return (
    <Alert color="yellow" mb="md" title="Please verify your email address">
      <Group justify="space-between">
        <Text size="sm">
          {resend.isSuccess ? 'A new verification email is on its way.' : 'We sent you a link when you signed up.'}
        </Text>
        <Button size="xs" variant="light" loading={resend.isPending} disabled={resend.isSuccess} onClick={() => resend.mutate()}>
          Resend email
        </Button>
      </Group>
      {resend.isError && <ProblemAlert error={resend.error} />}
    </Alert>
  );
}
