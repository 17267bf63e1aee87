import { Button, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { tokenStore, useAuthSnapshot } from '../auth/token-store';
import { useSession } from '../auth/use-session';
import { useFormat } from './use-format';

export function ImpersonationBanner() {
  const { impersonation } = useAuthSnapshot();
  const { me, activeTenant } = useSession();
  const navigate = useNavigate();
  const format = useFormat();
  const impersonatedBy = me.data?.impersonatedBy ?? null;
  if (!impersonation && !impersonatedBy) return null;
  const email = me.data?.user.email ?? impersonation?.email;
  return (
    <Group
      role="status"
      data-testid="impersonation-banner"
      justify="center"
      gap="md"
      h={40}
      bg="var(--mantine-color-orange-filled)"
      c="white"
    >
      <Text size="sm" fw={600}>
        Impersonating {email}
        {activeTenant ? ` in ${activeTenant.name}` : ''}
        {impersonatedBy ? ` (as ${impersonatedBy.email})` : ''}
        {impersonation ? ` · ends at ${format.time(impersonation.expiresAt)}` : ''}
      </Text>
      <Button
        size="compact-sm"
        variant="white"
        color="orange"
        onClick={() => {
          navigate('/admin/tenants');
          tokenStore.stopImpersonation();
        }}
      >
        Exit impersonation
      </Button>
    </Group>
  );
}
