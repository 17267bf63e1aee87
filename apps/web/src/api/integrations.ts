import { useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';

export type IntegrationStatus = ResponseOf<'/api/v1/integrations/status', 'get'>;

export function useIntegrationStatus(enabled = true) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.integrationStatus(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/integrations/status')),
    enabled: Boolean(tenantId) && enabled,
  });
}

export function usePlatformIntegrationStatus() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.platformIntegrationStatus(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/admin/integrations/status')),
  });
}
