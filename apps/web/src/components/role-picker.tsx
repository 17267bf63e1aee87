import { Checkbox, SimpleGrid, Skeleton } from '@mantine/core';
import { useRoles } from '../api/roles';
import { ProblemAlert } from './problem-alert';

interface RolePickerProps {
  value: string[];
  onChange: (roleIds: string[]) => void;
  error?: string;
}

/** Role checkboxes (by role id) used when inviting a member or changing a member's roles. */
export function RolePicker({ value, onChange, error }: RolePickerProps) {
  const roles = useRoles();
  if (roles.isPending) return <Skeleton h={120} />;
  if (roles.isError) return <ProblemAlert error={roles.error} />;
  return (
    <Checkbox.Group label="Roles" value={value} onChange={onChange} error={error} required>
      <SimpleGrid cols={2} mt="xs" spacing="xs">
        {roles.data.map((role) => (
          <Checkbox key={role.id} value={role.id} label={role.name} description={role.description || undefined} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
