import { Button, Group } from '@mantine/core';
import type { AdminTenant } from '@app/api-client';

export type AdminTenantAction = 'approve' | 'reject' | 'suspend' | 'activate' | 'impersonate';

interface Props {
  tenant: AdminTenant;
  canWrite: boolean;
  canImpersonate: boolean;
  onAction: (action: AdminTenantAction) => void;
}

export function AdminTenantActions({ tenant, canWrite, canImpersonate, onAction }: Props) {
  const { status } = tenant;
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {canWrite && status === 'pending' && (
        <>
          <Button size="xs" color="green" onClick={() => onAction('approve')}>
            Approve
          </Button>
          <Button size="xs" variant="light" color="red" onClick={() => onAction('reject')}>
            Reject
          </Button>
        </>
      )}
      {canWrite && status === 'active' && (
        <Button size="xs" variant="light" color="orange" onClick={() => onAction('suspend')}>
          Suspend
        </Button>
      )}
      {canWrite && status === 'suspended' && (
        <Button size="xs" variant="light" color="green" onClick={() => onAction('activate')}>
          Activate
        </Button>
      )}
      {canImpersonate && (status === 'active' || status === 'suspended') && (
        <Button size="xs" variant="light" onClick={() => onAction('impersonate')}>
          Impersonate
        </Button>
      )}
    </Group>
  );
}
