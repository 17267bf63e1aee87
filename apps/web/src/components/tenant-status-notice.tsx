import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { TenantBlock } from '../auth/tenant-block';
import { useLogout } from '../api/auth';
import { useSession } from '../auth/use-session';
import { TenantSwitcher } from './tenant-switcher';

const COPY: Record<TenantBlock['status'], { title: string; body: string }> = {
  pending: {
    title: 'Waiting for approval',
    body: 'Your organization was created and is waiting for a platform administrator to approve it. You will get an email when it is ready.',
  },
  suspended: {
    title: 'This organization is suspended',
    body: 'Access to this organization has been suspended. Contact support if you think this is a mistake.',
  },
  rejected: {
    title: 'This organization was not approved',
    body: 'A platform administrator rejected this organization.',
  },
};

/** Full-page notice shown instead of the app while the active tenant cannot be used. */
export function TenantStatusNotice({ block }: { block: TenantBlock }) {
  const { activeTenant, memberships } = useSession();
  const logout = useLogout();
  const copy = COPY[block.status];
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" radius="md" maw={520} data-testid={`tenant-${block.status}-notice`}>
        <Stack>
          <Title order={1} size="h2">{copy.title}</Title>
          {activeTenant && <Text fw={600}>{activeTenant.name}</Text>}
          <Text>{copy.body}</Text>
          {activeTenant?.statusReason && <Text data-testid="tenant-status-reason">Reason given: {activeTenant.statusReason}</Text>}
          {block.detail && <Text c="dimmed">{block.detail}</Text>}
          <Group justify="space-between" mt="md">
            {memberships.length > 1 ? <TenantSwitcher /> : <span />}
            <Button variant="default" onClick={() => logout.mutate()} loading={logout.isPending}>
              Log out
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
