import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type BillingSyncRun = ResponseOf<'/api/v1/billing/sync-runs/{id}', 'get'>;
export type SyncRunStatus = BillingSyncRun['status'];
export type SyncHealth = ResponseOf<'/api/v1/admin/billing/sync-health', 'get'>;
export type TenantSyncHealth = SyncHealth['tenants'][number];

export const SYNC_RUN_STATUSES: readonly SyncRunStatus[] = ['running', 'succeeded', 'failed'];

/** A run the worker is still working on: lists and details showing one ask again until it ends. */
const running = (run: BillingSyncRun) => run.status === 'running';
const POLL_MS = 2000;

export function useBillingSyncRuns() {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingSyncRunList(tenantId),
    fetchPage: (page) => unwrap(api.GET('/api/v1/billing/sync-runs', { params: { query: page } })),
    refetchInterval: (runs) => (runs.some(running) ? POLL_MS : false),
  });
}

export function useBillingSyncRun(id: string | null) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingSyncRun(tenantId, id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/billing/sync-runs/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(tenantId && id),
    refetchInterval: (query) => (query.state.data && running(query.state.data) ? POLL_MS : false),
  });
}

/** "Sync now" (`reconcile`) or the initial import: 202 with the new run, 409 sync-in-progress while one runs. */
export function useStartBillingSync() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: BillingSyncRun['kind']) =>
      unwrap(kind === 'import' ? api.POST('/api/v1/billing/import', { body: {} }) : api.POST('/api/v1/billing/sync', { body: {} })),
    // Also after a 409: the run that is in the way shows up in the list.
    onSettled: () => refetchAfterChange(queryClient, queryKeys.billingSyncRuns(tenantId)),
  });
}

export interface AdminSyncRunFilters {
  status: SyncRunStatus | null;
  tenantId: string | null;
}

export function useAdminSyncRuns(filters: AdminSyncRunFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.adminSyncRunList(tenantId, { ...filters }),
    fetchPage: (page) =>
      unwrap(api.GET('/api/v1/admin/billing/sync-runs', { params: { query: { status: filters.status ?? undefined, tenantId: filters.tenantId ?? undefined, ...page } } })),
    tenantScoped: false,
    refetchInterval: (runs) => (runs.some(running) ? POLL_MS : false),
  });
}

export function useSyncHealth() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.adminSyncHealth(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/admin/billing/sync-health')),
  });
}
