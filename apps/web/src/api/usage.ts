import { useQuery } from '@tanstack/react-query';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';

export function useUsage() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.usage(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/usage')),
    enabled: Boolean(tenantId),
  });
}
