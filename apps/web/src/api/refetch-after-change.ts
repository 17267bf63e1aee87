import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Refetches what a change made stale. A fetch already under way may have read the data before the
 * change committed, and React Query joins it instead of starting over when the query has no data yet
 * (a new search still showing the previous rows as placeholder): its stale answer would then stay.
 * So that fetch is cancelled first, and the data is asked for again.
 */
export async function refetchAfterChange(queryClient: QueryClient, queryKey: QueryKey): Promise<void> {
  await queryClient.cancelQueries({ queryKey });
  await queryClient.invalidateQueries({ queryKey });
}
