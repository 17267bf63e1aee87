import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyList({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState py="xl" title={title} description={description} data-testid="empty-state">
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
