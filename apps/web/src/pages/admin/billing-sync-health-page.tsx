import { Badge, Button, Drawer, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { SYNC_RUN_STATUSES, useAdminSyncRuns, useSyncHealth, type AdminSyncRunFilters, type BillingSyncRun, type SyncHealth } from '../../api/billing-sync';
import { EmptyList } from '../../components/empty-list';
import { ErrorState } from '../../components/error-state';
import { ListTable } from '../../components/list-table';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { StatusFilter } from '../../components/status-filter';
import { SyncRunDetail } from '../billing/sync-run-detail';
import { SYNC_KIND_LABELS } from '../billing/sync-run-labels';
import { SyncRunTable } from '../billing/sync-run-table';
import { StatCard } from './stat-card';
import { TenantRef } from './tenant-ref';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fromParams(params: URLSearchParams): AdminSyncRunFilters {
  const tenantId = params.get('tenantId');
  const status = SYNC_RUN_STATUSES.find((s) => s === params.get('status')) ?? null;
  return { status, tenantId: tenantId && UUID.test(tenantId) ? tenantId : null };
}

export function BillingSyncHealthPage() {
  const health = useSyncHealth();
  // The staff alert email of a failed run links here with ?tenantId=; a status may come along too.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<AdminSyncRunFilters>(() => fromParams(params));
  const runs = useAdminSyncRuns(filters);
  const [open, setOpen] = useState<BillingSyncRun | null>(null);
  // The runs carry tenant ids; the health summary names every business with billing.
  const names = useMemo(() => new Map((health.data?.tenants ?? []).map((t) => [t.tenantId, t.tenantName])), [health.data]);
  const tenantName = (tenantId: string) => <TenantRef tenantId={tenantId} tenantName={names.get(tenantId) ?? null} />;
  const filtered = filters.status !== null || filters.tenantId !== null;

  return (
    <>
      <PageHeader title="Sync health" description="How every business's copy of its Stripe data keeps up: the last run of each, runs that failed, businesses not synced lately." />
      <Stack>
        {health.isPending && <LoadingState />}
        {health.isError && <ErrorState error={health.error} onRetry={() => health.refetch()} />}
        {health.isSuccess && <HealthSummary health={health.data} onShowFailed={() => setFilters({ ...filters, status: 'failed' })} onPickTenant={(tenantId) => setFilters({ ...filters, tenantId })} />}

        <Title order={2} size="h4">
          Runs
        </Title>
        <Group align="flex-end">
          <StatusFilter label="Filter sync runs by status" statuses={SYNC_RUN_STATUSES} value={filters.status} onChange={(status) => setFilters({ ...filters, status })} />
          <Select
            mb="md"
            w={280}
            label="Business"
            placeholder="All businesses"
            clearable
            searchable
            data={(health.data?.tenants ?? []).map((t) => ({ value: t.tenantId, label: t.tenantName }))}
            value={filters.tenantId}
            onChange={(tenantId) => setFilters({ ...filters, tenantId })}
          />
        </Group>
        <SyncRunTable
          query={runs}
          tenantName={tenantName}
          onOpen={setOpen}
          empty={<EmptyList title={filtered ? 'No sync run matches these filters' : 'No sync has run yet'} description="Runs appear here when a business syncs or imports, and after the nightly sync." />}
        />
      </Stack>
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="xl" title="Sync run">
        {open && <SyncRunDetail run={open} business={tenantName(open.tenantId)} />}
      </Drawer>
    </>
  );
}

function HealthSummary({ health, onShowFailed, onPickTenant }: { health: SyncHealth; onShowFailed: () => void; onPickTenant: (tenantId: string) => void }) {
  const stale = new Set(health.stale.map((t) => t.tenantId));
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <StatCard testId="sync-businesses" label="Businesses with billing" value={health.tenants.length} />
        <StatCard
          testId="sync-failed"
          label="Runs failed (24 h)"
          value={health.failedLast24h.length}
          alert={health.failedLast24h.length > 0}
          hint={
            health.failedLast24h.length > 0 && (
              <Button size="compact-xs" variant="subtle" onClick={onShowFailed}>
                Show failed runs
              </Button>
            )
          }
        />
        <StatCard testId="sync-stale" label="Not synced for 36 h" value={health.stale.length} alert={health.stale.length > 0} hint="Never synced, or no success for 36 hours" />
      </SimpleGrid>
      <Title order={2} size="h4">
        Businesses
      </Title>
      {health.tenants.length === 0 ? (
        <EmptyList title="No business uses billing yet" description="A business appears here once it connects Stripe or has Stripe data." />
      ) : (
        <ListTable columns={['Business', 'Last run', 'Status', 'Started', 'Last success', '']} minWidth={820}>
          {health.tenants.map((tenant) => (
            <Table.Tr key={tenant.tenantId} data-testid="sync-health-row">
              <Table.Td>
                <Group gap="xs">
                  <TenantRef tenantId={tenant.tenantId} tenantName={tenant.tenantName} />
                  {stale.has(tenant.tenantId) && (
                    <Badge color="orange" variant="light">
                      {tenant.lastSuccessAt ? 'Stale' : 'Never synced'}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{tenant.lastRun ? SYNC_KIND_LABELS[tenant.lastRun.kind] : '—'}</Table.Td>
              <Table.Td>{tenant.lastRun ? <StatusBadge status={tenant.lastRun.status} /> : <Text size="sm" c="dimmed">No run</Text>}</Table.Td>
              <Table.Td>
                <RelativeTime value={tenant.lastRun?.startedAt} />
              </Table.Td>
              <Table.Td>
                <RelativeTime value={tenant.lastSuccessAt} empty="Never" />
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" aria-label={`Runs of ${tenant.tenantName}`} onClick={() => onPickTenant(tenant.tenantId)}>
                  Runs
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </>
  );
}
