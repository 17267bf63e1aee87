import { Badge, Group } from '@mantine/core';

export function RoleBadges({ roles }: { roles: readonly { id: string; name: string }[] }) {
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role.id} variant="light">
          {role.name}
        </Badge>
      ))}
    </Group>
  );
}
