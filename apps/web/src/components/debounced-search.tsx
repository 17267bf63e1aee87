import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

interface DebouncedSearchProps {
  /** The search in effect (from the URL); the box follows it when it changes elsewhere (a link, Back). */
  value: string;
  /** Called with the trimmed text once typing pauses. */
  onChange: (search: string) => void;
  label: string;
  placeholder: string;
  maxLength: number;
  w?: number;
}

/** A search box that sends the typed text once typing pauses, and shows the search in effect when it changes elsewhere. */
export function DebouncedSearch({ value, onChange, label, placeholder, maxLength, w = 280 }: DebouncedSearchProps) {
  const [typed, setTyped] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // The search changed elsewhere (the navigation's link to the bare list): the box takes it.
    setShown(value);
    if (value !== typed.trim()) setTyped(value);
  }
  const [settled] = useDebouncedValue(typed.trim(), 300);
  // Only a pause in typing sends: a box still catching up with an outside change must not send its old text.
  const sent = useRef(settled);
  useEffect(() => {
    if (settled === sent.current) return;
    sent.current = settled;
    if (settled !== value) onChange(settled);
  }, [settled, value, onChange]);
  return <TextInput label={label} placeholder={placeholder} maxLength={maxLength} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} w={w} />;
}
