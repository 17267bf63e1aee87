import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { MemberUpdate } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { keepWithinTenant } from './keep-within-tenant';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';

export const PAGE_SIZE = 25;

export function useMembers(filters: { q: string; role: string | null }) {
  const tenantId = useActiveTenantId();
  return useInfiniteQuery({
    queryKey: queryKeys.memberList(tenantId, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/members', {
          params: {
            query: {
              q: filters.q || undefined,
              role: filters.role ?? undefined,
              limit: PAGE_SIZE,
              cursor: pageParam ?? undefined,
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Changing a filter keeps the current rows on screen until the new ones arrive.
    placeholderData: (previous, previousQuery) => keepWithinTenant(previous, previousQuery, tenantId),
    enabled: Boolean(tenantId),
  });
}

export function useUpdateMember() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: MemberUpdate & { id: string }) =>
      unwrap(api.PATCH('/api/v1/members/{id}', { params: { path: { id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members(tenantId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.roles(tenantId) });
    },
  });
}

export function useRemoveMember() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/members/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members(tenantId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.roles(tenantId) });
    },
  });
}
