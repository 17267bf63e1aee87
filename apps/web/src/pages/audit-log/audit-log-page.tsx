import { Badge, Button, Code, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { AuditLog } from '@app/api-client';
import { NO_AUDIT_FILTERS, useAuditLogs, useExportAuditLogs, type AuditLogFilters } from '../../api/audit-logs';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { AuditActor } from './audit-actor';
import { entityName } from './audit-entity';
import { AuditEntryDrawer } from './audit-entry-drawer';
import { AuditLogFiltersBar } from './audit-log-filters';
import { RelativeTime } from '../../components/relative-time';

export function AuditLogPage() {
  const [filters, setFilters] = useState<AuditLogFilters>(NO_AUDIT_FILTERS);
  // Typing in a filter waits for a pause before asking the server.
  const [applied] = useDebouncedValue(filters, 300);
  const entries = useAuditLogs(applied);
  const exportCsv = useExportAuditLogs();
  const [open, setOpen] = useState<AuditLog | null>(null);
  const filtered = Object.values(applied).some(Boolean);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this organization: who did it, when, and what it changed."
        actions={
          <Button variant="light" loading={exportCsv.isPending} onClick={() => exportCsv.mutate(applied)}>
            Export CSV
          </Button>
        }
      />
      <AuditLogFiltersBar filters={filters} onChange={setFilters} />
      {exportCsv.isError && <ProblemAlert error={exportCsv.error} />}
      <PagedTable
        query={entries}
        minWidth={900}
        empty={<EmptyList title={filtered ? 'No event matches these filters' : 'No events yet'} />}
        head={
          <>
            <Table.Th>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Entity</Table.Th>
            <Table.Th aria-label="Details" />
          </>
        }
        row={(entry) => (
          <Table.Tr key={entry.id} data-testid="audit-row" style={{ cursor: 'pointer' }} onClick={() => setOpen(entry)}>
            <Table.Td>
              <RelativeTime value={entry.createdAt} />
            </Table.Td>
            <Table.Td>
              <AuditActor entry={entry} />
            </Table.Td>
            <Table.Td>
              <Code>{entry.action}</Code>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" tt="none">
                {entry.entityType}
              </Badge>{' '}
              <Text span size="sm">
                {entityName(entry) ?? ''}
              </Text>
            </Table.Td>
            <Table.Td>
              <Button size="xs" variant="subtle" aria-label={`Details of ${entry.action}`} onClick={() => setOpen(entry)}>
                Details
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <AuditEntryDrawer entry={open} onClose={() => setOpen(null)} />
    </>
  );
}
