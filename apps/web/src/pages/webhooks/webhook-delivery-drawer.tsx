import { Accordion, Alert, Button, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useReplayWebhookDelivery, useWebhookDelivery, type WebhookDeliveryDetail } from '../../api/webhooks';
import { CodeBlock } from '../../components/code-block';
import { FactGrid } from '../../components/fact-grid';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryView } from '../../components/query-view';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';

interface WebhookDeliveryDrawerProps {
  deliveryId: string | null;
  canReplay: boolean;
  onClose: () => void;
  /** A replay is a new delivery of the same event; the drawer moves to it. */
  onReplayed: (deliveryId: string) => void;
}

export function WebhookDeliveryDrawer({ deliveryId, canReplay, onClose, onReplayed }: WebhookDeliveryDrawerProps) {
  const delivery = useWebhookDelivery(deliveryId);
  const replay = useReplayWebhookDelivery();
  return (
    <Drawer opened={deliveryId !== null} onClose={onClose} position="right" size="xl" title="Delivery">
      <QueryView query={delivery}>
        {(detail) => (
          <Stack data-testid="delivery-detail">
            <DeliverySummary delivery={detail} />
            {canReplay && (
              <Group>
                <Button
                  variant="light"
                  loading={replay.isPending}
                  onClick={() =>
                    replay.mutate(detail.id, {
                      onSuccess: (queued) => {
                        notifications.show({ color: 'green', message: 'Delivery queued again.' });
                        onReplayed(queued.id);
                      },
                    })
                  }
                >
                  Replay
                </Button>
              </Group>
            )}
            <ProblemAlert error={replay.error} />
            <Title order={3} size="h5">Request body</Title>
            <CodeBlock value={detail.requestBody} testId="delivery-request-body" />
            <Title order={3} size="h5">Last response body</Title>
            <CodeBlock value={detail.responseBody} testId="delivery-response-body" />
            <Title order={3} size="h5">Attempts ({detail.attempts.length})</Title>
            <DeliveryAttempts attempts={detail.attempts} />
          </Stack>
        )}
      </QueryView>
    </Drawer>
  );
}

function DeliverySummary({ delivery }: { delivery: WebhookDeliveryDetail }) {
  const format = useFormat();
  const facts: [string, ReactNode][] = [
    ['Status', <StatusBadge status={delivery.status} />],
    ['Event', delivery.eventType],
    ['Response status', <span data-testid="delivery-response-status">{delivery.responseStatus ?? '—'}</span>],
    ['Duration', delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`],
    ['Attempts', delivery.attemptCount],
    ['Next attempt', format.dateTime(delivery.nextAttemptAt)],
    ['Event id', <Text ff="monospace" size="xs">{delivery.eventId}</Text>],
    ['Created', format.dateTime(delivery.createdAt)],
  ];
  return (
    <>
      <FactGrid facts={facts} />
      {delivery.error && (
        <Alert color="red" title="Last attempt failed">
          {delivery.error}
        </Alert>
      )}
    </>
  );
}

function DeliveryAttempts({ attempts }: { attempts: WebhookDeliveryDetail['attempts'] }) {
  const format = useFormat();
  if (attempts.length === 0) return <Text c="dimmed">No attempt yet.</Text>;
  return (
    <Accordion variant="separated" defaultValue={String(attempts.at(-1)!.attempt)}>
      {attempts.map((attempt) => (
        <Accordion.Item key={attempt.attempt} value={String(attempt.attempt)}>
          <Accordion.Control>
            Attempt {attempt.attempt} · {attempt.responseStatus ?? 'no response'} · {attempt.durationMs} ms · {format.dateTime(attempt.createdAt)}
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              {attempt.error && (
                <Text size="sm" c="red">
                  {attempt.error}
                </Text>
              )}
              <Text size="xs" fw={600}>
                Request headers
              </Text>
              <Table fz="xs" withRowBorders={false}>
                <Table.Tbody>
                  {Object.entries(attempt.requestHeaders).map(([name, value]) => (
                    <Table.Tr key={name}>
                      <Table.Td ff="monospace" w={200}>{name}</Table.Td>
                      <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="xs" fw={600}>
                Response body
              </Text>
              <CodeBlock value={attempt.responseBody} maxHeight={160} />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
