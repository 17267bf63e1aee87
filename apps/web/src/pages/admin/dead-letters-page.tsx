import { Button, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { OPEN_DEAD_LETTERS, useDeadLetters, type DeadLetterFilters, type DeadLetterSummary } from '../../api/dead-letters';
import { useOpenQueueDashboard } from '../../api/queue-dashboard';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable, pagedRows } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { SelectAllHeader, SelectRowCell } from '../../components/selection-cells';
import { StatusBadge } from '../../components/status-badge';
import { useRowSelection } from '../../components/use-row-selection';
import { DeadLetterDrawer } from './dead-letter-drawer';
import { DeadLetterFiltersBar, tenantIdReady } from './dead-letter-filters';
import { ReplaySelected } from './replay-selected';
import { TenantRef } from './tenant-ref';
import { RelativeTime } from '../../components/relative-time';

export function DeadLettersPage() {
  const { can } = useSession();
  const canWrite = can('platform.jobs:write');
  const [filters, setFilters] = useState<DeadLetterFilters>(OPEN_DEAD_LETTERS);
  // Typing in a filter waits for a pause; a half-typed tenant id (flagged on its input) is not sent.
  const [typed] = useDebouncedValue(filters, 300);
  const applied = tenantIdReady(typed.tenantId) ? typed : { ...typed, tenantId: '' };
  const deadLetters = useDeadLetters(applied);
  const dashboard = useOpenQueueDashboard();
  const selection = useRowSelection();
  const [openId, setOpenId] = useState<string | null>(null);

  const rows = pagedRows(deadLetters);

  return (
    <>
      <PageHeader
        title="Dead letters"
        description="Jobs that failed every retry: replay them once the cause is fixed, or discard them with a reason."
        actions={
          <Button variant="light" loading={dashboard.isPending} onClick={dashboard.open}>
            Queue dashboard
          </Button>
        }
      />
      {dashboard.error !== null && <ProblemAlert error={dashboard.error} />}
      <DeadLetterFiltersBar
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          selection.clear();
        }}
      />
      {canWrite && <ReplaySelected selection={selection} rows={rows} />}

      <PagedTable
        query={deadLetters}
        minWidth={1000}
        empty={<EmptyList title={applied.status === 'open' ? 'No open dead letters' : 'No dead letter matches these filters'} description="Jobs land here after their last retry fails." />}
        head={
          <>
            {canWrite && <SelectAllHeader selection={selection} ids={rows.map((row) => row.id)} label="Select all dead letters" />}
            <Table.Th>Failed at</Table.Th>
            <Table.Th>Queue</Table.Th>
            <Table.Th>Job</Table.Th>
            <Table.Th>Tenant</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Error</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th aria-label="Details" />
          </>
        }
        row={(deadLetter: DeadLetterSummary) => (
          <Table.Tr key={deadLetter.id} data-testid="dead-letter-row" style={{ cursor: 'pointer' }} onClick={() => setOpenId(deadLetter.id)}>
            {canWrite && <SelectRowCell selection={selection} id={deadLetter.id} label={`Select ${deadLetter.jobName} ${deadLetter.id}`} />}
            <Table.Td><RelativeTime value={deadLetter.failedAt} /></Table.Td>
            <Table.Td>{deadLetter.queue}</Table.Td>
            <Table.Td ff="monospace" fz="sm">
              {deadLetter.jobName}
            </Table.Td>
            <Table.Td>
              <TenantRef tenantId={deadLetter.tenantId} tenantName={deadLetter.tenantName} />
            </Table.Td>
            <Table.Td>{deadLetter.attempts}</Table.Td>
            <Table.Td maw={320}>
              <Text size="sm" lineClamp={2} title={deadLetter.error}>
                {deadLetter.error}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={deadLetter.status} />
            </Table.Td>
            <Table.Td>
              {/* The row opens on a click; this is the way there for the keyboard and screen readers. */}
              <Button size="xs" variant="subtle" aria-label={`Details of ${deadLetter.jobName} ${deadLetter.id}`} onClick={() => setOpenId(deadLetter.id)}>
                Details
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <DeadLetterDrawer id={openId} canWrite={canWrite} onClose={() => setOpenId(null)} />
    </>
  );
}
