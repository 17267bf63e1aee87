import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';

export function useAuthSessions() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.sessions(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/auth/sessions')),
  });
}

export function useRevokeAuthSession() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.sessions(tenantId)),
  });
}
