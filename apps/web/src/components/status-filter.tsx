import { SegmentedControl } from '@mantine/core';

interface StatusFilterProps<S extends string> {
  label: string;
  statuses: readonly S[];
  value: S | 'all';
  onChange: (value: S | 'all') => void;
}

/** "All" plus one choice per status, as a segmented control. */
export function StatusFilter<S extends string>({ label, statuses, value, onChange }: StatusFilterProps<S>) {
  const choices: (S | 'all')[] = ['all', ...statuses];
  return (
    <SegmentedControl
      aria-label={label}
      value={value}
      onChange={(next) => onChange(next as S | 'all')}
      data={choices.map((choice) => ({ value: choice, label: choice[0].toUpperCase() + choice.slice(1) }))}
    />
  );
}
