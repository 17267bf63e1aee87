import { Alert, Badge, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { BillingSyncRun } from '../../api/billing-sync';
import { FactGrid } from '../../components/fact-grid';
import { ListTable } from '../../components/list-table';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { objectsAdded, progressByKind, SYNC_KIND_LABELS, SYNC_TRIGGER_LABELS } from './sync-run-labels';

const kindName = (kind: string) => (kind === 'events' ? 'events (backfill)' : kind.replace(/_/g, ' '));

/** One run: what it was, its totals, its progress per kind (live while it runs) and its errors. */
export function SyncRunDetail({ run, business }: { run: BillingSyncRun; business?: ReactNode }) {
  const format = useFormat();
  const seconds = ((run.finishedAt ? new Date(run.finishedAt).getTime() : Date.now()) - new Date(run.startedAt).getTime()) / 1000;
  const facts: [string, ReactNode][] = [
    ...(business ? ([['Business', business]] as [string, ReactNode][]) : []),
    ['Status', <StatusBadge status={run.status} />],
    ['Kind', `${SYNC_KIND_LABELS[run.kind]} (${SYNC_TRIGGER_LABELS[run.trigger].toLowerCase()})`],
    ['Listed', run.since ? `What Stripe created since ${format.dateTime(run.since)}` : 'Everything Stripe holds'],
    ['Started', format.dateTime(run.startedAt)],
    ['Finished', run.finishedAt ? format.dateTime(run.finishedAt) : 'Still running'],
    [run.finishedAt ? 'Took' : 'Running for', format.duration(seconds)],
    ['Objects checked', run.objectsChecked],
    ['Added', objectsAdded(run)],
    ['Drift found / fixed', `${run.driftFound} / ${run.driftFixed}`],
    ['Events backfilled', run.eventsBackfilled],
  ];
  const kinds = progressByKind(run);
  return (
    <Stack data-testid="sync-run-detail">
      <FactGrid facts={facts} cols={3} />
      <Title order={3} size="h5">
        Progress
      </Title>
      {kinds.length === 0 ? (
        <Text size="sm" c="dimmed">
          {run.status === 'running' ? 'Waiting for the worker to start.' : 'Nothing was listed.'}
        </Text>
      ) : (
        <ListTable columns={['Kind', 'State', 'Checked', 'Added', 'Drift found', 'Drift fixed', 'Marked deleted']} minWidth={640}>
          {kinds.map(([kind, p]) => (
            <Table.Tr key={kind} data-testid="sync-kind-row">
              <Table.Td>{kindName(kind)}</Table.Td>
              <Table.Td>
                {p.done ? (
                  <Badge color="green" variant="light">Done</Badge>
                ) : run.status === 'running' ? (
                  <Loader size="xs" aria-label={`Listing ${kindName(kind)}`} />
                ) : (
                  <Badge color="gray" variant="light">Not finished</Badge>
                )}
              </Table.Td>
              <Table.Td>{p.checked}</Table.Td>
              <Table.Td>{p.imported}</Table.Td>
              <Table.Td>{p.driftFound}</Table.Td>
              <Table.Td>{p.driftFixed}</Table.Td>
              <Table.Td>{p.markedDeleted}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Title order={3} size="h5">
        Errors
      </Title>
      {run.errors.length === 0 ? (
        <Text size="sm" c="dimmed">
          No errors.
        </Text>
      ) : (
        <Alert color="red" title={`${run.errors.length} error${run.errors.length === 1 ? '' : 's'}`} data-testid="sync-run-errors">
          <List size="sm">
            {run.errors.map((error, index) => (
              <List.Item key={`${error.at}-${index}`}>
                <Text size="sm" span fw={600}>
                  {format.dateTime(error.at)}:
                </Text>{' '}
                <Text size="sm" span style={{ wordBreak: 'break-word' }}>
                  {error.message}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
