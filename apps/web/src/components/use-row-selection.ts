import { useState } from 'react';

/** The ids of the rows ticked in a list, for its bulk actions. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  /** Ticks exactly `ids` (all rows on screen), or nothing. */
  setAll: (ids: readonly string[], on: boolean) => void;
  clear: () => void;
}

export function useRowSelection(): RowSelection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return {
    selected,
    toggle: (id, on) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    setAll: (ids, on) => setSelected(new Set(on ? ids : [])),
    clear: () => setSelected(new Set()),
  };
}
