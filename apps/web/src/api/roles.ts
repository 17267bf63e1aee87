import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoleCreate, RoleUpdate } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';

export function useRoles(enabled = true) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.roles(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/roles')),
    enabled: Boolean(tenantId) && enabled,
    select: (page) => page.data,
  });
}

export function usePermissions(enabled = true) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.permissions(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/permissions')),
    enabled: Boolean(tenantId) && enabled,
    staleTime: 5 * 60_000,
    select: (page) => page.data,
  });
}

export function useCreateRole() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoleCreate) => unwrap(api.POST('/api/v1/roles', { body })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.roles(tenantId)),
  });
}

export function useUpdateRole() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RoleUpdate & { id: string }) =>
      unwrap(api.PATCH('/api/v1/roles/{id}', { params: { path: { id } }, body })),
    onSuccess: () => {
      void refetchAfterChange(queryClient, queryKeys.roles(tenantId));
      void refetchAfterChange(queryClient, ['me']);
    },
  });
}

export function useDeleteRole() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/roles/{id}', { params: { path: { id } } })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.roles(tenantId)),
  });
}
