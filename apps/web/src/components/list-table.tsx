import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

interface ListTableProps {
  /** Column headings (an empty string is a heading-less actions column), or the header cells themselves. */
  columns: string[] | ReactNode;
  minWidth?: number;
  /** The rows (Table.Tr). */
  children: ReactNode;
}

/** The table of a list page: headings and rows, scrolling sideways on narrow screens. */
export function ListTable({ columns, minWidth = 720, children }: ListTableProps) {
  const head = Array.isArray(columns)
    ? (columns as string[]).map((column, index) => (column ? <Table.Th key={column}>{column}</Table.Th> : <Table.Th key={`actions-${index}`} aria-label="Actions" />))
    : columns;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
