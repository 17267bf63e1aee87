import { SegmentedControl } from '@mantine/core';

const title = (status: string) => status[0].toUpperCase() + status.slice(1);

/** "All" plus one choice per status; `null` stands for all. */
export function StatusFilter<S extends string>({
  statuses,
  value,
  onChange,
  label = 'Filter by status',
}: {
  statuses: readonly S[];
  value: S | null;
  onChange: (status: S | null) => void;
  label?: string;
}) {
  return (
    <SegmentedControl
      mb="md"
      aria-label={label}
      value={value ?? 'all'}
      onChange={(next) => onChange(next === 'all' ? null : (next as S))}
      data={[{ value: 'all', label: 'All' }, ...statuses.map((status) => ({ value: status, label: title(status) }))]}
    />
  );
}
