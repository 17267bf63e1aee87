import { Stack, Text } from '@mantine/core';
import type { WebhookEndpoint } from '../../api/webhooks';
import { StatusBadge } from '../../components/status-badge';

/** Enabled or disabled, with the reason an endpoint was turned off. */
export function WebhookEndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  return (
    <Stack gap={2} align="flex-start">
      <StatusBadge status={endpoint.enabled ? 'enabled' : 'disabled'} />
      {!endpoint.enabled && endpoint.disabledReason && (
        <Text size="xs" c="dimmed" data-testid="disabled-reason">
          {endpoint.disabledReason}
        </Text>
      )}
    </Stack>
  );
}
