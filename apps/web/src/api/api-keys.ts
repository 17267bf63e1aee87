import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKeyCreate, ApiKeyStatus } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export function useApiKeys(filters: { status: ApiKeyStatus | null }) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.apiKeyList(tenantId, filters),
    fetchPage: (page) => unwrap(api.GET('/api/v1/api-keys', { params: { query: { status: filters.status ?? undefined, ...page } } })),
  });
}

export function useCreateApiKey() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyCreate) => unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.apiKeys(tenantId)),
  });
}

export function useRevokeApiKey() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.apiKeys(tenantId)),
  });
}
