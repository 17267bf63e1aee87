import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label/value pairs of a record, in columns. */
export function FactGrid({ facts, cols = 2 }: { facts: [label: string, value: ReactNode][]; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: cols }} spacing="xs">
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm" component="div">
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
