import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TenantUpdate } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';

/** `staleTime`: for readers that only need the settings (useFormat), so each mount does not ask again. */
export function useTenant({ enabled = true, staleTime = 0 }: { enabled?: boolean; staleTime?: number } = {}) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.tenant(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/tenant')),
    enabled: enabled && Boolean(tenantId),
    staleTime,
  });
}

export function useUpdateTenant() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TenantUpdate) => unwrap(api.PATCH('/api/v1/tenant', { body })),
    onSuccess: (tenant) => {
      queryClient.setQueryData(queryKeys.tenant(tenantId), tenant);
      // The tenant name also appears in /auth/me (switcher, header).
      void refetchAfterChange(queryClient, ['me']);
    },
  });
}
