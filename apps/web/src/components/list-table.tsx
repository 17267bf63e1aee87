import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

interface ListTableProps {
  /** Column headings; an empty string is a heading-less actions column. */
  columns: string[];
  minWidth?: number;
  /** The rows (Table.Tr). */
  children: ReactNode;
}

/** The table of a list page: headings and rows, scrolling sideways on narrow screens. */
export function ListTable({ columns, minWidth = 720, children }: ListTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (column ? <Table.Th key={column}>{column}</Table.Th> : <Table.Th key={`actions-${index}`} aria-label="Actions" />))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
