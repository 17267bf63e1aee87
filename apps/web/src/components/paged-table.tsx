import type { ReactNode } from 'react';
import { ListTable } from './list-table';
import { PagedList, type PagedQuery } from './paged-list';

export { pagedRows, type PagedQuery } from './paged-list';

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

/** A cursor-paginated list as a table: loading, error (with retry), empty state, rows and "Load more". */
export function PagedTable<T>({ query, empty, head, row, minWidth = 720 }: PagedTableProps<T>) {
  return (
    <PagedList query={query} empty={empty}>
      {(rows) => (
        <ListTable columns={head} minWidth={minWidth}>
          {rows.map(row)}
        </ListTable>
      )}
    </PagedList>
  );
}
