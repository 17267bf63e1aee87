import { Text } from '@mantine/core';

/** The tenant a job was for, by name with its id on hover (platform jobs have none). */
export function TenantRef({ tenantId, tenantName }: { tenantId: string | null; tenantName: string | null }) {
  if (!tenantId) return <Text size="sm" c="dimmed">Platform</Text>;
  return (
    <Text size="sm" title={tenantId} span>
      {tenantName ?? tenantId}
    </Text>
  );
}
