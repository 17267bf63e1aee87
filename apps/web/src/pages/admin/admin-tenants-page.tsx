import { Button, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AdminTenant, AdminTenantBulkResult, TenantPlan } from '@app/api-client';
import {
  useAdminTenants,
  useBulkTenantAction,
  useImpersonate,
  useTenantTransition,
  type AdminTenantFilters,
} from '../../api/admin-tenants';
import { useSession } from '../../auth/use-session';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable, pagedRows } from '../../components/paged-table';
import { SelectionBar } from '../../components/selection-bar';
import { SelectAllHeader, SelectRowCell } from '../../components/selection-cells';
import { StatusBadge } from '../../components/status-badge';
import { useRowSelection } from '../../components/use-row-selection';
import { AdminTenantActions, type AdminTenantAction } from './admin-tenant-actions';
import { AdminTenantFiltersBar } from './admin-tenant-filters';
import { ChangePlanModal } from './change-plan-modal';
import { TenantReasonModal } from './tenant-reason-modal';
import { useFormat } from '../../components/use-format';

type RowAction = { action: AdminTenantAction; tenant: AdminTenant };
type BulkAction = 'suspend' | 'activate' | 'change_plan';

type ConfirmedAction = Exclude<AdminTenantAction, 'reject' | 'suspend'>;

const CONFIRM_COPY: Record<ConfirmedAction, { title: string; label: string; danger: boolean; message: (t: AdminTenant) => string }> = {
  approve: { title: 'Approve tenant', label: 'Approve', danger: false, message: (t) => `Approve ${t.name}? Its owner can start using the back office.` },
  activate: { title: 'Activate tenant', label: 'Activate', danger: false, message: (t) => `Activate ${t.name} again?` },
  impersonate: {
    title: 'Impersonate',
    label: 'Impersonate',
    danger: false,
    message: (t) => `Sign in to ${t.name} as its owner${t.ownerEmail ? ` (${t.ownerEmail})` : ''} for one hour? This is recorded in the audit log.`,
  },
};

function summarize(result: AdminTenantBulkResult) {
  const failed = result.results.filter((r) => !r.ok);
  const ok = result.results.length - failed.length;
  if (failed.length === 0) notifications.show({ color: 'green', message: `${ok} tenant(s) updated.` });
  else
    notifications.show({
      color: 'orange',
      title: `${ok} updated, ${failed.length} failed`,
      message: failed.map((r) => r.error ?? r.id).join('; '),
    });
}

export function AdminTenantsPage() {
  const format = useFormat();
  const { can } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [filters, setFilters] = useState<AdminTenantFilters>({ q: '', status: null, plan: null, createdFrom: null, createdTo: null });
  const tenants = useAdminTenants({ ...filters, q });
  const transition = useTenantTransition();
  const impersonate = useImpersonate();
  const bulk = useBulkTenantAction();
  const selection = useRowSelection();
  const { selected } = selection;
  const [rowAction, setRowAction] = useState<RowAction | null>(null);
  const [bulkAction, setBulkAction] = useState<BulkAction | null>(null);

  const canWrite = can('platform.tenants:write');
  const canImpersonate = can('platform.tenants:impersonate');
  const rows = pagedRows(tenants);

  const closeRow = () => {
    setRowAction(null);
    transition.reset();
    impersonate.reset();
  };
  const closeBulk = () => {
    setBulkAction(null);
    bulk.reset();
  };

  const confirmRow = () => {
    if (!rowAction) return;
    const { action, tenant } = rowAction;
    if (action === 'impersonate') {
      impersonate.mutate(tenant.id);
    } else if (action === 'approve' || action === 'activate') {
      transition.mutate(
        { id: tenant.id, action },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: `${tenant.name}: ${CONFIRM_COPY[action].label.toLowerCase()}d.` });
            closeRow();
          },
        },
      );
    }
  };

  const runBulk = (action: BulkAction, plan?: TenantPlan) =>
    bulk.mutate(
      { action, ids: [...selected], ...(plan ? { plan } : {}) },
      {
        onSuccess: (result) => {
          summarize(result);
          selection.clear();
          closeBulk();
        },
      },
    );

  const copy = rowAction && rowAction.action !== 'reject' && rowAction.action !== 'suspend' ? CONFIRM_COPY[rowAction.action] : null;

  return (
    <>
      <PageHeader title="Tenants" description="Every organization on the platform." />
      <AdminTenantFiltersBar
        search={search}
        onSearch={setSearch}
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          selection.clear();
        }}
      />

      {canWrite && (
        <SelectionBar count={selected.size} onClear={selection.clear}>
          <Button size="xs" variant="light" color="orange" onClick={() => setBulkAction('suspend')}>
            Suspend
          </Button>
          <Button size="xs" variant="light" color="green" onClick={() => setBulkAction('activate')}>
            Activate
          </Button>
          <Button size="xs" variant="light" onClick={() => setBulkAction('change_plan')}>
            Change plan
          </Button>
        </SelectionBar>
      )}

      <PagedTable
        query={tenants}
        minWidth={900}
        empty={<EmptyList title="No tenant matches these filters" />}
        head={
          <>
            {canWrite && <SelectAllHeader selection={selection} ids={rows.map((t) => t.id)} label="Select all tenants" />}
            <Table.Th>Tenant</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th>Members</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th aria-label="Actions" />
          </>
        }
        row={(tenant) => (
          <Table.Tr key={tenant.id} data-testid="tenant-row">
            {canWrite && <SelectRowCell selection={selection} id={tenant.id} label={`Select ${tenant.name}`} />}
            <Table.Td>
              <Text fw={600}>{tenant.name}</Text>
              <Text size="xs" c="dimmed">
                {tenant.slug}
              </Text>
            </Table.Td>
            <Table.Td>{tenant.ownerEmail ?? '—'}</Table.Td>
            <Table.Td miw={120}>
              <StatusBadge status={tenant.status} />
              {tenant.statusReason && (
                <Text size="xs" c="dimmed" maw={200} lineClamp={2}>
                  {tenant.statusReason}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{tenant.plan}</Table.Td>
            <Table.Td>{tenant.memberCount}</Table.Td>
            <Table.Td>{format.date(tenant.createdAt)}</Table.Td>
            <Table.Td>
              <AdminTenantActions tenant={tenant} canWrite={canWrite} canImpersonate={canImpersonate} onAction={(action) => setRowAction({ action, tenant })} />
            </Table.Td>
          </Table.Tr>
        )}
      />

      {(rowAction?.action === 'reject' || rowAction?.action === 'suspend') && (
        <TenantReasonModal tenant={rowAction.tenant} mode={rowAction.action} onClose={closeRow} />
      )}
      <ConfirmModal
        opened={copy !== null}
        title={copy?.title ?? ''}
        message={rowAction && copy ? copy.message(rowAction.tenant) : ''}
        confirmLabel={copy?.label ?? ''}
        danger={copy?.danger}
        loading={transition.isPending || impersonate.isPending}
        error={transition.error ?? impersonate.error}
        onConfirm={confirmRow}
        onClose={closeRow}
      />
      <ConfirmModal
        opened={bulkAction === 'suspend' || bulkAction === 'activate'}
        title={bulkAction === 'suspend' ? 'Suspend tenants' : 'Activate tenants'}
        message={`${bulkAction === 'suspend' ? 'Suspend' : 'Activate'} ${selected.size} selected tenant(s)?`}
        confirmLabel={bulkAction === 'suspend' ? 'Suspend' : 'Activate'}
        danger={bulkAction === 'suspend'}
        loading={bulk.isPending}
        error={bulk.error}
        onConfirm={() => bulkAction && runBulk(bulkAction)}
        onClose={closeBulk}
      />
      {bulkAction === 'change_plan' && (
        <ChangePlanModal count={selected.size} pending={bulk.isPending} error={bulk.error} onSubmit={(plan) => runBulk('change_plan', plan)} onClose={closeBulk} />
      )}
    </>
  );
}
