import { Checkbox, Table } from '@mantine/core';
import type { RowSelection } from './use-row-selection';

/** The header cell ticking every row on screen (indeterminate when only some are). */
export function SelectAllHeader({ selection, ids, label }: { selection: RowSelection; ids: readonly string[]; label: string }) {
  const all = ids.length > 0 && ids.every((id) => selection.selected.has(id));
  return (
    <Table.Th w={40}>
      <Checkbox
        aria-label={label}
        checked={all}
        indeterminate={!all && ids.some((id) => selection.selected.has(id))}
        onChange={(e) => selection.setAll(ids, e.currentTarget.checked)}
      />
    </Table.Th>
  );
}

/** The cell ticking one row; its clicks do not reach a clickable row. */
export function SelectRowCell({ selection, id, label }: { selection: RowSelection; id: string; label: string }) {
  return (
    <Table.Td onClick={(e) => e.stopPropagation()}>
      <Checkbox aria-label={label} checked={selection.selected.has(id)} onChange={(e) => selection.toggle(id, e.currentTarget.checked)} />
    </Table.Td>
  );
}
