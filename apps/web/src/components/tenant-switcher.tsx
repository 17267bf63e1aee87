import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useSwitchTenant } from '../api/auth';
import { asProblem } from '../api/problem';
import { useSession } from '../auth/use-session';

export function TenantSwitcher({ width = 220 }: { width?: number | string }) {
  const { memberships, activeTenant } = useSession();
  const switchTenant = useSwitchTenant();
  if (memberships.length === 0) return null;
  const data = memberships.map((membership) => ({
    value: membership.tenantId,
    label: !membership.active
      ? `${membership.tenantName} (deactivated)`
      : membership.tenantStatus === 'active'
        ? membership.tenantName
        : `${membership.tenantName} (${membership.tenantStatus})`,
    disabled: !membership.active,
  }));
  return (
    <Select
      aria-label="Tenant"
      data-testid="tenant-switcher"
      w={width}
      data={data}
      value={activeTenant?.id ?? null}
      placeholder="Choose a tenant"
      allowDeselect={false}
      disabled={switchTenant.isPending}
      onChange={(tenantId) => {
        if (!tenantId || tenantId === activeTenant?.id) return;
        switchTenant.mutate(tenantId, {
          onError: (error) =>
            notifications.show({ color: 'red', title: 'Could not switch tenant', message: asProblem(error)?.message ?? String(error) }),
        });
      }}
    />
  );
}
