import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorState } from './error-state';
import { LoadingState } from './loading-state';
import { LoadMore } from './load-more';

/** The parts of a React Query infinite list of `{ data, nextCursor }` pages this table reads. */
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

interface PagedTableProps<T> {
  query: PagedQuery<T>;
  /** Shown when the list loaded and has no rows (usually an EmptyList). */
  empty: ReactNode;
  /** Header cells. */
  head: ReactNode;
  /** One `<Table.Tr>` per item, with its key. */
  row: (item: T) => ReactNode;
  minWidth?: number;
}

export function pagedRows<T>(query: PagedQuery<T>): T[] {
  return query.data?.pages.flatMap((page) => page.data) ?? [];
}

/** A cursor-paginated list as a table: loading, error (with retry), empty state, rows and "Load more". */
export function PagedTable<T>({ query, empty, head, row, minWidth = 720 }: PagedTableProps<T>) {
  const rows = pagedRows(query);
  return (
    <>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.isSuccess && rows.length === 0 && empty}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>{head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows.map(row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasNextPage={query.hasNextPage} isFetchingNextPage={query.isFetchingNextPage} fetchNextPage={query.fetchNextPage} />
    </>
  );
}
