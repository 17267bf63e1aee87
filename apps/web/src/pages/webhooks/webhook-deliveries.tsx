import { Button, Group, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useWebhookDeliveries, type WebhookDeliveryStatus } from '../../api/webhooks';
import { formatDateTime } from '../../components/format-date';
import { PagedList } from '../../components/paged-list';
import { StatusBadge } from '../../components/status-badge';
import { WebhookDeliveryDrawer } from './webhook-delivery-drawer';

type StatusFilter = 'all' | WebhookDeliveryStatus;
const STATUSES: StatusFilter[] = ['all', 'pending', 'succeeded', 'failed', 'dead'];

export function WebhookDeliveries({ endpointId, canReplay }: { endpointId: string; canReplay: boolean }) {
  const [status, setStatus] = useState<StatusFilter>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const deliveries = useWebhookDeliveries(endpointId, { status: status === 'all' ? null : status });

  return (
    <>
      <Group justify="space-between" mt="xl" mb="md">
        <Title order={3}>Deliveries</Title>
        <SegmentedControl
          aria-label="Filter deliveries by status"
          value={status}
          onChange={(value) => setStatus(value as StatusFilter)}
          data={STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))}
        />
      </Group>
      <PagedList query={deliveries} empty={{ title: status === 'all' ? 'No deliveries yet' : `No ${status} deliveries`, description: 'Send a test event to see one.' }}>
        {(rows) => (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Response</Table.Th>
                  <Table.Th>Duration</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
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
                    <Table.Td>{formatDateTime(delivery.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setOpenId(delivery.id)}>
                        Details
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedList>
      <WebhookDeliveryDrawer deliveryId={openId} canReplay={canReplay} onClose={() => setOpenId(null)} onReplayed={setOpenId} />
    </>
  );
}
