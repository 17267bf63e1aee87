import { Badge, Group, Progress, Stack, Table, Text } from '@mantine/core';
import type { BulkOperation } from '../../api/billing-bulk';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';

const STATUS_LABEL: Record<BulkOperation['status'], string> = { queued: 'Queued', running: 'Running', done: 'Done' };

/** A bulk operation's progress bar (`labels`: how to name each subscription) and its result per subscription (succeeded, failed with the reason, or waiting). */
export function BulkOperationProgress({ operation, error, labels }: { operation: BulkOperation | undefined; error: unknown; labels: ReadonlyMap<string, string> }) {
  if (!operation) return error ? <ProblemAlert error={error} /> : <LoadingState label="Queuing…" />;
  const percent = operation.total === 0 ? 100 : Math.round((operation.processed / operation.total) * 100);
  return (
    <Stack gap="sm" data-testid="bulk-progress">
      <Group justify="space-between">
        <Text size="sm" fw={600} data-testid="bulk-status">
          {STATUS_LABEL[operation.status]}: {operation.processed} of {operation.total}
        </Text>
        <Text size="sm" c="dimmed">
          {operation.succeeded} succeeded, {operation.failed} failed
        </Text>
      </Group>
      <Progress value={percent} color={operation.failed > 0 ? 'orange' : 'green'} animated={operation.status !== 'done'} aria-label="Progress" />
      <ProblemAlert error={error} />
      <Table.ScrollContainer minWidth={420} mah={320}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Subscription</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {operation.items.map((item) => (
              <Table.Tr key={item.subscriptionId} data-testid="bulk-result">
                <Table.Td>
                  <Text size="sm">{labels.get(item.subscriptionId) ?? item.subscriptionId}</Text>
                </Table.Td>
                <Table.Td>
                  {item.status === 'ok' && (
                    <Badge color="green" variant="light">
                      Succeeded
                    </Badge>
                  )}
                  {item.status === 'pending' && (
                    <Badge color="gray" variant="light">
                      Waiting
                    </Badge>
                  )}
                  {item.status === 'error' && (
                    <>
                      <Badge color="red" variant="light">
                        Failed
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {item.errorDetail ?? item.errorTitle}
                      </Text>
                    </>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
