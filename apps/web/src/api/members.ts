import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MemberUpdate } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export function useMembers(filters: { q: string; role: string | null }, enabled = true) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.memberList(tenantId, filters),
    fetchPage: (page) => unwrap(api.GET('/api/v1/members', { params: { query: { q: filters.q || undefined, role: filters.role ?? undefined, ...page } } })),
    enabled,
  });
}

export function useUpdateMember() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: MemberUpdate & { id: string }) =>
      unwrap(api.PATCH('/api/v1/members/{id}', { params: { path: { id } }, body })),
    onSuccess: () => {
      void refetchAfterChange(queryClient, queryKeys.members(tenantId));
      void refetchAfterChange(queryClient, queryKeys.roles(tenantId));
    },
  });
}

export function useRemoveMember() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/members/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void refetchAfterChange(queryClient, queryKeys.members(tenantId));
      void refetchAfterChange(queryClient, queryKeys.roles(tenantId));
    },
  });
}
