import { Checkbox, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Permission } from '@app/api-client';

interface PermissionCheckboxesProps {
  catalog: readonly Permission[];
  value: string[];
  onChange: (keys: string[]) => void;
  readOnly?: boolean;
  label?: string;
  /** Keys the user may tick; the others are shown disabled. All by default. */
  selectable?: (key: string) => boolean;
}

function groupBy(catalog: readonly Permission[]) {
  const groups = new Map<string, Permission[]>();
  for (const permission of catalog) {
    const list = groups.get(permission.group) ?? [];
    list.push(permission);
    groups.set(permission.group, list);
  }
  return [...groups.entries()];
}

const everything = () => true;

/** Permission checkboxes grouped by resource, each group with an "all" checkbox. */
export function PermissionCheckboxes({ catalog, value, onChange, readOnly, label = 'Permissions', selectable = everything }: PermissionCheckboxesProps) {
  const selected = new Set(value);
  const toggle = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    keys.forEach((key) => (on ? next.add(key) : next.delete(key)));
    onChange(catalog.map((p) => p.key).filter((key) => next.has(key)));
  };

  return (
    <Stack gap="sm">
      <Text fw={500} size="sm">
        {label}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {groupBy(catalog).map(([group, permissions]) => {
          const keys = permissions.map((p) => p.key).filter(selectable);
          const count = keys.filter((key) => selected.has(key)).length;
          return (
            <Paper key={group} withBorder p="sm" data-testid={`permission-group-${group}`}>
              <Checkbox
                label={<Text fw={600} tt="capitalize">{group.replace(/[._]/g, ' ')}</Text>}
                aria-label={`All ${group} permissions`}
                checked={keys.length > 0 && count === keys.length}
                indeterminate={count > 0 && count < keys.length}
                disabled={readOnly || keys.length === 0}
                onChange={(e) => toggle(keys, e.currentTarget.checked)}
                mb="xs"
              />
              <Stack gap={6} pl="lg">
                {permissions.map((permission) => (
                  <Checkbox
                    key={permission.key}
                    size="xs"
                    label={permission.key}
                    description={permission.description}
                    checked={selected.has(permission.key)}
                    disabled={readOnly || !selectable(permission.key)}
                    onChange={(e) => toggle([permission.key], e.currentTarget.checked)}
                  />
                ))}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
