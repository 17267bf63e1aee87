import { Button, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** "N selected" with the bulk actions (children) and Clear; hidden while nothing is selected. */
export function SelectionBar({ count, onClear, children }: { count: number; onClear: () => void; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <Paper withBorder p="xs" mb="md" bg="var(--mantine-color-blue-light)">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {count} selected
        </Text>
        <Group gap="xs">
          {children}
          <Button size="xs" variant="subtle" onClick={onClear}>
            Clear
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
