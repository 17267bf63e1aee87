import { Button, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { BillingSyncRun } from '../../api/billing-sync';
import { PagedTable, type PagedQuery } from '../../components/paged-table';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { objectsAdded, SYNC_KIND_LABELS, SYNC_TRIGGER_LABELS } from './sync-run-labels';

interface SyncRunTableProps {
  query: PagedQuery<BillingSyncRun>;
  empty: ReactNode;
  onOpen: (run: BillingSyncRun) => void;
  /** Staff's list across businesses: a column naming each run's business. */
  tenantName?: (tenantId: string) => ReactNode;
}

/** Sync runs, newest first: what ran, how it ended, what it counted; a run's errors and progress open in its details. */
export function SyncRunTable({ query, empty, onOpen, tenantName }: SyncRunTableProps) {
  const format = useFormat();
  return (
    <PagedTable
      query={query}
      minWidth={tenantName ? 1100 : 960}
      empty={empty}
      head={
        <>
          {tenantName && <Table.Th>Business</Table.Th>}
          <Table.Th>Kind</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Started</Table.Th>
          <Table.Th>Finished</Table.Th>
          <Table.Th>Objects checked</Table.Th>
          <Table.Th>Added</Table.Th>
          <Table.Th>Drift found / fixed</Table.Th>
          <Table.Th>Errors</Table.Th>
          <Table.Th aria-label="Details" />
        </>
      }
      row={(run) => (
        <Table.Tr key={run.id} data-testid="sync-run-row" style={{ cursor: 'pointer' }} onClick={() => onOpen(run)}>
          {tenantName && <Table.Td>{tenantName(run.tenantId)}</Table.Td>}
          <Table.Td>
            <Text size="sm">{SYNC_KIND_LABELS[run.kind]}</Text>
            <Text size="xs" c="dimmed">
              {SYNC_TRIGGER_LABELS[run.trigger]}
            </Text>
          </Table.Td>
          <Table.Td>
            <StatusBadge status={run.status} />
          </Table.Td>
          <Table.Td>
            <RelativeTime value={run.startedAt} />
          </Table.Td>
          <Table.Td>
            <RelativeTime value={run.finishedAt} empty={run.status === 'running' ? 'Running…' : '—'} />
          </Table.Td>
          <Table.Td data-testid="sync-run-checked">{run.objectsChecked}</Table.Td>
          <Table.Td data-testid="sync-run-added">{objectsAdded(run)}</Table.Td>
          <Table.Td>
            {run.driftFound} / {run.driftFixed}
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={run.errors.length > 0 ? 'red' : undefined} span>
              {run.errors.length}
            </Text>
          </Table.Td>
          <Table.Td>
            {/* The row opens on a click; this is the way there for the keyboard and screen readers. */}
            <Button size="xs" variant="subtle" aria-label={`Details of the ${SYNC_KIND_LABELS[run.kind].toLowerCase()} started ${format.dateTime(run.startedAt)}`} onClick={(e) => { e.stopPropagation(); onOpen(run); }}>
              Details
            </Button>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
