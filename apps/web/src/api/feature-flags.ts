import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';

export type FeatureFlag = ResponseOf<'/api/v1/feature-flags', 'get'>['data'][number];

export function useFeatureFlags(enabled = true) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.featureFlags(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/feature-flags')),
    enabled: Boolean(tenantId) && enabled,
    select: (list) => list.data,
  });
}

/** Sets the tenant's override (`enabled`) or, with null, goes back to the platform default. */
export function useSetFeatureFlag() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, enabled }: { key: string; enabled: boolean | null }) =>
      enabled === null
        ? unwrap(api.DELETE('/api/v1/feature-flags/{key}', { params: { path: { key } } }))
        : unwrap(api.PUT('/api/v1/feature-flags/{key}', { params: { path: { key } }, body: { enabled } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.featureFlags(tenantId) }),
  });
}
