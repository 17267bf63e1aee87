import { useInfiniteQuery } from '@tanstack/react-query';
import { useActiveTenantId } from '../auth/token-store';
import { keepWithinTenant } from './keep-within-tenant';

export const PAGE_SIZE = 25;

/** The paging part of a list request: spread it into the query parameters. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

interface PagedListOptions<Page extends { data: unknown[] }> {
  /** The query key for the active tenant (see query-keys.ts). */
  queryKey: (tenantId: string | null) => readonly unknown[];
  fetchPage: (page: PageRequest) => Promise<Page>;
  /** Tenant lists wait for a tenant; platform lists (admin) do not need one. */
  tenantScoped?: boolean;
  enabled?: boolean;
  /** Poll while some rows are still changing (queued emails, pending deliveries). */
  refetchInterval?: (rows: Page['data']) => number | false;
}

/** A cursor-paginated list (`{ data, nextCursor }` pages) loaded page by page with "Load more". */
export function usePagedList<Page extends { data: unknown[]; nextCursor?: string | null }>({
  queryKey,
  fetchPage,
  tenantScoped = true,
  enabled = true,
  refetchInterval,
}: PagedListOptions<Page>) {
  const tenantId = useActiveTenantId();
  return useInfiniteQuery({
    queryKey: queryKey(tenantId),
    queryFn: ({ pageParam }) => fetchPage({ limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Changing a filter keeps the current rows on screen until the new ones arrive.
    placeholderData: (previous, previousQuery) => keepWithinTenant(previous, previousQuery, tenantId),
    enabled: (!tenantScoped || Boolean(tenantId)) && enabled,
    refetchInterval: refetchInterval
      ? (query) => refetchInterval((query.state.data?.pages.flatMap((page) => page.data) ?? []) as Page['data'])
      : undefined,
  });
}
