import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { AdminTenantBulk, TenantPlan, TenantStatus } from '@app/api-client';
import { tokenStore, useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { endOfDay, startOfDay } from './day-range';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export interface AdminTenantFilters {
  q: string;
  status: TenantStatus | null;
  plan: TenantPlan | null;
  /** Calendar days (YYYY-MM-DD) in the viewer's time zone, both ends included. */
  createdFrom: string | null;
  createdTo: string | null;
}

export function useAdminTenants(filters: AdminTenantFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.adminTenantList(tenantId, { ...filters }),
    fetchPage: (page) =>
      unwrap(
        api.GET('/api/v1/admin/tenants', {
          params: {
            query: {
              q: filters.q || undefined,
              status: filters.status ?? undefined,
              plan: filters.plan ?? undefined,
              createdFrom: startOfDay(filters.createdFrom),
              createdTo: endOfDay(filters.createdTo),
              ...page,
            },
          },
        }),
      ),
    tenantScoped: false,
  });
}

export type TenantTransition = 'approve' | 'activate';

function useInvalidateAdminTenants() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, queryKeys.adminTenants(tenantId));
}

export function useTenantTransition() {
  const invalidate = useInvalidateAdminTenants();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: TenantTransition }) => {
      const options = { params: { path: { id } } };
      if (action === 'approve') return unwrap(api.POST('/api/v1/admin/tenants/{id}/approve', options));
      return unwrap(api.POST('/api/v1/admin/tenants/{id}/activate', options));
    },
    onSuccess: invalidate,
  });
}

export function useSuspendTenant() {
  const invalidate = useInvalidateAdminTenants();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/admin/tenants/{id}/suspend', { params: { path: { id } }, body: reason ? { reason } : {} })),
    onSuccess: invalidate,
  });
}

export function useRejectTenant() {
  const invalidate = useInvalidateAdminTenants();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/admin/tenants/{id}/reject', { params: { path: { id } }, body: { reason } })),
    onSuccess: invalidate,
  });
}

export function useBulkTenantAction() {
  const invalidate = useInvalidateAdminTenants();
  return useMutation({
    mutationFn: (body: AdminTenantBulk) => unwrap(api.POST('/api/v1/admin/tenants/bulk', { body })),
    onSuccess: invalidate,
  });
}

/** Starts impersonating and opens the tenant's home page (before the token swap remounts the app). */
export function useImpersonate() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/admin/tenants/{id}/impersonate', { params: { path: { id } }, body: {} })),
    onSuccess: (result) => {
      navigate('/');
      tokenStore.startImpersonation(result);
    },
  });
}
