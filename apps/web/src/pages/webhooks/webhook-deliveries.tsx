import { Button, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useWebhookDeliveries, type WebhookDeliveryStatus } from '../../api/webhooks';
import { EmptyList } from '../../components/empty-list';
import { ListTable } from '../../components/list-table';
import { PagedList } from '../../components/paged-list';
import { StatusBadge } from '../../components/status-badge';
import { StatusFilter } from '../../components/status-filter';
import { WebhookDeliveryDrawer } from './webhook-delivery-drawer';
import { RelativeTime } from '../../components/relative-time';

const STATUSES: WebhookDeliveryStatus[] = ['pending', 'succeeded', 'failed', 'dead'];

export function WebhookDeliveries({ endpointId, canReplay }: { endpointId: string; canReplay: boolean }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const deliveries = useWebhookDeliveries(endpointId, { status });

  return (
    <>
      <Group justify="space-between" mt="xl" mb="md">
        <Title order={2} size="h3">Deliveries</Title>
        <StatusFilter label="Filter deliveries by status" statuses={STATUSES} value={status} onChange={setStatus} />
      </Group>
      <PagedList query={deliveries} empty={<EmptyList title={status === null ? 'No deliveries yet' : `No ${status} deliveries`} description={'Send a test event to see one.'} />}>
        {(rows) => (
          <ListTable columns={['Event', 'Status', 'Response', 'Duration', 'Attempts', 'Created', '']}>
            {rows.map((delivery) => (
              <Table.Tr key={delivery.id} data-testid="webhook-delivery-row">
                <Table.Td ff="monospace">{delivery.eventType}</Table.Td>
                <Table.Td>
                  <StatusBadge status={delivery.status} />
                </Table.Td>
                <Table.Td>
                  {delivery.responseStatus ?? '—'}
                  {delivery.error && (
                    <Text size="xs" c="dimmed" lineClamp={1} maw={220}>
                      {delivery.error}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`}</Table.Td>
                <Table.Td>{delivery.attemptCount}</Table.Td>
                <Table.Td>
                  <RelativeTime value={delivery.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => setOpenId(delivery.id)}>
                    Details
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </PagedList>
      <WebhookDeliveryDrawer deliveryId={openId} canReplay={canReplay} onClose={() => setOpenId(null)} onReplayed={setOpenId} />
    </>
  );
}
