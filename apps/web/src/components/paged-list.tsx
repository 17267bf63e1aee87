import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { CursorPage } from '../api/paged-query';
import { EmptyList } from './empty-list';
import { ErrorState } from './error-state';
import { LoadingState } from './loading-state';
import { LoadMore } from './load-more';

interface PagedListProps<T> {
  query: UseInfiniteQueryResult<InfiniteData<CursorPage<T>>>;
  /** Shown when the list has no rows. */
  empty: { title: string; description?: ReactNode; action?: ReactNode };
  children: (rows: T[]) => ReactNode;
}

/** The states of a cursor-paginated list: loading, error with retry, empty, rows and "Load more". */
export function PagedList<T>({ query, empty, children }: PagedListProps<T>) {
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.isSuccess && rows.length === 0 && <EmptyList {...empty} />}
      {rows.length > 0 && children(rows)}
      <LoadMore hasNextPage={query.hasNextPage} isFetchingNextPage={query.isFetchingNextPage} fetchNextPage={query.fetchNextPage} />
    </>
  );
}
