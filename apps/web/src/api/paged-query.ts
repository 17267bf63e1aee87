import { useInfiniteQuery } from '@tanstack/react-query';
import { useActiveTenantId } from '../auth/token-store';
import { keepWithinTenant } from './keep-within-tenant';

export interface CursorPage<T> {
  data: T[];
  nextCursor?: string | null;
}

/**
 * A cursor-paginated list of the active tenant. The key must start with ['tenant', tenantId, …]
 * (see query-keys.ts); changing a filter keeps the current rows on screen until the new ones arrive.
 */
export function usePagedQuery<T>(
  queryKey: readonly unknown[],
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  options: { enabled?: boolean; refetchInterval?: (rows: T[]) => number | false } = {},
) {
  const tenantId = useActiveTenantId();
  const { enabled = true, refetchInterval } = options;
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam ?? undefined),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous, previousQuery) => keepWithinTenant(previous, previousQuery, tenantId),
    enabled: Boolean(tenantId) && enabled,
    refetchInterval: refetchInterval
      ? (query) => refetchInterval(query.state.data?.pages.flatMap((page) => page.data) ?? [])
      : undefined,
  });
}
