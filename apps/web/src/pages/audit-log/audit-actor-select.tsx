import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useMembers } from '../../api/members';
import { useSession } from '../../auth/use-session';

/** Picks a member as the actor to filter by; searches members on the server as the user types. */
export function AuditActorSelect({ value, onChange }: { value: string | null; onChange: (userId: string | null) => void }) {
  const { can } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const members = useMembers({ q, role: null }, can('members:read'));
  const options = (members.data?.pages.flatMap((page) => page.data) ?? []).map((m) => ({ value: m.userId, label: m.email }));
  // Keep the chosen actor listed even when the current search no longer returns it.
  if (value && picked?.value === value && !options.some((o) => o.value === value)) options.unshift(picked);
  return (
    <Select
      label="Actor"
      placeholder={can('members:read') ? 'Anyone' : 'Needs members:read'}
      disabled={!can('members:read')}
      searchable
      clearable
      filter={({ options: all }) => all}
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={members.isFetching ? 'Searching…' : 'No member found'}
      onChange={(userId, option) => {
        setPicked(userId ? { value: userId, label: option?.label ?? userId } : null);
        onChange(userId);
      }}
      w={240}
    />
  );
}
