import { Paper, Stack, Text, Title } from '@mantine/core';
import { TenantSwitcher } from '../components/tenant-switcher';
import { useSession } from '../auth/use-session';

export function SelectTenantPage() {
  const { memberships } = useSession();
  return (
    <Paper withBorder p="xl" maw={520}>
      <Stack>
        <Title order={1} size="h2">Choose an organization</Title>
        {memberships.length > 0 ? (
          <>
            <Text>Pick the organization you want to work in.</Text>
            <TenantSwitcher width={320} />
          </>
        ) : (
          <Text>You are not a member of any organization yet. Ask an owner to invite you.</Text>
        )}
      </Stack>
    </Paper>
  );
}
