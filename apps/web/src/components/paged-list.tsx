import type { ReactNode } from 'react';
import { ErrorState } from './error-state';
import { LoadingState } from './loading-state';
import { LoadMore } from './load-more';

/** The parts of a React Query infinite list of `{ data, nextCursor }` pages a list page reads. */
export interface PagedQuery<T> {
  data: { pages: readonly { data: readonly T[] }[] } | undefined;
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

export function pagedRows<T>(query: PagedQuery<T>): T[] {
  return query.data?.pages.flatMap((page) => page.data) ?? [];
}

interface PagedListProps<T> {
  query: PagedQuery<T>;
  /** Shown when the list loaded and has no rows (usually an EmptyList). */
  empty: ReactNode;
  children: (rows: T[]) => ReactNode;
}

/** The states of a cursor-paginated list: loading, error with retry, empty, rows and "Load more". */
export function PagedList<T>({ query, empty, children }: PagedListProps<T>) {
  const rows = pagedRows(query);
  return (
    <>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.isSuccess && rows.length === 0 && empty}
      {rows.length > 0 && children(rows)}
      <LoadMore hasNextPage={query.hasNextPage} isFetchingNextPage={query.isFetchingNextPage} fetchNextPage={query.fetchNextPage} />
    </>
  );
}
