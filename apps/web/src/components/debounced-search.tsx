import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';

interface DebouncedSearchProps {
  /** The search in effect (from the URL); the box starts from it. */
  value: string;
  /** Called with the trimmed text once typing pauses. */
  onChange: (search: string) => void;
  label: string;
  placeholder: string;
  maxLength: number;
  w?: number;
}

/** A search box that starts from the search in effect and sends the typed text once typing pauses. */
export function DebouncedSearch({ value, onChange, label, placeholder, maxLength, w = 280 }: DebouncedSearchProps) {
  const [typed, setTyped] = useState(value);
  const [settled] = useDebouncedValue(typed.trim(), 300);
  useEffect(() => {
    if (settled !== value) onChange(settled);
  }, [settled, value, onChange]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      maxLength={maxLength}
      value={typed}
      onChange={(e) => setTyped(e.currentTarget.value)}
      w={w}
    />
  );
}
