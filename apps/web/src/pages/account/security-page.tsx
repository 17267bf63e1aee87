import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useResendVerification } from '../../api/auth';
import { useSession } from '../../auth/use-session';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { TotpCard } from './totp-card';

export function SecurityPage() {
  const { user } = useSession();
  const resend = useResendVerification();
  if (!user) return null;
  return (
    <>
      <PageHeader title="Account security" />
      <Stack maw={720}>
        <Paper withBorder p="lg">
          <Stack gap="xs">
            <Title order={2} size="h4">Email</Title>
            <Group>
              <Text>{user.email}</Text>
              <Badge color={user.emailVerified ? 'green' : 'yellow'} variant="light">
                {user.emailVerified ? 'Verified' : 'Not verified'}
              </Badge>
            </Group>
            {!user.emailVerified && (
              <Group>
                <Button size="xs" variant="light" loading={resend.isPending} disabled={resend.isSuccess} onClick={() => resend.mutate()}>
                  {resend.isSuccess ? 'Verification email sent' : 'Resend verification email'}
                </Button>
              </Group>
            )}
            <ProblemAlert error={resend.error} />
          </Stack>
        </Paper>
        <TotpCard enabled={user.totpEnabled} />
        <Paper withBorder p="lg">
          <Group justify="space-between">
            <div>
              <Title order={2} size="h4">Sessions</Title>
              <Text size="sm" c="dimmed">See where you are signed in and sign out other devices.</Text>
            </div>
            <Button variant="light" component={Link} to="/account/sessions">
              Manage sessions
            </Button>
          </Group>
        </Paper>
      </Stack>
    </>
  );
}
