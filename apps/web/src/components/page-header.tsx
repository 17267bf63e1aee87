import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg">
      <div>
        <Title order={1} size="h2">{title}</Title>
        {description && <Text c="dimmed">{description}</Text>}
      </div>
      {actions && <Group>{actions}</Group>}
    </Group>
  );
}
