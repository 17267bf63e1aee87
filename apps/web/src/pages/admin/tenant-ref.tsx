import { Text } from '@mantine/core';

/** The tenant a job was for, by id (platform jobs have none); `short` shows its first block only. */
export function TenantRef({ tenantId, short = false }: { tenantId: string | null; short?: boolean }) {
  if (!tenantId) return <Text size="sm" c="dimmed">Platform</Text>;
  return (
    <Text size="sm" ff="monospace" title={tenantId} span>
      {short ? tenantId.slice(0, 8) : tenantId}
    </Text>
  );
}
