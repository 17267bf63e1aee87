import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One number of a health page, with what it counts and an optional line below. */
export function StatCard({ label, value, hint, alert = false, testId }: { label: string; value: ReactNode; hint?: ReactNode; alert?: boolean; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={28} fw={700} c={alert ? 'red' : undefined} data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" component="div">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
