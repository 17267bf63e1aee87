import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';

export type PlatformSettings = ResponseOf<'/api/v1/admin/settings', 'get'>;
export type PlatformSettingsUpdate = RequestOf<'/api/v1/admin/settings', 'patch'>;
export type PlatformFeatureFlag = ResponseOf<'/api/v1/admin/feature-flags', 'get'>['data'][number];

export function usePlatformSettings() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.platformSettings(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/admin/settings')),
  });
}

export function useUpdatePlatformSettings() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlatformSettingsUpdate) => unwrap(api.PATCH('/api/v1/admin/settings', { body })),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.platformSettings(tenantId), saved),
  });
}

export function usePlatformFeatureFlags() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.platformFeatureFlags(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/admin/feature-flags')),
    select: (list) => list.data,
  });
}

/** Sets the platform-wide default (`enabled`) or, with null, goes back to the product default. */
export function useSetPlatformFeatureFlag() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, enabled }: { key: string; enabled: boolean | null }) =>
      enabled === null
        ? unwrap(api.DELETE('/api/v1/admin/feature-flags/{key}', { params: { path: { key } } }))
        : unwrap(api.PUT('/api/v1/admin/feature-flags/{key}', { params: { path: { key } }, body: { enabled } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.platformFeatureFlags(tenantId) }),
  });
}
